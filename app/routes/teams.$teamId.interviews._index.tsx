import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { intervieweeRoles, visibilities } from '~/domain/codes';
import { CoverageTable } from '~/components/dashboard/KeyPersonCoverage';
import { OpenHomeworkList, OverdueFigure } from '~/components/HomeworkDeadline';
import { keyPersonCoverage } from '~/models/dashboard-team.server';
import { listArchivedInterviews, listInterviews, openHomework, setInterviewArchived } from '~/models/interviews.server';
import { todayInTokyo } from '~/utils/clock';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { TeamRecordsLink } from '~/components/TeamRecordsLink';

export const meta: MetaFunction = () => [{ title: 'キーパーソンインタビュー | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  const canWrite = access.kinds.includes('member');
  const [interviews, homework, archived, coverage] = await Promise.all([
    listInterviews(team.id, access.interviewVisibilities),
    openHomework(team.id, access.interviewVisibilities, todayInTokyo()),
    canWrite ? listArchivedInterviews(team.id, access.interviewVisibilities) : [],
    keyPersonCoverage(team, access.interviewVisibilities),
  ]);
  const { notice, headers } = await takeNotice(request);
  return data(
    { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, canWrite, interviews, homework, archived, coverage, notice },
    { headers },
  );
}

export const intents = { restore: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, formData: form } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const interviewId = requireIdParam(String(form.get('interviewId') ?? ''));
  const done = await setInterviewArchived(actorOf(request, viewer), team.id, interviewId, access.interviewVisibilities, false);
  if (!done) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return redirectWithNotice(`/teams/${team.id}/interviews/${interviewId}`, '元に戻しました。', interviewId);
}

export default function Interviews() {
  const { team, links, canWrite, interviews, homework, archived, coverage, notice } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      <div className="page-actions">
        <h2 id="interviews-heading">キーパーソンインタビュー（{counted(interviews.length, '件')}）</h2>
        {canWrite ? (
          <Link className="button" to={`/teams/${team.id}/interviews/new`}>
            インタビューを記録
          </Link>
        ) : null}
        <a href={`/teams/${team.id}/interviews.csv`} download>
          CSVで書き出す
        </a>
        <a href={`/teams/${team.id}/homework.csv`} download>
          宿題をCSVで書き出す
        </a>
        {links.readProgress ? <TeamRecordsLink teamId={team.id} /> : null}
      </div>
      {interviews.length === 0 ? <p className="muted">表示できるインタビューはありません。</p> : null}
      <ul className="plain-list" aria-labelledby="interviews-heading">
        {interviews.map((i) => (
          <li key={i.id} data-visibility={i.visibility}>
            <EraDate iso={i.interviewedOn} western={false} />　<Link to={`/teams/${team.id}/interviews/${i.id}`}>{i.interviewee}</Link>
            <span className="muted">
              （{intervieweeRoles.label[i.roleCategory]}・{visibilities.label[i.visibility]}）
            </span>
          </li>
        ))}
      </ul>

      <section aria-labelledby="coverage-heading">
        <h2 id="coverage-heading">キーパーソンの網羅状況</h2>
        <CoverageTable coverage={coverage} />
      </section>

      <section aria-labelledby="homework-heading">
        <h2 id="homework-heading">未完了の宿題（{counted(homework.items.length, '件')}）</h2>
        <OverdueFigure overdue={homework.overdue} />
        <OpenHomeworkList teamId={team.id} items={homework.items} />
      </section>

      {canWrite ? (
        <ArchivedList
          id="archived-heading"
          heading={`アーカイブ済み（${counted(archived.length, '件')}）`}
          items={archived}
          name="interviewId"
          valueOf={(i) => i.id}
          label={(i) => (
            <>
              <EraDate iso={i.interviewedOn} western={false} />　{i.interviewee}
            </>
          )}
        />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
