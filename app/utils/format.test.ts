import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { counted, decimal, hours } from './format';

describe('numbers as reports write them', () => {
  it('writes a figure with at most one decimal, grouped as in Japanese reports, rounded as the tables always were', () => {
    expect([0, 1.5, 2.25, 12.04, 1234.56, 0.05].map(decimal)).toEqual(['0', '1.5', '2.3', '12', '1,234.6', '0.1']);
    // The same text as a number's own toLocaleString after rounding to one decimal (what the tables used before).
    for (const n of [0.15, 1.45, 2.675, 99.95, 7, 3.3333]) expect(decimal(n)).toBe((Math.round(n * 10) / 10).toLocaleString('ja-JP'));
  });

  it('writes any figure as Intl does, the small ones through their own text included', () => {
    const oneDecimal = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });
    const whole = new Intl.NumberFormat('ja-JP');
    const figure = fc.oneof(
      fc.double({ min: -5000, max: 5000, noNaN: true }),
      fc.integer({ min: -2000, max: 2000 }).map((n) => n / 10),
      fc.constantFrom(0, -0, 999.95, -999.95, 999.94, 1000, -0.04),
    );
    fc.assert(
      fc.property(figure, (n) => {
        expect(decimal(n), String(n)).toBe(oneDecimal.format(Math.round(n * 10) / 10));
        expect(counted(n, '件'), String(n)).toBe(`${whole.format(n)}件`);
        expect(counted(Math.round(n), '回'), String(n)).toBe(`${whole.format(Math.round(n))}回`);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts with a counter and writes hours from minutes', () => {
    expect([counted(1200, '件'), hours(90), hours(605)]).toEqual(['1,200件', '1.5時間', '10.1時間']);
  });
});
