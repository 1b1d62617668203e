import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fiscalYearOf, formatDateTime, formatEraDate, formatEraDatePlain, formatEraDayOnly, formatEraSpanPlain, formatFiscalYear, tokyoDateOf } from './dates';

describe('dates in Japanese', () => {
  it('formats the era date with the weekday in full-width brackets', () => {
    expect(formatEraDate('2022-04-27')).toBe('令和4年4月27日（水）');
    expect(formatEraDayOnly('2022-07-23')).toBe('23日（土）');
  });

  it('writes a date and a two-day span as documents do, without the weekday', () => {
    expect(formatEraDatePlain('2022-04-27')).toBe('令和4年4月27日');
    expect(formatEraSpanPlain('2022-07-22', '2022-07-23')).toBe('令和4年7月22日〜23日');
    expect(formatEraSpanPlain('2022-07-31', '2022-08-01')).toBe('令和4年7月31日〜8月1日');
    expect(formatEraSpanPlain('2022-12-31', '2023-01-01')).toBe('令和4年12月31日〜令和5年1月1日');
    expect(formatEraSpanPlain('2019-04-30', '2019-05-01')).toBe('平成31年4月30日〜令和元年5月1日');
    expect(formatEraSpanPlain('2022-04-27', null)).toBe('令和4年4月27日');
  });

  it('crosses the Heisei/Reiwa boundary on 2019-05-01', () => {
    expect(formatEraDate('2019-04-30')).toBe('平成31年4月30日（火）');
    expect(formatEraDate('2019-05-01')).toBe('令和元年5月1日（水）');
  });

  it('names fiscal years as official documents do', () => {
    expect(formatFiscalYear(2022)).toBe('令和4年度');
    expect(formatFiscalYear(2019)).toBe('令和元年度');
    expect(formatFiscalYear(2018)).toBe('平成30年度');
  });

  it('puts January to March in the previous fiscal year', () => {
    expect(fiscalYearOf('2023-03-31')).toBe(2022);
    expect(fiscalYearOf('2023-04-01')).toBe(2023);
  });

  it('reads times in Tokyo although the server runs in UTC', () => {
    expect(tokyoDateOf(new Date('2026-03-31T15:30:00Z'))).toBe('2026-04-01');
    expect(formatDateTime(new Date('2026-03-31T15:30:00Z'))).toBe('令和8年4月1日（水） 00:30');
  });

  it('gives any instant its Tokyo date as Intl does, the seconds around midnight included, asked again or not', () => {
    const intl = new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', timeZone: 'Asia/Tokyo' });
    const midnight = fc
      .integer({ min: Date.UTC(1850, 0, 1) / 86_400_000, max: Date.UTC(2200, 0, 1) / 86_400_000 })
      .chain((day) => fc.integer({ min: -120_000, max: 120_000 }).map((ms) => day * 86_400_000 - 9 * 3_600_000 + ms));
    const meanMidnight = fc
      .integer({ min: Date.UTC(1850, 0, 1) / 86_400_000, max: Date.UTC(1887, 11, 31) / 86_400_000 })
      .chain((day) => fc.integer({ min: -2_000, max: 2_000 }).map((ms) => day * 86_400_000 - (9 * 3_600 + 18 * 60 + 59) * 1_000 + ms));
    fc.assert(
      fc.property(fc.oneof(midnight, meanMidnight, fc.integer({ min: Date.UTC(1850, 0, 1), max: Date.UTC(2200, 0, 1) })), fc.boolean(), (ms, twice) => {
        const instant = new Date(ms);
        if (twice) tokyoDateOf(instant);
        expect(tokyoDateOf(instant)).toBe(intl.format(instant));
      }),
      { numRuns: 2_000 },
    );
  });

  it('refuses strings that are not calendar dates', () => {
    expect(() => formatEraDate('2022/4/27')).toThrow(RangeError);
  });
});
