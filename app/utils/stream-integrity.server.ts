import { Writable } from 'node:stream';
import type { ReactElement } from 'react';
import { createElement } from 'react';
import { renderToPipeableStream } from 'react-dom/server';

// React 18's Node stream writer sent the unwritten tail of its 2,048-byte buffer (NUL bytes) when a
// multi-byte character did not fit at its end; browsers turn those into U+FFFD inside form fields,
// and a save wrote the damage back. patches/react-dom+18.3.1.patch fixes the writer; these checks
// prove it, at boot and in the tests (docs/decisions/0009).

/** What is wrong with these bytes as a page of text, or null when they are clean UTF-8. */
export function textDamage(bytes: Uint8Array): string | null {
  const nul = bytes.indexOf(0);
  if (nul >= 0) return `NUL byte at ${nul}`;
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return 'invalid UTF-8';
  }
  const replacement = text.indexOf('\uFFFD');
  return replacement >= 0 ? `U+FFFD at character ${replacement}` : null;
}

/** The bytes renderToPipeableStream sends for an element, as the server streams a page. */
export function streamedBytes(element: ReactElement): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(Buffer.from(chunk));
        done();
      },
    });
    sink.on('finish', () => resolve(Buffer.concat(chunks)));
    const { pipe } = renderToPipeableStream(element, { onAllReady: () => pipe(sink), onShellError: reject, onError: reject });
  });
}

/**
 * Japanese text straddling the writer's buffer end at each byte of a character: the case that
 * sent NUL bytes. Throws, naming the damage, when the renderer in use still has the fault.
 */
export async function assertRendererKeepsText(render: (element: ReactElement) => Promise<Uint8Array> = streamedBytes) {
  for (let pad = 0; pad < 3; pad++) {
    const items = Array.from({ length: 300 }, (_, i) => createElement('i', { key: i }, '市民と対話'));
    const bytes = await render(createElement('div', null, 'x'.repeat(pad), ...items));
    const damage = textDamage(bytes);
    if (damage) {
      throw new Error(
        `react-dom がページの文字を壊します（${damage}）。npm ci で patches/ の修正を当ててください (react-dom's stream writer corrupts text: run npm ci so patch-package applies patches/)`,
      );
    }
  }
}
