import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { activityKinds } from '~/domain/codes';
import { activitySummary } from '~/models/activities.server';
import { formatFiscalYear } from '~/utils/dates';
import { counted, hours } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';
import { ScrollRegion } from '~/components/ScrollRegion';

export const meta: MetaFunction = () => [{ title: '1年間の活動回数・時間 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, summary: await activitySummary(team.id) };
}

export default function ActivitySummary() {
  const { team, links, summary } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/activities`}>← 活動記録に戻る</Link>
      </p>
      <h2>1年間の活動回数・時間</h2>
      <p className="lead">
        {formatFiscalYear(team.fiscalYear)}の活動は合計 {counted(summary.total.count, '回')}・{hours(summary.total.minutes)}です。報告書にそのまま使えます。
      </p>
      <ScrollRegion label="活動の集計">
        <table className="summary-table">
          <caption>種別ごとの活動回数と時間（削除した記録を除く）</caption>
          <thead>
            <tr>
              <th scope="col">種別</th>
              <th scope="col" className="num">
                回数
              </th>
              <th scope="col" className="num">
                時間
              </th>
            </tr>
          </thead>
          <tbody>
            {summary.byKind.map((r) => (
              <tr key={r.kind}>
                <th scope="row">{activityKinds.label[r.kind]}</th>
                <td className="num">{counted(r.count, '回')}</td>
                <td className="num">{hours(r.minutes)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <th scope="row">合計</th>
              <td className="num">{counted(summary.total.count, '回')}</td>
              <td className="num">{hours(summary.total.minutes)}</td>
            </tr>
          </tfoot>
        </table>
      </ScrollRegion>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
