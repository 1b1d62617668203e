// Encoders for the files offices save, so tests can write what Excel writes: Shift_JIS (CP932) and UTF-16.
// Node encodes only UTF-8 and UTF-16LE; the Shift_JIS table is read back from Node's own decoder.

let table: Map<string, number[]> | null = null;

function shiftJisTable() {
  if (table) return table;
  table = new Map();
  const decoder = new TextDecoder('shift_jis', { fatal: true });
  for (let b = 0x20; b < 0x7f; b++) table.set(String.fromCharCode(b), [b]);
  for (let b = 0xa1; b <= 0xdf; b++) table.set(decoder.decode(new Uint8Array([b])), [b]);
  for (const lead of [...range(0x81, 0x9f), ...range(0xe0, 0xfc)]) {
    for (const trail of [...range(0x40, 0x7e), ...range(0x80, 0xfc)]) {
      try {
        const char = decoder.decode(new Uint8Array([lead, trail]));
        // CP932 has duplicates (NEC and IBM extensions): the first one, as Excel writes.
        if (!table.has(char)) table.set(char, [lead, trail]);
      } catch {
        // not a character
      }
    }
  }
  return table;
}

function range(from: number, to: number) {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

/** The text in Shift_JIS (CP932) bytes; CR and LF pass through. */
export function encodeShiftJis(text: string): Uint8Array {
  const map = shiftJisTable();
  const out: number[] = [];
  for (const char of text) {
    if (char === '\r' || char === '\n' || char === '\t') out.push(char.charCodeAt(0));
    else {
      const bytes = map.get(char);
      if (!bytes) throw new Error(`not in Shift_JIS: ${char}`);
      out.push(...bytes);
    }
  }
  return new Uint8Array(out);
}

export function encodeUtf16le(text: string, bom = true): Uint8Array {
  return new Uint8Array(Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le'));
}

export function encodeUtf16be(text: string, bom = true): Uint8Array {
  const bytes = Buffer.from(`${bom ? '\uFEFF' : ''}${text}`, 'utf16le');
  bytes.swap16();
  return new Uint8Array(bytes);
}
