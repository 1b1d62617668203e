import { useNavigate } from '@remix-run/react';
import { useLinksFollowedInApp } from '~/components/Link';
import { ChartFrame } from '~/components/charts/ChartFrame';
import type { WeeklySpec } from '~/components/charts/types';
import { formatEraDate } from '~/utils/dates';
import { ScrollRegion } from '~/components/ScrollRegion';
import { decimal } from '~/utils/format';
import { keptPerKey } from '~/utils/kept';
import { escapeMarkup } from '~/utils/markup';

/** The Sunday that ends the week of `monday`, worked out once per week (a year's weeks on every page). */
const sundayAfter = keptPerKey((monday: string) => {
  const end = new Date(`${monday}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 6);
  return end.toISOString().slice(0, 10);
}, 5_000);

/** The week's entries in the activity log: Monday to Sunday. */
export function weekHref(teamId: number, monday: string) {
  return `/teams/${teamId}/activities?from=${monday}&to=${sundayAfter(monday)}`;
}

/**
 * The week's hours by kind in one cell, only the kinds of that week ("ミーティング 1.5・報告 1"): ten columns
 * of mostly zeros were hard to read, aloud and on a phone, and were a fifth of the page's markup.
 */
const byKind = (spec: WeeklySpec, i: number) =>
  spec.series
    .filter((s) => s.hours[i]! > 0)
    .map((s) => `${s.label} ${decimal(s.hours[i]!)}`)
    .join('・') || '—';

type Spec = WeeklySpec & { counts: number[]; weekHours: number[] };

/**
 * The table's rows as markup, the weeks with activities only: the week's Monday as a link to its log, the count,
 * the hours, the hours by kind and the running total. Byte for byte what React wrote for them
 * (WeeklyActivityChart.test.tsx); the table's onClick follows the links inside the app.
 */
export function weeklyRows(teamId: number, spec: Spec): string {
  let rows = '';
  spec.weeks.forEach((week, i) => {
    if (!(spec.counts[i]! > 0)) return;
    const total = spec.cumulativeHours[i];
    rows +=
      `<tr data-week="${escapeMarkup(week)}"><th scope="row"><a data-discover="true" href="${escapeMarkup(weekHref(teamId, week))}">` +
      `${escapeMarkup(formatEraDate(week))}</a></th><td class="num" data-count="true">${escapeMarkup(spec.counts[i]!)}</td>` +
      `<td class="num">${escapeMarkup(decimal(spec.weekHours[i]!))}</td><td>${escapeMarkup(byKind(spec, i))}</td>` +
      `<td class="num">${total == null ? '—' : escapeMarkup(decimal(total))}</td></tr>`;
  });
  return rows;
}

export function WeeklyActivityChart({ teamId, spec, subject }: { teamId: number; spec: Spec; subject: string }) {
  const navigate = useNavigate();
  const followInApp = useLinksFollowedInApp();
  return (
    <ChartFrame title="週ごとの活動時間（種類別）と累計時間" subject={subject} spec={spec} onWeek={(w) => navigate(weekHref(teamId, w))} height={360}>
      <p className="muted">棒をクリックすると、その週の活動記録を開きます。研究会の日は縦線（第N回）で示しています。活動のなかった週は表から省いています。</p>
      <ScrollRegion label="週ごとの活動の表">
        <table className="data-table" data-twin="weekly" onClick={followInApp}>
          <thead>
            <tr>
              <th scope="col">週（月曜日）</th>
              <th scope="col">件数</th>
              <th scope="col">時間</th>
              <th scope="col">種類別の時間</th>
              <th scope="col">累計（時間）</th>
            </tr>
          </thead>
          {/* Written as text (weeklyRows): a year's rows were ~350 elements React built on every view of 概要. */}
          <tbody dangerouslySetInnerHTML={{ __html: weeklyRows(teamId, spec) }} />
        </table>
      </ScrollRegion>
      {spec.sessions.length ? (
        <ul className="plain-list" data-twin="sessions">
          {spec.sessions.map((s) => (
            <li key={s.label + s.date} data-date={s.date}>
              {s.label}：{formatEraDate(s.date)}
            </li>
          ))}
        </ul>
      ) : null}
    </ChartFrame>
  );
}
