import { ScrollRegion } from '~/components/ScrollRegion';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Form, useLoaderData, useLocation } from '@remix-run/react';
import { Link } from '~/components/Link';
import { NoTeamsYet } from '~/components/admin/NoTeamsYet';
import { YearNav } from '~/components/admin/YearNav';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { getActiveYear } from '~/models/admin-years.server';
import { filterMatrix, readMatrixFilter, submissionMatrix } from '~/models/preassignment-tracking.server';
import { submissionStatusLabel } from '~/domain/submission-status';
import { formatMonthDay } from '~/utils/dates';
import { counted } from '~/utils/format';
import { notFound, requireIdParam } from '~/utils/http.server';
import { requireOrganizer } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '事前課題の提出状況 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const filter = readMatrixFilter(new URL(request.url));
  const matrix = await submissionMatrix(year.fiscalYear);
  return { year, filter, allAssignments: matrix.assignments, teamCount: matrix.rows.length, ...filterMatrix(matrix, filter) };
}

export default function PreAssignmentMatrix() {
  const { year, filter, allAssignments, teamCount, assignments, rows } = useLoaderData<typeof loader>();
  const { search } = useLocation();
  return (
    <>
      <YearNav fiscalYear={year.fiscalYear} theme={year.theme} />
      <h2>事前課題の提出状況</h2>
      {teamCount === 0 ? (
        <NoTeamsYet fiscalYear={year.fiscalYear} then="登録すると、チームごとの提出状況がここに表示されます。" />
      ) : (
        <>
          <Form method="get" className="filters" aria-label="絞り込み">
            <div className="field">
              <label htmlFor="q">自治体名</label>
              <input id="q" name="q" defaultValue={filter.q} />
            </div>
            <div className="field">
              <label htmlFor="pa">事前課題</label>
              <select id="pa" name="pa" defaultValue={filter.preAssignmentId ?? ''}>
                <option value="">すべて</option>
                {allAssignments.map((a) => (
                  <option key={a.id} value={a.id}>
                    {a.sessionLabel}：{a.title}
                  </option>
                ))}
              </select>
            </div>
            <div className="field">
              <label htmlFor="status">状況</label>
              <select id="status" name="status" defaultValue={filter.status ?? ''}>
                <option value="">すべて</option>
                <option value="missing">未提出があるチーム</option>
                <option value="late">期限後提出があるチーム</option>
                <option value="submitted">提出済があるチーム</option>
              </select>
            </div>
            <button type="submit" className="button button--secondary">
              絞り込む
            </button>
          </Form>
          <p>
            {counted(rows.length, 'チーム')}を表示（全{counted(teamCount, 'チーム')}）。
            <a href={`/admin/years/${year.fiscalYear}/preassignments.csv${search}`} download>
              CSVでダウンロード（Excel用）
            </a>
          </p>
          {allAssignments.length === 0 ? (
            <p>
              この年度には事前課題がまだありません。<Link to={`/admin/years/${year.fiscalYear}`}>研究会の設定</Link>で追加してください。
            </p>
          ) : (
            <ScrollRegion label="事前課題の提出状況">
              <table className="matrix">
                <thead>
                  <tr>
                    <th scope="col">自治体</th>
                    {assignments.map((a) => (
                      <th key={a.id} scope="col">
                        {a.sessionLabel}
                        <br />
                        <span className="muted">期限 {formatMonthDay(a.dueOn)}</span>
                      </th>
                    ))}
                  </tr>
                </thead>
                <tbody>
                  {rows.map((r) => (
                    <tr key={r.id}>
                      <th scope="row">
                        <Link to={`/teams/${r.id}/preassignments`}>{r.name}</Link>
                        <span className="date-western">{r.prefecture}</span>
                      </th>
                      {r.cells.map((c) => (
                        <td key={c.preAssignmentId} data-status={c.status} className={`matrix__cell matrix__cell--${c.status}`}>
                          {submissionStatusLabel[c.status]}
                          {c.submittedOn ? (
                            <>
                              <br />
                              <EraDate iso={c.submittedOn} western={false} />
                            </>
                          ) : null}
                        </td>
                      ))}
                    </tr>
                  ))}
                </tbody>
              </table>
            </ScrollRegion>
          )}
        </>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
