import type { ReactNode } from 'react';

type Props = { label: string; startAtEnd?: boolean; children: ReactNode };

/**
 * A wide table's own horizontal scroll area, so the page itself never scrolls sideways. It is a named
 * region that takes the keyboard focus (arrow keys scroll it). With `startAtEnd` it opens scrolled to
 * its right end, without JavaScript: a right-to-left box starts at its right edge, and the table
 * inside is laid out left to right again (app.css, .scroll-region--end).
 */
export function ScrollRegion({ label, startAtEnd = false, children }: Props) {
  return (
    <div className={startAtEnd ? 'table-scroll scroll-region scroll-region--end' : 'table-scroll scroll-region'} role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
