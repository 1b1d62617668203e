import { Link } from '~/components/Link';
import { shortDate } from '~/components/charts/geometry';
import { ScrollRegion } from '~/components/ScrollRegion';
import { keptPerKey } from '~/utils/kept';
import { escapeMarkup } from '~/utils/markup';
import { formatEraDate } from '~/utils/dates';

// Teams × weeks: one row per team, its weeks drawn as one strip (an inline SVG: a shape per shade and
// one line of numbers), so 60 teams × 53 weeks are a few hundred elements of markup, not 3,000 cells
// (issue 19). It needs no JavaScript; a screen reader reads each strip's label, every week with
// activities and its count. Weeks run left to right up to the latest (heatmapWeeks), and the region
// opens scrolled to that end, the team names kept in view beside it.

const cellWidth = 34;
const cellHeight = 26;
const headHeight = 22;

function shade(n: number): 1 | 2 | 3 | 4 {
  if (n === 1) return 1;
  if (n === 2) return 2;
  return n <= 4 ? 3 : 4;
}

type Team = { teamId: number; municipalityName: string; counts: number[] };
type Props = { weeks: string[]; teams: Team[] };

export function ActivityHeatmap({ weeks, teams }: Props) {
  if (weeks.length === 0) return <p className="muted">週ごとの活動は、年度が始まると表示されます。</p>;
  const width = weeks.length * cellWidth;
  // 4/6, once per week (not once per team and week).
  const days = weeks.map(shortDate);
  const daysKey = days.join(',');
  return (
    <>
      {/* Above the table, not its caption: a caption would scroll out of view with the first weeks. */}
      <p className="muted">数字は週ごとの活動の件数です（週は月曜日の日付）。右端がいちばん新しい週で、左へスクロールすると前の週を見られます。</p>
      <ScrollRegion label="週ごとの活動の表" startAtEnd>
        <table className="heatmap" data-twin="heatmap" data-weeks={weeks.length}>
          <thead>
            <tr>
              <th scope="col">チーム</th>
              <th scope="col" className="heatmap__weeks">
                <svg
                  width={width}
                  height={headHeight}
                  viewBox={`0 0 ${width} ${headHeight}`}
                  role="img"
                  aria-label={`週（${formatEraDate(weeks[0]!)}から${formatEraDate(weeks.at(-1)!)}の週まで）`}
                >
                  {weeks.map((w, i) => (
                    <text key={w} x={i * cellWidth + cellWidth / 2} y={headHeight - 6} data-week={w}>
                      <title>{`${formatEraDate(w)}からの週`}</title>
                      {days[i]}
                    </text>
                  ))}
                </svg>
              </th>
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId} data-team={t.teamId}>
                <th scope="row">
                  <Link to={`/teams/${t.teamId}`}>{t.municipalityName}</Link>
                </th>
                <td className="heatmap__strip" dangerouslySetInnerHTML={{ __html: stripMarkup(days, daysKey, t.counts) }} />
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}

/**
 * One team's weeks as markup: a path per shade (a run of neighbouring weeks of that shade is one stroke as tall
 * as the strip) and the counts as one text line whose characters are placed at their week's column (x per
 * character). The label says each week with activities as 月/日 (the header names the year); `data-counts`
 * holds every week's count in the header's order (as the loader sends them), for tests and scripts.
 * Written as text and kept (decision 0027): 60 strips as React elements were a third of the organizer
 * dashboard's rendering, every label escaped again on every page. A team's strip is the same page after page
 * until it logs a week, so it is kept per weeks and counts. `daysKey` is `days` joined.
 */
export function stripMarkup(days: string[], daysKey: string, counts: number[]): string {
  return keptStrip(`${daysKey}|${counts.join(',')}`, days, counts);
}

const keptStrip = keptPerKey((_key: string, days: string[], counts: number[]) => {
  // [left, width] of each run of one shade.
  const runs: Record<1 | 2 | 3 | 4, [number, number][]> = { 1: [], 2: [], 3: [], 4: [] };
  const light = { text: '', x: [] as number[] };
  const dark = { text: '', x: [] as number[] };
  const said: string[] = [];
  let total = 0;
  days.forEach((day, i) => {
    const n = counts[i] ?? 0;
    if (n <= 0) return;
    total += n;
    const level = shade(n);
    const left = i * cellWidth;
    const run = runs[level].at(-1);
    if (run && run[0] + run[1] === left) run[1] += cellWidth;
    else runs[level].push([left, cellWidth]);
    const digits = String(n);
    const line = level >= 3 ? dark : light;
    // Each digit 7 px apart, the number centred in its week.
    for (let d = 0; d < digits.length; d++) line.x.push(left + cellWidth / 2 + (d - (digits.length - 1) / 2) * 7);
    line.text += digits;
    said.push(`${day}の週 ${n}件`);
  });
  const width = days.length * cellWidth;
  const label = total === 0 ? 'この年度の活動はまだありません' : `計${total}件。${said.join('、')}`;
  const paths = ([1, 2, 3, 4] as const)
    .filter((level) => runs[level].length)
    .map((level) => `<path class="heat-${level}" d="${runs[level].map(([x, w]) => `M${x} ${cellHeight / 2}h${w}`).join('')}"></path>`);
  const line = (className: string, { text, x }: typeof light) =>
    text ? `<text class="${className}" x="${x.join(' ')}" y="${cellHeight - 8}">${text}</text>` : '';
  return (
    `<svg width="${width}" height="${cellHeight}" viewBox="0 0 ${width} ${cellHeight}" role="img" aria-label="${escapeMarkup(label)}" ` +
    `data-counts="${counts.join(',')}" data-total="${total}" stroke-width="${cellHeight}">` +
    `${paths.join('')}${line('heatmap__n', light)}${line('heatmap__n heatmap__n--dark', dark)}</svg>`
  );
}, 2_000);
