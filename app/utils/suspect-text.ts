// Characters that no one types into a form: U+FFFD (what a browser makes of a NUL byte or broken
// UTF-8) and the C0 control characters other than TAB, LF and CR. Postgres refuses NUL itself in
// text and jsonb, so a NUL that reached a form field was stored as U+FFFD (docs/decisions/0009).

// eslint-disable-next-line no-control-regex -- finding control characters is the point
const suspect = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFD]/u;
const suspectAll = new RegExp(suspect.source, 'gu');

/** The same set as a Postgres regular expression (ARE escapes), to filter rows in SQL. */
export const suspectTextPattern = '[\\x01-\\x08\\x0B\\x0C\\x0E-\\x1F\\uFFFD]';

export function hasSuspectText(text: string): boolean {
  return suspect.test(text);
}

/** Every suspect character in `text`, as U+XXXX codes, in order. */
export function suspectCodes(text: string): string[] {
  return Array.from(text.matchAll(suspectAll), (m) => codeOf(m[0]));
}

function codeOf(char: string): string {
  return `U+${char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
}

/** The character made visible: 〔�〕 for U+FFFD, 〔U+0001〕 for a control character. */
export function showSuspect(char: string): string {
  return char === '\uFFFD' ? '〔�〕' : `〔${codeOf(char)}〕`;
}

/** The whole text with every suspect character made visible, for showing what arrived. */
export function showSuspectCharacters(text: string): string {
  return text.replace(suspectAll, showSuspect);
}

/**
 * A one-line excerpt around the first suspect character, `radius` characters either side, with
 * every suspect character inside it shown in 〔〕 and line breaks as ↵.
 */
export function suspectExcerpt(text: string, radius = 12): string {
  const chars = Array.from(text.replace(/\r\n?/g, '\n')); // code points: a surrogate pair is never cut
  const first = chars.findIndex((c) => suspect.test(c));
  if (first < 0) return '';
  const start = Math.max(0, first - radius);
  const end = Math.min(chars.length, first + radius + 1);
  const body = chars
    .slice(start, end)
    .map((c) => (suspect.test(c) ? showSuspect(c) : c === '\n' ? '↵' : c === '\t' ? ' ' : c))
    .join('');
  return `${start > 0 ? '…' : ''}${body}${end < chars.length ? '…' : ''}`;
}
