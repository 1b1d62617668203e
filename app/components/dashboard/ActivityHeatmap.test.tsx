import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderPage } from '../../../tests/helpers';
import { shortDate } from '~/components/charts/geometry';
import { ActivityHeatmap } from './ActivityHeatmap';

// A team's strip draws each shade as strokes along the row, a run of neighbouring weeks of one shade as one
// stroke: every week with activities must lie under exactly one stroke, of its own shade, and an empty week
// under none. Its label, counts and digits are written as text (stripMarkup), checked here as read.

const weeks = Array.from({ length: 53 }, (_, i) => new Date(Date.UTC(2026, 2, 30 + i * 7)).toISOString().slice(0, 10));
const shadeOf = (n: number) => (n === 1 ? 1 : n === 2 ? 2 : n <= 4 ? 3 : 4);

describe('the heat map strip', () => {
  it('puts every week with activities under one stroke of its shade, and an empty week under none', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 12 })), { minLength: 53, maxLength: 53 }), async (counts) => {
        const html = await renderPage(() => <ActivityHeatmap weeks={weeks} teams={[{ teamId: 7, municipalityName: '甲府市', counts }]} />);
        const strip = /<tr data-team="7">[\s\S]*?<\/svg>/.exec(html)![0];
        const strokes = [...strip.matchAll(/<path class="heat-(\d)" d="([^"]+)"/g)].flatMap(([, shade, d]) =>
          [...d!.matchAll(/M(\d+) 13h(\d+)/g)].map(([, x, w]) => ({ shade: Number(shade), from: Number(x), to: Number(x) + Number(w) })),
        );
        counts.forEach((n, i) => {
          const under = strokes.filter((s) => s.from <= i * 34 && i * 34 + 34 <= s.to);
          expect(under.map((s) => s.shade)).toEqual(n > 0 ? [shadeOf(n)] : []);
        });
        // Strokes start and end on week boundaries and never overlap.
        const sorted = [...strokes].sort((a, b) => a.from - b.from);
        sorted.forEach((s, k) => {
          expect([s.from % 34, s.to % 34]).toEqual([0, 0]);
          if (k > 0) expect(s.from).toBeGreaterThanOrEqual(sorted[k - 1]!.to);
        });
        expect(strip).toContain(`data-counts="${counts.join(',')}"`);
        // What a screen reader hears: the total, then every week with activities and its count.
        const total = counts.reduce((a, b) => a + b, 0);
        const said = counts.flatMap((n, i) => (n > 0 ? [`${shortDate(weeks[i]!)}の週 ${n}件`] : []));
        expect(strip).toContain(`aria-label="${total === 0 ? 'この年度の活動はまだありません' : `計${total}件。${said.join('、')}`}"`);
        expect(strip).toContain(`data-total="${total}"`);
        // The counts as text, light and dark shades on their own lines, each digit at its week's column.
        const lines = [...strip.matchAll(/<text class="heatmap__n( heatmap__n--dark)?" x="([^"]+)" y="18">(\d+)<\/text>/g)];
        for (const dark of [false, true]) {
          const shown = counts.map((n, i) => ({ n, i })).filter(({ n }) => n > 0 && shadeOf(n) >= 3 === dark);
          const found = lines.find((m) => Boolean(m[1]) === dark);
          expect(found?.[3] ?? '').toBe(shown.map(({ n }) => String(n)).join(''));
          const columns = (found?.[2]!.split(' ') ?? []).map((x) => Math.floor(Number(x) / 34));
          expect(columns).toEqual(shown.flatMap(({ n, i }) => [...String(n)].map(() => i)));
        }
      }),
    );
  });

  it('writes each year its own weeks: a strip kept for one year is not handed to another with the same counts', async () => {
    const later = Array.from({ length: 53 }, (_, i) => new Date(Date.UTC(2027, 2, 29 + i * 7)).toISOString().slice(0, 10));
    const counts = weeks.map((_, i): number => (i % 3 === 0 ? 2 : 0));
    for (const year of [weeks, later, weeks]) {
      const html = await renderPage(() => <ActivityHeatmap weeks={year} teams={[{ teamId: 7, municipalityName: '甲府市', counts }]} />);
      expect(html).toContain(`aria-label="計${counts.reduce((a, b) => a + b, 0)}件。${shortDate(year[0]!)}の週 2件、${shortDate(year[3]!)}の週 2件、`);
    }
  });
});
