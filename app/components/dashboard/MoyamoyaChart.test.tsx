import fc from 'fast-check';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { LinesSpec } from '~/components/charts/types';
import { formatEraDate } from '~/utils/dates';
import { renderPage } from '../../../tests/helpers';
import { gridRows, MoyamoyaChart } from './MoyamoyaChart';

// 概要's モヤモヤ table is a grid (a row per date, a column per line), not a row per figure with its note: it
// must still hold every figure of the chart, in its date's row and its line's column, and nothing else.

const days = ['2026-04-20', '2026-04-21', '2026-05-02', '2026-06-15', '2026-07-09', '2026-10-03', '2027-02-15'];

type Point = { date: string; level: number };

const specOf = (series: { label: string; points: Point[] }[]): LinesSpec => ({
  type: 'lines',
  fiscalYear: 2026,
  sessions: [],
  series: series.map((s, i) => ({
    label: s.label,
    emphasis: i === 0,
    points: s.points.map(({ date, level }) => ({ date, level, note: `ひとこと${date}` })),
  })),
});

async function gridOf(spec: LinesSpec) {
  const html = (await renderPage(() => <MoyamoyaChart spec={spec} subject="甲府市チーム 令和8年度" notesHref="/teams/1/moyamoya" />)).replaceAll(
    '<!-- -->',
    '',
  );
  const table = /<table[^>]*data-twin="lines-grid"[^>]*>([\s\S]*?)<\/table>/.exec(html)?.[1] ?? '';
  const heads = [...(/<thead>([\s\S]*?)<\/thead>/.exec(table)?.[1] ?? '').matchAll(/<th[^>]*>(.*?)<\/th>/g)].map((m) => m[1]);
  const rows = [...table.matchAll(/<tr data-date="([^"]+)">([\s\S]*?)<\/tr>/g)].map((m) => ({
    date: m[1]!,
    head: /<th[^>]*>(.*?)<\/th>/.exec(m[2]!)?.[1],
    cells: [...m[2]!.matchAll(/<td[^>]*>(.*?)<\/td>/g)].map((c) => c[1]),
  }));
  return { html, heads, rows };
}

describe('the モヤモヤ grid on 概要', () => {
  it('holds every figure in its date’s row and its line’s column, — where a line has none that day', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.record({
            label: fc.constantFrom('チームの数値', '山田 花子', '佐藤 一郎', '<b>鈴木</b>'),
            // A date may come twice in one line: two sessions starting the same day.
            points: fc.array(fc.record({ date: fc.constantFrom(...days), level: fc.integer({ min: 0, max: 100 }) }), { maxLength: 9 }),
          }),
          {
            minLength: 1,
            maxLength: 4,
          },
        ),
        async (series) => {
          const spec = specOf(series);
          const { html, heads, rows } = await gridOf(spec);
          const dates = [...new Set(series.flatMap((s) => s.points.map((p) => p.date)))].sort();
          if (dates.length === 0) {
            expect(html).toContain('まだ記録がありません。');
            return;
          }
          const escaped = (text: string) => text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
          expect(heads).toEqual(['日付', ...series.map((s) => escaped(s.label))]);
          expect(rows.map((r) => r.date)).toEqual(dates);
          for (const row of rows) {
            expect(row.head).toBe(formatEraDate(row.date));
            const figures = (s: (typeof series)[number]) => s.points.filter((p) => p.date === row.date).map((p) => `${p.level}%`);
            expect(row.cells).toEqual(series.map((s) => figures(s).join('・') || '—'));
          }
          // Notes are read on the モヤモヤ page, which the grid links to.
          expect(html).not.toContain('ひとこと2');
          expect(html).toContain('href="/teams/1/moyamoya"');
        },
      ),
    );
  });

  it('keeps the row per figure with its note where no page for notes is named (the モヤモヤ page, HR, organizers)', async () => {
    const html = await renderPage(() => (
      <MoyamoyaChart spec={specOf([{ label: '山田 花子', points: [{ date: '2026-05-02', level: 62 }] }])} subject="s" tableOpen />
    ));
    expect(html).toContain('data-twin="lines"');
    expect(html).toContain('ひとこと2026-05-02');
    expect(html).not.toContain('lines-grid');
  });

  it('writes its rows as text, byte for byte what React wrote, for any lines and figures', () => {
    /** The rows as React wrote them before they were written as text. */
    const asReactWroteThem = (spec: LinesSpec) => {
      const dates = [...new Set(spec.series.flatMap((s) => s.points.map((p) => p.date)))].sort();
      const levels = spec.series.map((s) => dates.map((date) => s.points.filter((p) => p.date === date).map((p) => p.level)));
      const html = renderToString(
        <table>
          <tbody>
            {dates.map((date, d) => (
              <tr key={date} data-date={date}>
                <th scope="row" className="nowrap">
                  {formatEraDate(date)}
                </th>
                {levels.map((byDate, i) => (
                  <td key={i} className="num">
                    {byDate[d]!.length ? byDate[d]!.map((level) => `${level}%`).join('・') : '—'}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>,
      );
      return html.slice('<table><tbody>'.length, -'</tbody></table>'.length);
    };
    fc.assert(
      fc.property(
        fc.array(
          fc.record({
            label: fc.string(),
            points: fc.array(fc.record({ date: fc.constantFrom(...days), level: fc.integer({ min: 0, max: 100 }) }), { maxLength: 9 }),
          }),
          { maxLength: 4 },
        ),
        (series) => {
          const spec = specOf(series);
          expect(gridRows(spec)).toBe(asReactWroteThem(spec));
        },
      ),
    );
  });
});
