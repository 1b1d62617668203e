import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { EraDateSpan } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { SavedNotice } from '~/components/SavedNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { sharesLine, SurveyQuestionChart } from '~/components/surveys/SurveyQuestionChart';
import { surveyQuestionKinds, surveySources, visibilities } from '~/domain/codes';
import { getSurvey, setAnswerQuoted, setSurveyArchived } from '~/models/surveys.server';
import { quoteSchema } from '~/schemas/survey';
import { formatFiscalYear } from '~/utils/dates';
import { counted, duration } from '~/utils/format';
import { badRequest, requireIdParam } from '~/utils/http.server';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import type { IntentNeeds } from '~/utils/permissions';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'アンケート結果 | 人マネ トラッカー' }];

/** Free-text answers shown at first per question (the quoted ones always); ?all=<question> shows all of one. */
const shownAnswers = 50;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  // Scoped by team and by what this viewer may read: a survey kept to the team is simply not found.
  const surveyId = requireIdParam(params.surveyId);
  const survey = await getSurvey(team.id, surveyId, access.interviewVisibilities);
  if (!survey) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  const all = Number(new URL(request.url).searchParams.get('all'));
  const questions = survey.questions.map((q) => {
    const shown = q.id === all ? q.answers : [...q.answers.filter((a) => a.quoted), ...q.answers.filter((a) => !a.quoted).slice(0, shownAnswers)];
    return { ...q, answers: shown, answerCount: q.answers.length, quotedCount: q.answers.filter((a) => a.quoted).length };
  });
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      canWrite: access.kinds.includes('member'),
      survey: { ...survey, questions },
      notice,
    },
    { headers },
  );
}

export const intents = { quote: 'team:member', archive: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const surveyId = requireIdParam(params.surveyId);
  const actor = actorOf(request, viewer);
  if (intent === 'archive') {
    const done = await setSurveyArchived(actor, team.id, surveyId, access.interviewVisibilities, true);
    if (!done) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
    return redirectWithNotice(`/teams/${team.id}/surveys`, 'アンケートをアーカイブしました。下の「アーカイブ済み」から元に戻せます。', surveyId);
  }
  const submission = parseWithZod(formData, { schema: quoteSchema });
  if (submission.status !== 'success') badRequest();
  const { answerId, quoted } = submission.value;
  if (!(await setAnswerQuoted(actor, team.id, surveyId, access.interviewVisibilities, answerId, quoted))) {
    return denyNotFound(request, viewer, { teamId: team.id, surveyId, answerId });
  }
  const said = quoted ? '引用に指定しました。共同論文に載せられます。' : '引用の指定を外しました。';
  return redirectWithNotice(`/teams/${team.id}/surveys/${surveyId}#answer-${answerId}`, said, answerId);
}

export default function SurveyPage() {
  const { team, links, canWrite, survey, notice } = useLoaderData<typeof loader>();
  const subject = `${team.municipalityName}チーム ${formatFiscalYear(team.fiscalYear)} ${survey.title}`;
  const facts = [
    survey.audience ? `対象: ${survey.audience}` : '',
    survey.respondents !== null ? `回答数: ${counted(survey.respondents, '件')}` : '',
    surveySources.label[survey.source],
    survey.durationMinutes ? `活動時間: ${duration(survey.durationMinutes)}` : '',
  ].filter(Boolean);
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/surveys`}>← アンケートの一覧</Link>
      </p>
      <SavedNotice notice={notice} />
      <h2>{survey.title}</h2>
      <p>
        <EraDateSpan from={survey.heldOn} to={survey.heldUntil} />　<span className="tag">{visibilities.label[survey.visibility]}</span>
      </p>
      <p className="muted">{facts.join('・')}</p>
      {survey.keepsResponses ? (
        <p className="muted">
          回答者ごとの回答（{counted(survey.responses, '件')}）も保存しています。個人を特定できる列（ID・メール・名前・時刻）は保存していません。
        </p>
      ) : null}
      <div className="form-actions">
        {canWrite ? (
          <Link className="button button--secondary" to={`/teams/${team.id}/surveys/${survey.id}/edit`}>
            編集する
          </Link>
        ) : null}
        <a href={`/teams/${team.id}/surveys/${survey.id}/results.csv`} download>
          集計結果をCSVで書き出す
        </a>
        {canWrite ? (
          <Form method="post" className="inline-form">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button button--danger">
              アーカイブする
            </button>
          </Form>
        ) : null}
      </div>
      {survey.questions.length === 0 ? <p className="muted">質問がありません。「編集する」から集計結果を入力できます。</p> : null}
      {survey.questions.map((q) => (
        <section key={q.id} id={`q-${q.id}`} className="survey-question" aria-label={`Q${q.position + 1}`}>
          {q.kind === 'free_text' ? (
            <>
              <h3>
                Q{q.position + 1}. {q.text}
              </h3>
              <p className="muted">
                {surveyQuestionKinds.label[q.kind]}（{counted(q.answerCount, '件')}、うち引用{counted(q.quotedCount, '件')}）
                {canWrite ? '　「引用」にした回答だけが共同論文に載ります。' : ''}
              </p>
              <ul className="survey-answers">
                {q.answers.map((a) => (
                  <li key={a.id} id={`answer-${a.id}`} data-quoted={a.quoted ? 'true' : 'false'}>
                    {a.quoted ? <span className="tag tag--quoted">引用</span> : null} <span className="prewrap">{a.body}</span>
                    {canWrite ? (
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="quote" />
                        <input type="hidden" name="answerId" value={a.id} />
                        {a.quoted ? null : <input type="hidden" name="quoted" value="on" />}{' '}
                        <button
                          type="submit"
                          className="link-button"
                          aria-label={`${a.quoted ? '引用を外す' : '引用にする'}: ${[...a.body].slice(0, 20).join('')}`}
                        >
                          {a.quoted ? '引用を外す' : '引用にする'}
                        </button>
                      </Form>
                    ) : null}
                  </li>
                ))}
              </ul>
              {q.answers.length < q.answerCount ? (
                <p>
                  <Link to={`?all=${q.id}#q-${q.id}`}>残りの回答（{counted(q.answerCount - q.answers.length, '件')}）も表示する</Link>
                </p>
              ) : null}
            </>
          ) : (
            <>
              <SurveyQuestionChart question={q} subject={subject} />
              <p className="muted">
                {surveyQuestionKinds.label[q.kind]}　引用するとき: 「{q.text}（{sharesLine(q.options)}）」
              </p>
            </>
          )}
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
