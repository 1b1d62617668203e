import { Link } from '@remix-run/react';
import { shortDate } from '~/components/charts/geometry';
import { ScrollRegion } from '~/components/ScrollRegion';
import { formatEraDate } from '~/utils/dates';

// Teams × weeks as a plain table: the number in each cell, its shade as a hint. It needs no
// JavaScript and reads cell by cell with a screen reader. Weeks run left to right up to the latest
// (heatmapWeeks), and the table opens scrolled to that end, the team names kept in view beside it.

function shade(n: number) {
  if (n === 0) return 'heat-0';
  if (n === 1) return 'heat-1';
  if (n === 2) return 'heat-2';
  return n <= 4 ? 'heat-3' : 'heat-4';
}

type Props = { weeks: string[]; teams: { teamId: number; municipalityName: string; cells: Record<string, number> }[] };

export function ActivityHeatmap({ weeks, teams }: Props) {
  if (weeks.length === 0) return <p className="muted">週ごとの活動は、年度が始まると表示されます。</p>;
  return (
    <>
      {/* Above the table, not its caption: a caption would scroll out of view with the first weeks. */}
      <p className="muted">数字は週ごとの活動の件数です（週は月曜日の日付）。右端がいちばん新しい週で、左へスクロールすると前の週を見られます。</p>
      <ScrollRegion label="週ごとの活動の表" startAtEnd>
        <table className="heatmap" data-twin="heatmap">
          <thead>
            <tr>
              <th scope="col">チーム</th>
              {weeks.map((w) => (
                <th scope="col" key={w}>
                  <abbr title={`${formatEraDate(w)}からの週`}>{shortDate(w)}</abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {teams.map((t) => (
              <tr key={t.teamId} data-team={t.teamId}>
                <th scope="row">
                  <Link to={`/teams/${t.teamId}`}>{t.municipalityName}</Link>
                </th>
                {weeks.map((w) => {
                  const n = t.cells[w] ?? 0;
                  return (
                    <td key={w} className={`num ${shade(n)}`} data-week={w}>
                      {n || ''}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
