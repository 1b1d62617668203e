// Markup written as text where React would cost more than the page is worth (the rows of long tables,
// docs/decisions/0027): text and attribute values escaped as React escapes them, so the page's bytes are the
// ones React would write and the browser's hydration finds what it expects.

const entities: Record<string, string> = { '"': '&quot;', '&': '&amp;', "'": '&#x27;', '<': '&lt;', '>': '&gt;' };
const special = /["&'<>]/;
const specials = /["&'<>]/g;

/** A text or an attribute's value as React writes it into markup. */
export function escapeMarkup(text: string | number): string {
  const value = String(text);
  // Tested first without /g: most texts have nothing to escape, and a global pattern's search is slower.
  return special.test(value) ? value.replace(specials, (c) => entities[c]!) : value;
}
