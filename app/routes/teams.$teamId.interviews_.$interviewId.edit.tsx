import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { InterviewForm } from '~/components/InterviewForm';
import { StaleNotice } from '~/components/StaleNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { intervieweeRoles, visibilities } from '~/domain/codes';
import { getInterview, updateInterview } from '~/models/interviews.server';
import { interviewEditSchema, type InterviewInput } from '~/schemas/interview';
import { readEdited } from '~/utils/edited-fields';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice } from '~/utils/notice.server';

// The file name's `interviews_` keeps this page out of the detail page's layout (its own URL, no Outlet).

export const meta: MetaFunction = () => [{ title: 'インタビューを編集 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const interviewId = requireIdParam(params.interviewId);
  const interview = await getInterview(team.id, interviewId, access.interviewVisibilities);
  if (!interview) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, interview };
}

type OwnFields = Pick<
  InterviewInput,
  'interviewedOn' | 'interviewee' | 'roleCategory' | 'purpose' | 'questions' | 'content' | 'insights' | 'unease' | 'visibility'
> & { durationMinutes?: number | null };

/** The interview's own fields as people read them, to compare a refused save with the newer one. */
function readable(values: OwnFields): ReadableField[] {
  return [
    { key: 'interviewedOn', label: '実施日', value: values.interviewedOn },
    { key: 'interviewee', label: 'インタビューの相手', value: values.interviewee },
    { key: 'roleCategory', label: '相手の立場', value: intervieweeRoles.label[values.roleCategory] },
    { key: 'durationMinutes', label: '所要時間（分）', value: values.durationMinutes ? String(values.durationMinutes) : '' },
    { key: 'purpose', label: '目的', value: values.purpose },
    { key: 'questions', label: '質問', value: values.questions },
    { key: 'content', label: '内容', value: values.content },
    { key: 'insights', label: '気付き', value: values.insights },
    { key: 'unease', label: 'モヤモヤ', value: values.unease },
    { key: 'visibility', label: '公開範囲', value: visibilities.label[values.visibility] },
  ];
}

/** The same fields as the form posts them. */
function formValues({ durationMinutes, ...values }: OwnFields) {
  const { interviewedOn, interviewee, roleCategory, purpose, questions, content, insights, unease, visibility } = values;
  return {
    interviewedOn,
    interviewee,
    roleCategory,
    purpose,
    questions,
    content,
    insights,
    unease,
    visibility,
    durationMinutes: durationMinutes ? String(durationMinutes) : '',
  };
}

export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const interviewId = requireIdParam(params.interviewId);
  if (!(await getInterview(team.id, interviewId, access.interviewVisibilities))) {
    return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  }
  const submission = parseWithZod(formData, { schema: interviewEditSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await updateInterview(actorOf(request, viewer), team.id, interviewId, input, { baseVersion, edited: readEdited(formData) });
  if (saved.kind === 'missing') return denyNotFound(request, viewer, { teamId: team.id, interviewId });
  if (saved.kind === 'stale') {
    // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
    const latest = await getInterview(team.id, interviewId, access.interviewVisibilities);
    if (!latest) return denyNotFound(request, viewer, { teamId: team.id, interviewId });
    const answer = staleReply(formData, submission.reply(), readable(input), {
      form: formValues(latest),
      readable: readable(latest),
      savedAt: latest.updatedAt,
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice(`/teams/${team.id}/interviews/${interviewId}`, '保存しました。活動記録にも反映されています。', interviewId);
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
