import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { ScrollRegion } from '~/components/ScrollRegion';
import { flagLabel, flagsOf, sortDescription, sortKeys, type SortKey, type TeamRow } from '~/domain/team-table';
import { hours } from '~/utils/format';

type Props = { rows: TeamRow[]; sort: SortKey; dir: 'asc' | 'desc'; year: number; showFlags: boolean };

/**
 * Sortable by links (?sort=&dir=), so it works without JavaScript. It opens in the one order of teams
 * (the 自治体 column: north to south), the order of the heat map too; the other columns sort by figure.
 */
export function TeamTable({ rows, sort, dir, year, showFlags }: Props) {
  const header = (key: SortKey) => {
    const active = key === sort;
    const next = active && dir === 'asc' ? 'desc' : 'asc';
    return (
      <th scope="col" key={key} aria-sort={active ? (dir === 'asc' ? 'ascending' : 'descending') : undefined}>
        <Link to={`?year=${year}&sort=${key}&dir=${next}`} preventScrollReset>
          {sortKeys[key]}
          {active ? (dir === 'asc' ? ' ▲' : ' ▼') : ''}
        </Link>
      </th>
    );
  };
  return (
    <>
      <p className="muted" data-sort-note>
        {sortDescription(sort, dir)}に並べています。
        {sort === 'name' && dir === 'asc' ? (
          '列の見出しを押すと、その列で並べ替えます。'
        ) : (
          <Link to={`?year=${year}`} preventScrollReset>
            都道府県の北から順に戻す
          </Link>
        )}
      </p>
      <ScrollRegion label="チームの表">
        <table className="data-table" data-twin="teams">
          <thead>
            <tr>
              {(Object.keys(sortKeys) as SortKey[]).map(header)}
              {showFlags ? <th scope="col">気になる点</th> : null}
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.teamId} data-team={r.teamId} data-activities={r.activities} data-minutes={r.minutes}>
                <th scope="row">
                  <Link to={`/teams/${r.teamId}`}>{r.municipalityName}</Link>{' '}
                  <span className="muted">
                    <span className="nowrap">{r.prefecture}</span>・<span className="nowrap">{r.generation}期生</span>
                  </span>
                </th>
                <td className="num">{r.activities}回</td>
                <td className="num">{hours(r.minutes)}</td>
                <td className="num">{r.interviews}件</td>
                <td>{r.lastActivityOn ? <EraDate iso={r.lastActivityOn} western={false} /> : '—'}</td>
                <td className="num">
                  {r.preassignmentsSubmitted}／{r.preassignmentsTotal}件
                </td>
                <td className="num">{r.latestMoyamoya === null ? '—' : `${r.latestMoyamoya}%`}</td>
                <td className="num">{r.openComments}件</td>
                {showFlags ? (
                  <td>
                    {flagsOf(r).map((f) => (
                      <span key={f} className="flag" data-flag={f}>
                        {flagLabel[f]}
                      </span>
                    ))}
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </>
  );
}
