import { now } from './clock';

// Drafts of long forms, kept in this browser until the server has accepted them, so that text
// survives a reload, a network error and an expired session (sign in again and it comes back).

const prefix = 'jinmane:draft:';
const maxAgeMs = 14 * 24 * 60 * 60 * 1000;

export type Draft = { savedAt: string; fields: [string, string][] };

export function draftKey(userId: number, pathname: string, form: string) {
  return `${prefix}${userId}:${pathname}:${form}`;
}

/** The form's text fields (never passwords, files or the hidden intent). */
export function readFields(form: HTMLFormElement): [string, string][] {
  const out: [string, string][] = [];
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || element.name === 'intent' || element.name.startsWith('_')) continue;
    if (element instanceof HTMLInputElement) {
      if (['password', 'file', 'hidden', 'submit', 'button'].includes(element.type)) continue;
      if ((element.type === 'checkbox' || element.type === 'radio') && !element.checked) continue;
    }
    out.push([element.name, element.value]);
  }
  return out;
}

/**
 * Writes a draft (the whole form) into the form; with `onlyNamed`, only the inputs `fields` names
 * (the fields a refused save takes from the newer version, app/components/StaleNotice.tsx).
 */
export function writeFields(form: HTMLFormElement, fields: [string, string][], { onlyNamed = false } = {}) {
  const byName = new Map<string, string[]>();
  for (const [name, value] of fields) byName.set(name, [...(byName.get(name) ?? []), value]);
  for (const element of Array.from(form.elements)) {
    if (!(element instanceof HTMLInputElement || element instanceof HTMLTextAreaElement || element instanceof HTMLSelectElement)) continue;
    if (!element.name || element.name === 'intent' || element.name.startsWith('_')) continue;
    if (onlyNamed && !byName.has(element.name)) continue;
    const values = byName.get(element.name);
    if (element instanceof HTMLInputElement && (element.type === 'checkbox' || element.type === 'radio')) {
      // A draft holds the whole form, so a box it does not mention was unticked.
      element.checked = (values ?? []).includes(element.value);
    } else if (!values) {
      // A row's record id the draft did not have: that row was new (blank) when the draft was kept, and
      // what it held now lands here, so it must not be saved onto the record shown in this place now.
      if (element.name.endsWith('.id') && element instanceof HTMLInputElement) element.value = '';
      continue;
    } else if (!(element instanceof HTMLInputElement && ['password', 'file', 'hidden'].includes(element.type))) {
      element.value = values.shift() ?? element.value;
    }
  }
}

export function loadDraft(key: string): Draft | null {
  try {
    const raw = window.localStorage.getItem(key);
    if (!raw) return null;
    const draft = JSON.parse(raw) as Draft;
    if (now().getTime() - new Date(draft.savedAt).getTime() > maxAgeMs) {
      window.localStorage.removeItem(key);
      return null;
    }
    return draft;
  } catch {
    return null;
  }
}

export function saveDraft(key: string, fields: [string, string][]) {
  try {
    window.localStorage.setItem(key, JSON.stringify({ savedAt: now().toISOString(), fields } satisfies Draft));
  } catch {
    // storage full or disabled: the form still works, only without the safety net
  }
}

export function removeDraft(key: string) {
  try {
    window.localStorage.removeItem(key);
  } catch {
    // nothing to remove
  }
}

/** On an explicit sign-out the person chose to leave: drafts on a shared PC should not stay. */
export function removeAllDrafts(userId: number) {
  try {
    for (const key of Object.keys(window.localStorage)) {
      if (key.startsWith(`${prefix}${userId}:`)) window.localStorage.removeItem(key);
    }
  } catch {
    // nothing to remove
  }
}
