import { ScrollRegion } from '~/components/ScrollRegion';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate, EraDateSpan } from '~/components/EraDate';
import { sessionKinds } from '~/domain/codes';
import { listYearsWithSessions } from '~/models/years.server';
import { requireViewer } from '~/utils/auth.server';
import { fiscalYearOf, formatFiscalYear, formatWesternFiscalYear } from '~/utils/dates';
import { todayInTokyo } from '~/utils/clock';

export const meta: MetaFunction = () => [{ title: '年度と研究会 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireViewer(request);
  const today = todayInTokyo();
  const years = await listYearsWithSessions();
  // The current fiscal year is open (next year may already be set up in November), and in it the next
  // session, the one people prepare for now.
  const current = fiscalYearOf(today);
  const open = years.some((y) => y.fiscalYear === current) ? current : (years[0]?.fiscalYear ?? null);
  const next = years.find((y) => y.fiscalYear === current)?.sessions.find((s) => (s.endsOn ?? s.startsOn) >= today)?.id ?? null;
  return { years, open, next };
}

export default function Home() {
  const { years, open, next } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>年度と研究会</h1>
      <p className="lead">人材マネジメント部会の各年度の統一テーマと研究会の日程です。</p>
      {years.length === 0 ? <p>まだ年度が登録されていません。</p> : null}
      {years.map((year) => (
        <details key={year.fiscalYear} className="card year" open={year.fiscalYear === open}>
          <summary>
            <h2 id={`fy-${year.fiscalYear}`}>
              {formatFiscalYear(year.fiscalYear)}
              <span className="date-western">{formatWesternFiscalYear(year.fiscalYear)}</span>
            </h2>
          </summary>
          <p>
            統一テーマ：<strong>{year.theme}</strong>
          </p>
          {year.sessions.length === 0 ? (
            <p className="muted">研究会の日程はまだ登録されていません。</p>
          ) : (
            <>
              <p className="muted">研究会・フォローアップ {year.sessions.length}回</p>
              <ScrollRegion label="研究会の日程">
                <table className="sessions-table table-cards">
                  <caption>{formatFiscalYear(year.fiscalYear)}の日程</caption>
                  <thead>
                    <tr>
                      <th scope="col">回</th>
                      <th scope="col">日程</th>
                      <th scope="col">会場</th>
                      <th scope="col">内容</th>
                      <th scope="col">事前課題</th>
                    </tr>
                  </thead>
                  <tbody>
                    {year.sessions.map((s) => (
                      <tr key={s.id} className={s.id === next ? 'session--next' : undefined} aria-current={s.id === next ? 'date' : undefined}>
                        <td className="sessions-table__name">
                          {s.kind === 'study' ? `第${s.number}回` : `${sessionKinds.label[s.kind]} ${s.number}`}
                          {s.id === next ? <span className="tag"> 次回</span> : null}
                        </td>
                        <td data-label="日程">
                          <EraDateSpan from={s.startsOn} to={s.endsOn} />
                        </td>
                        <td data-label="会場">
                          {s.isOnline && !s.venue.includes('オンライン') ? <span className="tag tag--online">オンライン</span> : null} {s.venue}
                        </td>
                        <td data-label="内容">{s.agenda}</td>
                        <td data-label="事前課題">
                          {s.preAssignments.map((a) => (
                            <div key={a.id}>
                              {a.title}
                              <br />
                              <span className="muted">
                                締切 <EraDate iso={a.dueOn} western={false} />
                              </span>
                            </div>
                          ))}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </ScrollRegion>
            </>
          )}
        </details>
      ))}
      <p>
        <Link to="/municipalities">参加自治体の一覧へ</Link>
      </p>
    </>
  );
}
