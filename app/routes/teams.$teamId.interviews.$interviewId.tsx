import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { homeworkStatuses, intervieweeRoles, visibilities } from '~/domain/codes';
import { getInterview } from '~/models/interviews.server';
import { requireIdParam } from '~/utils/http.server';
import { denyNotFound, requireTeam } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'キーパーソンインタビュー | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  // Scoped by team and by what this viewer may read: a confidential interview is simply not found.
  const interviewId = requireIdParam(params.interviewId);
  const interview = await getInterview(team.id, interviewId, access.interviewVisibilities);
  if (!interview) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, interview };
}

export default function InterviewPage() {
  const { team, links, interview } = useLoaderData<typeof loader>();
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
      <h2>
        {interview.interviewee}
        <span className="muted">（{intervieweeRoles.label[interview.roleCategory]}）</span>
      </h2>
      <p>
        <EraDate iso={interview.interviewedOn} />　<span className="tag">{visibilities.label[interview.visibility]}</span>
      </p>
      {sections.map(([label, text]) =>
        text ? (
          <section key={label}>
            <h3>【{label}】</h3>
            <p className="prewrap">{text}</p>
          </section>
        ) : null,
      )}
      <h3>宿題（{interview.homework.length}件）</h3>
      <ul className="plain-list">
        {interview.homework.map((h) => (
          <li key={h.id}>
            <span className="tag">{homeworkStatuses.label[h.status]}</span> {h.body}
            {h.dueOn ? <span className="muted">（期限 <EraDate iso={h.dueOn} western={false} />）</span> : null}
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
