// The text of an uploaded CSV file, whichever encoding the office PC saved it in (docs/csv.md): UTF-8 with
// or without a BOM (Excel's 「CSV UTF-8」, Google フォーム, Microsoft Forms), Shift_JIS (CP932, Excel's plain
// 「CSV」), and UTF-16 with or without a BOM (Excel's 「Unicode テキスト」). A file that is none of them is
// refused rather than read with U+FFFD in place of the team's words.

export type CsvEncoding = 'UTF-8' | 'Shift_JIS' | 'UTF-16LE' | 'UTF-16BE';
export type DecodedCsv = { text: string; encoding: CsvEncoding };

const decoders: Record<CsvEncoding, string> = { 'UTF-8': 'utf-8', Shift_JIS: 'shift_jis', 'UTF-16LE': 'utf-16le', 'UTF-16BE': 'utf-16be' };

function decode(bytes: Uint8Array, encoding: CsvEncoding): DecodedCsv | null {
  try {
    // fatal: a byte sequence the encoding does not have is an error, never U+FFFD.
    return { text: new TextDecoder(decoders[encoding], { fatal: true }).decode(bytes), encoding };
  } catch {
    return null;
  }
}

/**
 * UTF-16 without a BOM, told by its NUL bytes: the ASCII of a CSV (commas, line ends, digits) has a zero
 * high byte, after the low one in little-endian order and before it in big-endian. Neither UTF-8 nor
 * Shift_JIS text has NUL bytes.
 */
function utf16Order(bytes: Uint8Array): CsvEncoding | null {
  if (bytes.length < 2 || bytes.length % 2 !== 0) return null;
  let even = 0;
  let odd = 0;
  const end = Math.min(bytes.length, 65_536);
  for (let i = 0; i < end; i++) {
    if (bytes[i] !== 0) continue;
    if (i % 2 === 0) even++;
    else odd++;
  }
  if (even + odd === 0) return null;
  return odd >= even ? 'UTF-16LE' : 'UTF-16BE';
}

/** The file's text and the encoding it was read in, or null when it is in none of the encodings above. */
export function decodeCsv(bytes: Uint8Array): DecodedCsv | null {
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return decode(bytes, 'UTF-16LE');
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return decode(bytes, 'UTF-16BE');
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return decode(bytes, 'UTF-8');
  const utf16 = utf16Order(bytes);
  if (utf16) return decode(bytes, utf16);
  return decode(bytes, 'UTF-8') ?? decode(bytes, 'Shift_JIS');
}

/** Said when decodeCsv finds no encoding. */
export const undecodableCsv = '文字コードを読み取れません。Excel の「CSV UTF-8（コンマ区切り）」で保存し直してください。';
