import fc from 'fast-check';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { escapeMarkup } from './markup';

describe('markup written as text', () => {
  it('escapes any text and attribute value as React does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.string({ unit: 'grapheme' }), fc.constantFrom('<b>"引用" & \'共有\'</b>', '&amp;', '')), (text) => {
        expect(`<td title="${escapeMarkup(text)}">${escapeMarkup(text)}</td>`).toBe(renderToString(<td title={text}>{text}</td>));
      }),
    );
  });
});
