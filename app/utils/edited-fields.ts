// Which inputs of a form the person changed since the page showed it, sent with the form as
// `_edited` (a JSON list of input names), so that the server can tell an edit from text that was
// altered on its way (docs/decisions/0009). Absent when the browser ran no JavaScript.

export const editedInputName = '_edited';

function changed(element: Element): boolean {
  if (element instanceof HTMLInputElement) {
    if (element.type === 'checkbox' || element.type === 'radio') return element.checked !== element.defaultChecked;
    if (['hidden', 'submit', 'button', 'file', 'password'].includes(element.type)) return false;
    return element.value !== element.defaultValue;
  }
  if (element instanceof HTMLTextAreaElement) return element.value !== element.defaultValue;
  if (element instanceof HTMLSelectElement) return Array.from(element.options).some((o) => o.selected !== o.defaultSelected);
  return false;
}

/** The names of the inputs whose value differs from the one the page rendered. */
export function changedInputNames(form: HTMLFormElement): string[] {
  const names = new Set<string>();
  for (const element of Array.from(form.elements)) {
    const name = element.getAttribute('name');
    if (name && !name.startsWith('_') && changed(element)) names.add(name);
  }
  return [...names];
}

/** The reported names, or null when the form did not report (no JavaScript, or not such a form). */
export function readEdited(formData: FormData): Set<string> | null {
  const raw = formData.get(editedInputName);
  if (typeof raw !== 'string' || !raw.startsWith('[')) return null;
  try {
    const names = JSON.parse(raw) as unknown;
    return Array.isArray(names) ? new Set(names.filter((n): n is string => typeof n === 'string').slice(0, 1000)) : null;
  } catch {
    return null;
  }
}
