import { ActivityTotals } from '~/components/ActivityTotals';
import { ScrollRegion } from '~/components/ScrollRegion';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { CohortCards } from '~/components/dashboard/CohortCards';
import { MoyamoyaChart } from '~/components/dashboard/MoyamoyaChart';
import { ErrorPage } from '~/components/ErrorPage';
import { OpenHomeworkList, OverdueFigure } from '~/components/HomeworkDeadline';
import { cohortMedians, moyamoyaTrend, municipalityMetrics } from '~/models/dashboard-cohort.server';
import { sessionMarks } from '~/models/dashboard-admin.server';
import { municipalitiesWithTeams, teamsOfMunicipalities } from '~/models/dashboard-municipality.server';
import { openHomework } from '~/models/interviews.server';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearOf, formatFiscalYear } from '~/utils/dates';
import { denyNotFound, requireHrOrOrganizer } from '~/utils/permissions.server';
import { teamAccess } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: '人事課のページ | 人マネ トラッカー' }];

// 人事課: how their municipality's team is doing, beside the year's median, without reading every
// note. Organizers may open it for any municipality. Other municipalities are never named here.

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireHrOrOrganizer(request);
  const choices = await municipalitiesWithTeams(viewer.organizer ? undefined : viewer.hrMunicipalityIds);
  const asked = Number(new URL(request.url).searchParams.get('municipality')) || null;
  const chosen = asked ? choices.find((c) => c.id === asked) : choices[0];
  if (asked && !chosen) return denyNotFound(request, viewer, { municipalityId: asked });
  const today = todayInTokyo();
  const fiscalYear = fiscalYearOf(today);
  if (!chosen) return { choices, chosen: null, fiscalYear, current: null, medians: null, trend: [], sessions: [], homework: null, past: [] };
  const [current, medians, teams, sessions] = await Promise.all([
    municipalityMetrics(fiscalYear, chosen.id, today),
    cohortMedians(fiscalYear, today),
    teamsOfMunicipalities([chosen.id]),
    sessionMarks(fiscalYear),
  ]);
  // 宿題 as far as this viewer may read the team's interviews; the others are only counted.
  const readable = current ? teamAccess(viewer, { id: current.teamId, municipalityId: current.municipalityId, fiscalYear }).interviewVisibilities : [];
  const [trend, homework] = current
    ? await Promise.all([moyamoyaTrend(fiscalYear, current.teamId), openHomework(current.teamId, readable, today)])
    : [[], null];
  return {
    // An HR viewer of one municipality gets no chooser at all; organizers see every municipality.
    choices: choices.length > 1 ? choices : [],
    chosen,
    fiscalYear,
    current,
    medians,
    trend,
    sessions,
    homework: homework && { overdue: homework.overdue, items: homework.items.filter((h) => h.deadline?.kind === 'overdue') },
    past: teams.filter((t) => t.fiscalYear < fiscalYear),
  };
}

export default function HrDashboard() {
  const { choices, chosen, fiscalYear, current, medians, trend, sessions, homework, past } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>{chosen ? `${chosen.name}の研究生の歩み` : '人事課のページ'}</h1>
      <p className="lead">
        チームが「チーム内のみ」にした記録（インタビューの内容、メンバー個人のモヤモヤなど）は、人事課には表示されません。件数は下の数字に含まれています。
      </p>
      {choices.length ? (
        <Form method="get" className="filters">
          <div className="field">
            <label htmlFor="hr-municipality">自治体</label>
            <select id="hr-municipality" name="municipality" defaultValue={chosen?.id}>
              {choices.map((c) => (
                <option key={c.id} value={c.id}>
                  {c.prefecture} {c.name}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button button--secondary">
            表示する
          </button>
        </Form>
      ) : null}

      <section aria-labelledby="current-heading">
        <h2 id="current-heading">{formatFiscalYear(fiscalYear)}のチーム</h2>
        {current && medians ? (
          <>
            <p>
              <Link to={`/teams/${current.teamId}`}>
                {current.municipalityName}チーム（{current.generation}期生）の概要を開く
              </Link>
            </p>
            <CohortCards metrics={current} medians={medians} />
            <MoyamoyaChart
              title="モヤモヤ指数の推移（チームの数値と全体の中央値）"
              subject={`${current.municipalityName}チーム ${formatFiscalYear(fiscalYear)}`}
              spec={{
                type: 'lines',
                fiscalYear,
                sessions,
                series: [
                  {
                    label: `${current.municipalityName}チーム`,
                    emphasis: true,
                    points: trend.filter((t) => t.own !== null).map((t) => ({ date: t.date, level: t.own!, note: t.reflection })),
                  },
                  { label: '全体の中央値', points: trend.filter((t) => t.median !== null).map((t) => ({ date: t.date, level: t.median!, note: t.label })) },
                ],
              }}
            />
            {homework ? (
              <section aria-labelledby="hr-homework-heading">
                <h3 id="hr-homework-heading">インタビューの宿題</h3>
                <OverdueFigure overdue={homework.overdue} none="期限を過ぎた宿題はありません。" />
                {homework.items.length ? <OpenHomeworkList teamId={current.teamId} items={homework.items} /> : null}
              </section>
            ) : null}
          </>
        ) : (
          <p className="muted">今年度のチームはまだ登録されていません。</p>
        )}
      </section>

      <section aria-labelledby="past-heading">
        <h2 id="past-heading">これまでのチーム</h2>
        {past.length === 0 ? (
          <p className="muted">これまでのチームはありません。</p>
        ) : (
          <ScrollRegion label="これまでのチーム">
            <table className="data-table" data-twin="past-teams">
              <thead>
                <tr>
                  <th scope="col">年度</th>
                  <th scope="col">期</th>
                  <th scope="col">活動</th>
                  <th scope="col">変革ストーリーシート</th>
                </tr>
              </thead>
              <tbody>
                {past.map((t) => (
                  <tr key={t.teamId}>
                    <th scope="row">
                      <Link to={`/teams/${t.teamId}`}>{formatFiscalYear(t.fiscalYear)}</Link>
                    </th>
                    <td className="nowrap">{t.generation}期生</td>
                    <td>
                      <ActivityTotals activities={t.activities} minutes={t.minutes} />
                    </td>
                    <td>{t.sheetVersion ? <Link to={`/teams/${t.teamId}/sheet`}>最終版（第{t.sheetVersion}版）</Link> : '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
