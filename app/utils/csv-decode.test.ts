import { describe, expect, it } from 'vitest';
import { decodeCsv } from './csv-decode';

const text = 'タイムスタンプ,市役所について満足していますか？\r\n2026/06/15 9:41:23,はい\r\n';
const bytes = (b: Buffer | number[]) => new Uint8Array(b);
const utf16be = (s: string) => {
  const b = Buffer.from(s, 'utf16le');
  b.swap16();
  return b;
};

describe('decodeCsv', () => {
  it('reads UTF-8 with and without a BOM', () => {
    expect(decodeCsv(bytes(Buffer.from(text)))).toEqual({ text, encoding: 'UTF-8' });
    expect(decodeCsv(bytes(Buffer.from(`\uFEFF${text}`)))).toEqual({ text, encoding: 'UTF-8' });
  });

  it('reads Shift_JIS as Excel saves it (CP932: ①, ～, NEC and IBM extensions)', () => {
    // 「はい①～」 in CP932
    const sjis = [0x82, 0xcd, 0x82, 0xa2, 0x87, 0x40, 0x81, 0x60, 0x2c, 0x31, 0x0d, 0x0a];
    expect(decodeCsv(bytes(sjis))).toEqual({ text: 'はい①～,1\r\n', encoding: 'Shift_JIS' });
  });

  it('reads UTF-16 with a BOM in either byte order, and without one by its NUL bytes', () => {
    expect(decodeCsv(bytes(Buffer.from(`\uFEFF${text}`, 'utf16le')))).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeCsv(bytes(utf16be(`\uFEFF${text}`)))).toEqual({ text, encoding: 'UTF-16BE' });
    expect(decodeCsv(bytes(Buffer.from(text, 'utf16le')))).toEqual({ text, encoding: 'UTF-16LE' });
    expect(decodeCsv(bytes(utf16be(text)))).toEqual({ text, encoding: 'UTF-16BE' });
  });

  it('refuses what is in none of them rather than read it with U+FFFD', () => {
    expect(decodeCsv(bytes([0x41, 0x2c, 0x82, 0xff, 0x0d, 0x0a]))).toBeNull();
    // NUL bytes, so UTF-16LE, which holds a lone surrogate (U+D800) there.
    expect(decodeCsv(bytes([0x00, 0xd8, 0x41, 0x00]))).toBeNull();
  });
});
