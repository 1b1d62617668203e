import type { ReactNode } from 'react';

/**
 * A table (or heat map) that may be wider than a phone: it scrolls sideways inside this region, never the
 * page. The region is announced by its label and takes the keyboard's focus, so arrow keys scroll it
 * (tests/e2e/japanese-pages.test.ts fails on any other way of reaching past the screen's edge).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
