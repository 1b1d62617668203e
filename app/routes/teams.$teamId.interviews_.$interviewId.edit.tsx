import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { InterviewForm } from '~/components/InterviewForm';
import { differingFields, StaleNotice, type Stale } from '~/components/StaleNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { intervieweeRoles, visibilities } from '~/domain/codes';
import { getInterview, updateInterview } from '~/models/interviews.server';
import { interviewEditSchema, type InterviewInput } from '~/schemas/interview';
import { readEdited } from '~/utils/edited-fields';
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

/** The interview's own fields as people read them, to compare a refused save with the newer one. */
function readable(values: Pick<InterviewInput, 'interviewedOn' | 'interviewee' | 'roleCategory' | 'purpose' | 'questions' | 'content' | 'insights' | 'unease' | 'visibility'> & { durationMinutes?: number | null }) {
  return [
    ['実施日', values.interviewedOn],
    ['インタビューの相手', values.interviewee],
    ['相手の立場', intervieweeRoles.label[values.roleCategory]],
    ['所要時間（分）', values.durationMinutes ? String(values.durationMinutes) : ''],
    ['目的', values.purpose],
    ['質問', values.questions],
    ['内容', values.content],
    ['気付き', values.insights],
    ['モヤモヤ', values.unease],
    ['公開範囲', visibilities.label[values.visibility]],
  ] as const;
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const interviewId = requireIdParam(params.interviewId);
  if (!(await getInterview(team.id, interviewId, access.interviewVisibilities))) {
    return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  }
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: interviewEditSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: null }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await updateInterview(actorOf(request, viewer), team.id, interviewId, input, { baseVersion, edited: readEdited(formData) });
  if (saved.kind === 'missing') return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  if (saved.kind === 'stale') {
    // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
    const latest = (await getInterview(team.id, interviewId, access.interviewVisibilities))!;
    const stale: Stale = { savedAt: latest.updatedAt.toISOString(), fields: differingFields(readable(latest), readable(input)) };
    return data({ result: submission.reply(), stale, version: latest.version }, { status: 409 });
  }
  return redirect(`/teams/${team.id}/interviews/${interviewId}?saved=1`);
}

export default function EditInterview() {
  const { team, links, interview } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { homework, durationMinutes, ...values } = interview;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>インタビューを編集</h2>
      <p className="lead">実施日・相手の立場・所要時間の変更は、活動記録にも反映されます。</p>
      <InterviewForm
        draftName="interview"
        lastResult={reply?.result}
        defaultValue={{ ...values, durationMinutes: durationMinutes ? String(durationMinutes) : '' }}
        homework={homework.map((h) => ({ id: h.id, body: h.body, status: h.status, dueOn: h.dueOn, followUp: h.followUp }))}
        blankRows={2}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/interviews/${interview.id}`}
        version={reply?.version ?? interview.version}
        notice={reply?.stale ? <StaleNotice stale={reply.stale} /> : null}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
