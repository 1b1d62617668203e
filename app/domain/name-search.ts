// Narrowing a list of people as someone types: a name, its reading, a municipality or a 期. Typed
// text and the list are compared after the same folding (full-width to half-width, katakana to
// hiragana, no spaces), so 「ヤマダ」「やまだ」「山田 」 and 「３期」 all find what they mean.

/** Folds text for comparison: NFKC, lower case, katakana to hiragana, no spaces. */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[\u30a1-\u30f6]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0x60))
    .replace(/\s+/g, '');
}

/** One searchable key of several fields; each field starts after a `|`, so 「3期」 can be held to the start of a field. */
export function searchKey(fields: string[]): string {
  return fields.map((f) => `|${foldForSearch(f)}`).join('');
}

/**
 * Does the key hold every word of the query (words split by spaces)? A word that starts with a number
 * and 期 (「3期」「3期生」) must start a field, so 3期 does not find 13期生.
 */
export function matchesQuery(key: string, query: string): boolean {
  const words = query.normalize('NFKC').split(/\s+/).map(foldForSearch).filter(Boolean);
  return words.every((word) => key.includes(/^\d+期/.test(word) ? `|${word}` : word));
}
