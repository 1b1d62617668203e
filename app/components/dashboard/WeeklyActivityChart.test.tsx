import fc from 'fast-check';
import { renderToString } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { formatEraDate } from '~/utils/dates';
import { decimal } from '~/utils/format';
import { weekHref, weeklyRows } from './WeeklyActivityChart';

describe("a week's link", () => {
  it('opens the log from its Monday to its Sunday, across months, years and a leap day, the same when asked again', () => {
    for (let turn = 0; turn < 2; turn++) {
      expect(weekHref(12, '2026-03-30')).toBe('/teams/12/activities?from=2026-03-30&to=2026-04-05');
      expect(weekHref(12, '2026-12-28')).toBe('/teams/12/activities?from=2026-12-28&to=2027-01-03');
      expect(weekHref(7, '2028-02-28')).toBe('/teams/7/activities?from=2028-02-28&to=2028-03-05');
    }
  });
});

type Spec = Parameters<typeof weeklyRows>[1];

/** The rows as React wrote them before they were written as text (the link as ~/components/Link writes it). */
function asReactWroteThem(teamId: number, spec: Spec) {
  const byKind = (i: number) =>
    spec.series
      .filter((s) => s.hours[i]! > 0)
      .map((s) => `${s.label} ${decimal(s.hours[i]!)}`)
      .join('・') || '—';
  const rows = spec.weeks.map((week, i) => ({ week, i })).filter(({ i }) => spec.counts[i]! > 0);
  const html = renderToString(
    <table>
      <tbody>
        {rows.map(({ week, i }) => (
          <tr key={week} data-week={week}>
            <th scope="row">
              <a data-discover="true" href={weekHref(teamId, week)}>
                {formatEraDate(week)}
              </a>
            </th>
            <td className="num" data-count>
              {spec.counts[i]}
            </td>
            <td className="num">{decimal(spec.weekHours[i]!)}</td>
            <td>{byKind(i)}</td>
            <td className="num">{spec.cumulativeHours[i] == null ? '—' : decimal(spec.cumulativeHours[i]!)}</td>
          </tr>
        ))}
      </tbody>
    </table>,
  );
  return html.slice('<table><tbody>'.length, -'</tbody></table>'.length);
}

const monday = fc.integer({ min: 0, max: 52 * 12 }).map((n) => new Date(Date.UTC(2020, 2, 30 + 7 * n)).toISOString().slice(0, 10));
const hours = fc.oneof(fc.constant(0), fc.double({ min: 0, max: 40, noNaN: true }));

describe('the weekly table’s rows, written as text', () => {
  it('are byte for byte what React wrote, for any weeks, counts, hours and kind names', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 99_999 }),
        fc.uniqueArray(monday, { maxLength: 20 }).chain((weeks) =>
          fc.record({
            weeks: fc.constant(weeks.sort()),
            counts: fc.array(fc.nat(12), { minLength: weeks.length, maxLength: weeks.length }),
            weekHours: fc.array(hours, { minLength: weeks.length, maxLength: weeks.length }),
            cumulativeHours: fc.array(fc.option(hours), { minLength: weeks.length, maxLength: weeks.length }),
            series: fc.array(
              fc.record({
                label: fc.oneof(fc.constantFrom('ミーティング', 'インタビュー準備', '<b>"報告"</b> & \'共有\''), fc.string()),
                hours: fc.array(hours, { minLength: weeks.length, maxLength: weeks.length }),
              }),
              { maxLength: 4 },
            ),
          }),
        ),
        (teamId, parts) => {
          const spec = { type: 'weekly', sessions: [], ...parts, series: parts.series.map((s) => ({ ...s, kind: 'meeting' })) } as Spec;
          expect(weeklyRows(teamId, spec)).toBe(asReactWroteThem(teamId, spec));
        },
      ),
    );
  });
});
