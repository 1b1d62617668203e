import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { DeadlineBadge } from '~/components/HomeworkDeadline';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { homeworkStatuses, intervieweeRoles, visibilities } from '~/domain/codes';
import { homeworkDeadline } from '~/domain/homework';
import { getInterview, setInterviewArchived } from '~/models/interviews.server';
import { todayInTokyo } from '~/utils/clock';
import { counted, duration } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction = () => [{ title: 'キーパーソンインタビュー | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  // Scoped by team and by what this viewer may read: a confidential interview is simply not found.
  const interviewId = requireIdParam(params.interviewId);
  const interview = await getInterview(team.id, interviewId, access.interviewVisibilities);
  if (!interview) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  const today = todayInTokyo();
  const homework = interview.homework.map((h) => ({ ...h, deadline: homeworkDeadline(h, today) }));
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      canWrite: access.kinds.includes('member'),
      interview: { ...interview, homework },
      notice,
    },
    { headers },
  );
}

export const intents = { archive: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const interviewId = requireIdParam(params.interviewId);
  if (!(await getInterview(team.id, interviewId, access.interviewVisibilities))) {
    return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  }
  const done = await setInterviewArchived(actorOf(request, viewer), team.id, interviewId, access.interviewVisibilities, true);
  if (!done) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return redirectWithNotice(`/teams/${team.id}/interviews`, 'インタビューをアーカイブしました。下の「アーカイブ済み」から元に戻せます。', interviewId);
}

export default function InterviewPage() {
  const { team, links, canWrite, interview, notice } = useLoaderData<typeof loader>();
  const sections = [
    ['目的', interview.purpose],
    ['質問', interview.questions],
    ['内容', interview.content],
    ['気付き', interview.insights],
    ['モヤモヤ', interview.unease],
  ] as const;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/interviews`}>← インタビューの一覧</Link>
      </p>
      <SavedNotice notice={notice} />
      <h2>
        {interview.interviewee}
        <span className="muted">（{intervieweeRoles.label[interview.roleCategory]}）</span>
      </h2>
      <p>
        <EraDate iso={interview.interviewedOn} />　<span className="tag">{visibilities.label[interview.visibility]}</span>
        {interview.durationMinutes ? <span className="muted">　{duration(interview.durationMinutes)}</span> : null}
      </p>
      {canWrite ? (
        <div className="form-actions">
          <Link className="button button--secondary" to={`/teams/${team.id}/interviews/${interview.id}/edit`}>
            編集する
          </Link>
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button button--danger">
              アーカイブする
            </button>
          </Form>
        </div>
      ) : null}
      {sections.map(([label, text]) =>
        text ? (
          <section key={label}>
            <h3>【{label}】</h3>
            <p className="prewrap">{text}</p>
          </section>
        ) : null,
      )}
      <h3>宿題（{counted(interview.homework.length, '件')}）</h3>
      <ul className="plain-list homework-list">
        {interview.homework.map((h) => (
          <li key={h.id} data-deadline={h.deadline?.kind}>
            <span className="tag">{homeworkStatuses.label[h.status]}</span> <DeadlineBadge deadline={h.deadline} /> <span className="prewrap">{h.body}</span>
            {h.dueOn ? (
              <span className="muted">
                （期限 <EraDate iso={h.dueOn} western={false} />）
              </span>
            ) : null}
            {h.followUp ? <p className="prewrap muted">対応: {h.followUp}</p> : null}
          </li>
        ))}
      </ul>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
