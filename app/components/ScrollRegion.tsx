import type { ReactNode } from 'react';

type Props = { label: string; startAtEnd?: boolean; children: ReactNode };

/**
 * A table (or heat map) that may be wider than a phone: it scrolls sideways inside this region, never the
 * page. The region is announced by its label and takes the keyboard's focus, so arrow keys scroll it
 * (tests/e2e/japanese-pages.test.ts fails on any other way of reaching past the screen's edge). With
 * `startAtEnd` it opens scrolled to its right end, without JavaScript: a right-to-left box starts at its
 * right edge, and the table inside is laid out left to right again (app.css, .scroll-region--end).
 */
export function ScrollRegion({ label, startAtEnd = false, children }: Props) {
  return (
    <div className={startAtEnd ? 'scroll-region scroll-region--end' : 'scroll-region'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
