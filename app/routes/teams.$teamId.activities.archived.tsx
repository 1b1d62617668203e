import { data, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { RestoreButton } from '~/components/RestoreButton';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { activityKinds } from '~/domain/codes';
import { listActivities } from '~/models/activities.server';
import { formatEraDate } from '~/utils/dates';
import { counted, duration } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';
import { takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction = () => [{ title: '削除した活動記録 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  const entries = await listActivities(team.id, access.interviewVisibilities, { archived: true });
  const { notice, headers } = await takeNotice(request);
  return data({ team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, entries, notice }, { headers });
}

export default function ArchivedActivities() {
  const { team, links, entries, notice } = useLoaderData<typeof loader>();
  const base = `/teams/${team.id}/activities`;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={base}>← 活動記録に戻る</Link>
      </p>
      <SavedNotice notice={notice} />
      <h2>削除した記録（{counted(entries.length, '件')}）</h2>
      {entries.length === 0 ? <p className="muted">削除した記録はありません。</p> : null}
      <ul className="plain-list">
        {entries.map((a) => (
          <li key={a.id} className="archived-item">
            <span>
              <time dateTime={a.occurredOn}>{formatEraDate(a.occurredOn)}</time>　<span className="tag">{activityKinds.label[a.kind]}</span>{' '}
              {a.ownInterview || a.ownSurvey ? a.title : <Link to={`${base}/${a.id}`}>{a.title || activityKinds.label[a.kind]}</Link>}
              <span className="muted">（{duration(a.durationMinutes)}）</span>
            </span>
            {a.ownInterview || a.ownSurvey ? null : <RestoreButton action={`${base}/${a.id}`} variant="secondary" />}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
