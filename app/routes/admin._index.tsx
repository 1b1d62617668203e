import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ActivityHeatmap } from '~/components/dashboard/ActivityHeatmap';
import { MoyamoyaChart } from '~/components/dashboard/MoyamoyaChart';
import { TeamTable } from '~/components/dashboard/TeamTable';
import { ErrorPage } from '~/components/ErrorPage';
import { NoTeamsYet } from '~/components/admin/NoTeamsYet';
import { flagLabel, flagsOf, readSort, sortRows, type Flag } from '~/domain/team-table';
import { activityHeatmap, groupMoyamoya, heatmapWeeks, programYearsList, sessionMarks } from '~/models/dashboard-admin.server';
import { yearMetrics } from '~/models/dashboard-cohort.server';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearOf, formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireOrganizer } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '事務局ダッシュボード | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  const today = todayInTokyo();
  const years = await programYearsList();
  const asked = Number(url.searchParams.get('year'));
  const year = years.includes(asked) ? asked : years.includes(fiscalYearOf(today)) ? fiscalYearOf(today) : (years[0] ?? fiscalYearOf(today));
  const { sort, dir } = readSort(url);
  const [metrics, heat, groups, sessions] = await Promise.all([yearMetrics(year, today), activityHeatmap(year), groupMoyamoya(year), sessionMarks(year)]);
  const groupId = Number(url.searchParams.get('group'));
  const group = groups.find((g) => g.id === groupId) ?? groups[0] ?? null;
  const current = year === fiscalYearOf(today);
  const weeks = heatmapWeeks(year, today, heat);
  return {
    years,
    year,
    sort,
    dir,
    current,
    rows: sortRows(metrics, sort, dir),
    weeks,
    // The heat map keeps the one order of teams (yearMetrics), whatever the table is sorted by; each
    // team's counts in the order of `weeks` (small to send: numbers, not a date per cell).
    heat: metrics.map((m) => {
      const counts = heat.get(m.teamId);
      return { teamId: m.teamId, municipalityName: m.municipalityName, counts: weeks.map((_, i) => counts?.[i] ?? 0) };
    }),
    groups: groups.map((g) => ({ id: g.id, name: g.name })),
    group,
    sessions,
  };
}

export default function AdminDashboard() {
  const { years, year, sort, dir, current, rows, weeks, heat, groups, group, sessions } = useLoaderData<typeof loader>();
  const flagged = current ? rows.map((r) => ({ r, flags: flagsOf(r) })).filter((x) => x.flags.length) : [];
  return (
    <>
      <h1>事務局ダッシュボード</h1>
      <Form method="get" className="filters">
        <div className="field">
          <label htmlFor="admin-year">年度</label>
          <select id="admin-year" name="year" defaultValue={year}>
            {years.map((y) => (
              <option key={y} value={y}>
                {formatFiscalYear(y)}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="button button--secondary">
          表示する
        </button>
      </Form>

      {years.length === 0 ? (
        <p className="notice" data-next-step="years">
          まだ年度がありません。<Link to="/admin/years">年度の設定</Link>で年度を作ってください。
        </p>
      ) : rows.length === 0 ? (
        <NoTeamsYet fiscalYear={year} then="登録すると、チームごとの活動の表と週ごとの活動がここに表示されます。" />
      ) : (
        <>
          {current ? (
            <section aria-labelledby="flags-heading">
              <h2 id="flags-heading">気になるチーム（{counted(flagged.length, 'チーム')}）</h2>
              {flagged.length === 0 ? (
                <p className="muted">今のところ気になる点はありません。</p>
              ) : (
                <ul className="plain-list" data-twin="flags">
                  {flagged.map(({ r, flags }) => (
                    <li key={r.teamId} data-team={r.teamId}>
                      <Link to={`/teams/${r.teamId}`}>{r.municipalityName}チーム</Link>：
                      {flags.map((f: Flag) => (
                        <span key={f} className="flag" data-flag={f}>
                          {flagLabel[f]}
                        </span>
                      ))}
                    </li>
                  ))}
                </ul>
              )}
            </section>
          ) : null}

          <section aria-labelledby="teams-heading">
            <h2 id="teams-heading">
              {formatFiscalYear(year)}のチーム（{counted(rows.length, 'チーム')}）
            </h2>
            <p>
              <a href={`/admin/dashboard.csv?year=${year}&sort=${sort}&dir=${dir}`} download>
                この表をCSVで書き出す
              </a>
            </p>
            <TeamTable rows={rows} sort={sort} dir={dir} year={year} showFlags={current} />
          </section>

          <section aria-labelledby="heat-heading">
            <h2 id="heat-heading">週ごとの活動（チーム×週）</h2>
            <ActivityHeatmap weeks={weeks} teams={heat} />
          </section>

          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">対話自治体グループのモヤモヤ比較</h2>
            {groups.length === 0 || !group ? (
              <p className="muted">この年度の対話自治体グループはまだありません。</p>
            ) : (
              <>
                <Form method="get" className="filters">
                  <input type="hidden" name="year" value={year} />
                  <input type="hidden" name="sort" value={sort} />
                  <input type="hidden" name="dir" value={dir} />
                  <div className="field">
                    <label htmlFor="admin-group">グループ</label>
                    <select id="admin-group" name="group" defaultValue={group.id}>
                      {groups.map((g) => (
                        <option key={g.id} value={g.id}>
                          {g.name}
                        </option>
                      ))}
                    </select>
                  </div>
                  <button type="submit" className="button button--secondary">
                    比較する
                  </button>
                </Form>
                <MoyamoyaChart
                  key={group.id}
                  title={`${group.name}：チームのモヤモヤ指数`}
                  subject={formatFiscalYear(year)}
                  spec={{ type: 'lines', fiscalYear: year, sessions, series: group.series }}
                />
              </>
            )}
          </section>
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
