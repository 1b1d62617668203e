import { createElement, Fragment } from 'react';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { assertRendererKeepsText, streamedBytes, textDamage } from './stream-integrity.server';

// The stream writer keeps a 2,048-byte buffer. For every length of Japanese text from 1 to 5,000
// characters, the text is placed so that the buffer's end falls on each byte of its first,
// second, middle, second-to-last and last character, and on the byte just before and after it.
// The streamed bytes must be clean UTF-8 holding the text, in the field and in the page.

const VIEW = 2048;
const sample = '市民と対話し、一人称で語る。変革ストーリー🌸を描く「ありたい姿」';
const japanese = (length: number) => Array.from({ length }, (_, i) => [...sample][i % [...sample].length]).join('');

/** `bytes` more bytes of ASCII, always in four short pieces, so that they go through the writer's buffer. */
const filler = (bytes: number) => Array.from({ length: 4 }, (_, i) => createElement('b', { key: i }, 'x'.repeat(Math.max(0, Math.min(600, bytes - i * 600)))));

function page(pad: number, text: string) {
  return createElement(
    Fragment,
    null,
    createElement('div', null, filler(pad)),
    createElement('textarea', { defaultValue: text, name: 's' }),
    createElement('p', null, text),
  );
}

/** Where the text starts in the streamed page when there is no filler. */
const textStart = (text: string) => Buffer.from(renderToString(page(0, text))).indexOf(Buffer.from(text));

describe('the stream writer', () => {
  it('the boot check passes this renderer, and refuses one that sends its buffer tail', async () => {
    await expect(assertRendererKeepsText()).resolves.toBeUndefined();
    // The old fault, reproduced: the full view sent although its last bytes were never written.
    const sendsTail = async (element: Parameters<typeof streamedBytes>[0]) => {
      const bytes = await streamedBytes(element);
      return Buffer.concat([bytes.subarray(0, 2046), Buffer.alloc(2), bytes.subarray(2046)]);
    };
    await expect(assertRendererKeepsText(sendsTail)).rejects.toThrow(/NUL byte at 2046/);
  });

  it('names NUL bytes, broken UTF-8 and U+FFFD', () => {
    expect(textDamage(Buffer.from('令\0\0和', 'utf8'))).toMatch(/NUL/);
    expect(textDamage(Buffer.from([0xe5, 0xb8]))).toBe('invalid UTF-8');
    expect(textDamage(Buffer.from('市\uFFFD民'))).toMatch(/U\+FFFD/);
    expect(textDamage(Buffer.from('市民'))).toBeNull();
  });

  it('sends Japanese text of every length from 1 to 5,000 characters intact across every buffer boundary', { timeout: 300_000 }, async () => {
    const failures: string[] = [];
    for (let length = 1; length <= 5000; length++) {
      const text = japanese(length);
      const base = textStart(text);
      const bytes = Buffer.byteLength(text);
      const charStarts: number[] = [];
      for (let i = 0, at = 0; i < text.length;) {
        const cp = text.codePointAt(i)!;
        charStarts.push(at);
        at += Buffer.byteLength(String.fromCodePoint(cp));
        i += cp > 0xffff ? 2 : 1;
      }
      const chars = charStarts.length;
      // Text over 682 characters (3 bytes each may exceed the buffer) is written past the buffer in
      // one piece, so its first and last characters are enough there.
      const picks = new Set((chars * 3 > VIEW ? [0, chars - 1] : [0, 1, chars >> 1, chars - 2, chars - 1]).filter((c) => c >= 0 && c < chars));
      const cuts = new Set<number>();
      for (const c of picks) {
        const start = charStarts[c]!;
        const end = c + 1 < chars ? charStarts[c + 1]! : bytes;
        for (let cut = start - 1; cut <= end; cut++) cuts.add(cut);
      }
      for (const cut of cuts) {
        // the buffer ends `cut` bytes into the text: text starts at VIEW - cut (mod VIEW)
        const pad = (((VIEW - cut - base) % VIEW) + VIEW) % VIEW;
        const element = page(pad, text);
        const streamed = await streamedBytes(element);
        const damage = textDamage(streamed);
        if (damage) failures.push(`${length} chars, boundary ${cut} bytes in: ${damage}`);
        else if (streamed.toString('utf8').split(text).length !== 3) failures.push(`${length} chars, boundary ${cut} bytes in: the text is not there twice`);
        if (failures.length > 20) break;
      }
      if (failures.length > 20) break;
    }
    expect(failures).toEqual([]);
  });
});
