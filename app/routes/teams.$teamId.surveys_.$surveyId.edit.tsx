import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { StaleNotice } from '~/components/StaleNotice';
import { countedSummary, SurveyForm, type QuestionDefaults } from '~/components/surveys/SurveyForm';
import { TeamHeader } from '~/components/TeamHeader';
import { surveyQuestionKinds, visibilities } from '~/domain/codes';
import { sharesText } from '~/domain/survey-shares';
import { getSurvey, updateSurvey, type SurveyDetail } from '~/models/surveys.server';
import { surveyEditSchema, type SurveyInput } from '~/schemas/survey';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice } from '~/utils/notice.server';
import type { IntentNeeds } from '~/utils/permissions';
import { actorOf, denyNotFound, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';

// The file name's `surveys_` keeps this page out of the survey page's layout (its own URL, no Outlet).

export const meta: MetaFunction = () => [{ title: 'アンケートを編集 | 人マネ トラッカー' }];

/** The questions as the form starts with them: a typed one with its lines, a counted one with its results in words. */
function questionDefaults(survey: SurveyDetail): QuestionDefaults[] {
  return survey.questions.map((q) => {
    const counted = q.answered !== null;
    return {
      id: q.id,
      text: q.text,
      kind: q.kind,
      options: counted ? '' : q.kind === 'free_text' ? q.answers.map((a) => a.body).join('\n') : sharesText(q.options),
      counted,
      summary: counted ? countedSummary(q) : undefined,
    };
  });
}

/** The survey's fields as the form posts them, for a 409's newer version. */
function formValues(survey: SurveyDetail) {
  return {
    title: survey.title,
    heldOn: survey.heldOn,
    heldUntil: survey.heldUntil ?? '',
    audience: survey.audience,
    respondents: survey.source === 'manual' && survey.respondents !== null ? String(survey.respondents) : '',
    visibility: survey.visibility,
    durationMinutes: survey.durationMinutes ? String(survey.durationMinutes) : '',
    questions: questionDefaults(survey).map((q) => ({ id: String(q.id), text: q.text, ...(q.counted ? {} : { kind: q.kind, options: q.options }) })),
  };
}

/** The same as people read them, to show a refused save beside the newer one. */
function readable(values: {
  title: string;
  heldOn: string;
  heldUntil?: string | null;
  audience: string;
  visibility: SurveyInput['visibility'];
  questions: { text: string; kind?: string; options?: string }[];
}): ReadableField[] {
  return [
    { key: 'title', label: 'タイトル', value: values.title },
    { key: 'heldOn', label: '実施日', value: values.heldOn },
    { key: 'heldUntil', label: '終了日', value: values.heldUntil ?? '' },
    { key: 'audience', label: '対象', value: values.audience },
    { key: 'visibility', label: '公開範囲', value: visibilities.label[values.visibility] },
    {
      key: 'questions',
      label: '質問と結果',
      value: values.questions
        .map((q, i) =>
          [
            `Q${i + 1} ${q.text}${q.kind ? `（${surveyQuestionKinds.label[q.kind as keyof typeof surveyQuestionKinds.label] ?? q.kind}）` : ''}`,
            q.options ?? '',
          ]
            .filter(Boolean)
            .join('\n'),
        )
        .join('\n'),
    },
  ];
}

/** What the person sent, read back into lines (a typed question's lines as its options text). */
function sentQuestions(input: SurveyInput) {
  return input.questions.map((q) => ({
    text: q.text,
    kind: q.typed?.kind,
    options: q.typed ? (q.typed.kind === 'free_text' ? q.typed.answers.join('\n') : sharesText(q.typed.options)) : undefined,
  }));
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const surveyId = requireIdParam(params.surveyId);
  const survey = await getSurvey(team.id, surveyId, access.interviewVisibilities);
  if (!survey) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    survey: { ...formValues(survey), id: survey.id, source: survey.source, version: survey.version },
    questions: questionDefaults(survey),
  };
}

export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const surveyId = requireIdParam(params.surveyId);
  if (!(await getSurvey(team.id, surveyId, access.interviewVisibilities))) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  const submission = parseWithZod(formData, { schema: surveyEditSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await updateSurvey(actorOf(request, viewer), team.id, surveyId, access.interviewVisibilities, input, baseVersion);
  if (saved.kind === 'missing') return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  if (saved.kind === 'stale') {
    // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
    const latest = await getSurvey(team.id, surveyId, access.interviewVisibilities);
    if (!latest) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
    const answer = staleReply(formData, submission.reply(), readable({ ...input, questions: sentQuestions(input) }), {
      form: formValues(latest),
      readable: readable(formValues(latest)),
      savedAt: latest.updatedAt,
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice(`/teams/${team.id}/surveys/${surveyId}`, '保存しました。活動記録にも反映されています。', surveyId);
}

export default function EditSurvey() {
  const { team, links, survey, questions } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const { id, source, version, questions: _q, ...values } = survey;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/surveys/${id}`}>← アンケートに戻る</Link>
      </p>
      <h2>アンケートを編集</h2>
      <p className="lead">実施日・タイトル・所要時間の変更は、活動記録にも反映されます。</p>
      <SurveyForm
        draftName="survey"
        lastResult={reply?.result}
        defaultValue={values}
        questions={questions}
        typedRespondents={source === 'manual'}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/surveys/${id}`}
        version={reply?.version ?? version}
        notice={reply?.stale ? <StaleNotice stale={reply.stale} /> : null}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
