import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { InterviewForm } from '~/components/InterviewForm';
import { TeamHeader } from '~/components/TeamHeader';
import { getInterview, updateInterview } from '~/models/interviews.server';
import { interviewSchema } from '~/schemas/interview';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeamMember } from '~/utils/permissions.server';

// The file name's `interviews_` keeps this page out of the detail page's layout (its own URL, no Outlet).

export const meta: MetaFunction = () => [{ title: 'インタビューを編集 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const interviewId = requireIdParam(params.interviewId);
  const interview = await getInterview(team.id, interviewId, access.interviewVisibilities);
  if (!interview) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, interview };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const interviewId = requireIdParam(params.interviewId);
  if (!(await getInterview(team.id, interviewId, access.interviewVisibilities))) {
    return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  }
  const submission = parseWithZod(await request.formData(), { schema: interviewSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const saved = await updateInterview(actorOf(request, viewer), team.id, interviewId, submission.value);
  if (!saved) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return redirect(`/teams/${team.id}/interviews/${interviewId}?saved=1`);
}

export default function EditInterview() {
  const { team, links, interview } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const { homework, durationMinutes, ...values } = interview;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>インタビューを編集</h2>
      <p className="lead">実施日・相手の立場・所要時間の変更は、活動記録にも反映されます。</p>
      <InterviewForm
        draftName="interview"
        lastResult={lastResult}
        defaultValue={{ ...values, durationMinutes: durationMinutes ? String(durationMinutes) : '' }}
        homework={homework.map((h) => ({ id: h.id, body: h.body, status: h.status, dueOn: h.dueOn, followUp: h.followUp }))}
        blankRows={2}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/interviews/${interview.id}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
