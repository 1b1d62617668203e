import type { SubmissionResult } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { SurveyImportPreview, surveyPreviewKey, type SurveyPreview } from '~/components/surveys/SurveyImportPreview';
import { TeamHeader } from '~/components/TeamHeader';
import { surveyQuestionKinds } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';
import { titleOfFile } from '~/domain/survey-csv';
import { submitOnce } from '~/models/submissions.server';
import { commitSurveyImport, emptySurveyPlan, planSurveyImport, type SurveyKindCorrections, type SurveyPlan } from '~/models/survey-import.server';
import { surveyActivityChoices } from '~/models/surveys.server';
import { surveyImportSchema } from '~/schemas/survey';
import { todayInTokyo } from '~/utils/clock';
import { decodeCsv, undecodableCsv } from '~/utils/csv-decode';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice } from '~/utils/notice.server';
import type { IntentNeeds } from '~/utils/permissions';
import { actorOf, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'アンケート結果をCSVから取り込む | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet } };
}

/** The file's text: from the uploaded file (app/utils/csv-decode.ts), or re-sent with the preview. */
async function readFile(formData: FormData): Promise<{ text: string; fileName: string; encoding: string } | { error: string }> {
  const file = formData.get('file');
  if (file instanceof File && file.size > 0) {
    const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    return decoded ? { text: decoded.text, fileName: file.name, encoding: decoded.encoding } : { error: undecodableCsv };
  }
  const text = formData.get('csv');
  const fileName = formData.get('fileName');
  const encoding = formData.get('encoding');
  if (typeof text !== 'string' || !text.trim()) return { error: 'CSVファイルを選んでください' };
  return { text, fileName: typeof fileName === 'string' ? fileName.slice(0, 300) : '', encoding: typeof encoding === 'string' ? encoding.slice(0, 20) : '' };
}

/** The kinds chosen in the preview (kind:3 = 自由記述 …); anything else is ignored. */
function correctionsOf(formData: FormData): SurveyKindCorrections {
  const corrections: SurveyKindCorrections = {};
  for (const [name, value] of formData) {
    const m = /^kind:(\d{1,3})$/.exec(name);
    if (m && typeof value === 'string' && (surveyQuestionKinds.codes as readonly string[]).includes(value))
      corrections[Number(m[1])] = value as SurveyQuestionKind;
  }
  return corrections;
}

/** What the browser is shown of a reading: the counts, a few answers of each free-text question, never every row. */
function previewOf(plan: SurveyPlan, encoding: string | null): SurveyPreview {
  return {
    fileErrors: plan.fileErrors,
    lineErrors: plan.lineErrors.slice(0, 20),
    moreLineErrors: Math.max(0, plan.lineErrors.length - 20),
    layout: plan.layout,
    encoding,
    respondents: plan.respondents,
    firstOn: plan.firstOn,
    lastOn: plan.lastOn,
    ignored: plan.ignored,
    unanswered: plan.unanswered,
    questions: plan.questions.map(({ answers, ...q }) => ({
      ...q,
      answerCount: answers.length,
      examples: answers.slice(0, 3).map((a) => [...a].slice(0, 120).join('')),
    })),
  };
}

/** The survey's fields as posted, so a new reading keeps what was typed. */
function postedHeader(formData: FormData): Record<string, string> {
  const names = ['title', 'heldOn', 'heldUntil', 'audience', 'visibility', 'durationMinutes', 'activityId', 'keepResponses'];
  return Object.fromEntries(names.flatMap((name) => (typeof formData.get(name) === 'string' ? [[name, formData.get(name) as string]] : [])));
}

export const intents = { preview: 'team:member', commit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const read = await readFile(formData);
  const activityChoices = await surveyActivityChoices(team.id);
  const answer = (plan: SurveyPlan | null, extra: { header?: Record<string, string>; result?: SubmissionResult<string[]> | null; status: number }) =>
    data(
      {
        csv: 'error' in read ? '' : read.text,
        fileName: 'error' in read ? '' : read.fileName,
        encoding: 'error' in read ? '' : read.encoding,
        preview: plan
          ? previewOf(plan, 'error' in read ? null : read.encoding)
          : previewOf({ ...emptySurveyPlan(), fileErrors: ['error' in read ? read.error : ''] }, null),
        header: extra.header ?? {},
        result: extra.result ?? null,
        activityChoices,
      },
      { status: extra.status },
    );
  if ('error' in read) return answer(null, { status: 400 });
  const corrections = correctionsOf(formData);
  const failed = (plan: SurveyPlan) => plan.fileErrors.length > 0 || plan.lineErrors.length > 0 || plan.questions.some((q) => q.errors.length > 0);

  if (intent === 'preview') {
    const plan = await planSurveyImport(read.text, corrections);
    // The first reading suggests the survey's fields from the file: its name, the days it was answered.
    const header = formData.has('title')
      ? postedHeader(formData)
      : {
          title: titleOfFile(read.fileName),
          heldOn: plan.firstOn ?? todayInTokyo(),
          heldUntil: plan.lastOn && plan.lastOn !== plan.firstOn ? plan.lastOn : '',
          visibility: 'team',
        };
    return answer(plan, { header, status: failed(plan) ? 400 : 200 });
  }

  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: surveyImportSchema });
    const activityId = submission.status === 'success' ? submission.value.activityId : undefined;
    if (submission.status !== 'success' || (activityId && !activityChoices.some((a) => a.id === activityId))) {
      const plan = await planSurveyImport(read.text, corrections);
      const result =
        submission.status !== 'success'
          ? submission.reply({ hideFields: ['csv'] })
          : submission.reply({
              fieldErrors: { activityId: ['このチームの、まだアンケートに結び付いていない活動記録から選んでください'] },
              hideFields: ['csv'],
            });
      return answer(plan, { header: postedHeader(formData), result, status: 400 });
    }
    const done = await commitSurveyImport(actorOf(request, viewer), team.id, read.text, corrections, submission.value);
    if (done.kind === 'refused') return answer(done.plan, { header: postedHeader(formData), status: 400 });
    if (done.kind === 'activityTaken') {
      const plan = await planSurveyImport(read.text, corrections);
      const result = submission.reply({
        fieldErrors: { activityId: ['選んだ活動記録は、ほかのアンケートに結び付けられました。選び直してください'] },
        hideFields: ['csv'],
      });
      return answer(plan, { header: postedHeader(formData), result, status: 400 });
    }
    return redirectWithNotice(
      `/teams/${team.id}/surveys/${done.id}`,
      `「${submission.value.title}」を取り込みました（質問${counted(done.questions, '問')}・回答${counted(done.respondents, '件')}）。活動記録にも反映されています。`,
      done.id,
    );
  });
}

export default function ImportSurvey() {
  const { team, links } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/surveys`}>← アンケートの一覧に戻る</Link>
      </p>
      <h2>アンケート結果をCSVから取り込む</h2>
      <div className="prose">
        <p>
          Microsoft Forms（「Excel で開く」で保存したCSV）、Google
          フォーム（「回答をダウンロード（.csv）」）、LoGoフォームなどの、1行に1人の回答が並ぶCSVを読み込めます。1行目の見出しが質問になります。
        </p>
        <p>
          質問ごとに、はい／いいえ・単一選択・複数選択・5段階評価・自由記述のどれかを回答から読み取って集計します。読み取りは確認画面で直せます。ID・メール・名前・回答時刻の列は読み込みません。
        </p>
        <p>文字コードは UTF-8・Shift_JIS・UTF-16 のどれでも構いません。問題が1つでもあると何も保存しません。</p>
      </div>
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="file">CSVファイル</label>
          <input id="file" name="file" type="file" accept=".csv,.txt,text/csv,text/plain" required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          内容を確認する
        </button>
      </Form>
      {result ? (
        <SurveyImportPreview
          key={surveyPreviewKey(result.csv, result.preview)}
          csv={result.csv}
          fileName={result.fileName}
          encoding={result.encoding}
          preview={result.preview}
          header={result.header}
          result={result.result}
          activityChoices={result.activityChoices}
        />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
