import { surveyQuestionKinds, visibilities } from '~/domain/codes';
import { readShares, surveyFormLimits } from '~/domain/survey-shares';
import { isoDate, nulMessage, optionalText, recordId, requiredText, withBaseVersion, z } from './fields';

// アンケート forms: what a survey is (its header), and for a summary typed by hand its questions with the
// percentage of each option (「はい 16」「いいえ 84」, one a line). A question counted from a file keeps its
// counts: its form posts only its text.

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false);
const optionalNumber = (label: string, max: number) =>
  z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.normalize('NFKC').trim() : v),
    z.coerce
      .number({ error: `${label}は数字で入力してください` })
      .int(`${label}は整数で入力してください`)
      .min(0, `${label}は0以上にしてください`)
      .max(max, `${label}は${max.toLocaleString('ja-JP')}以内にしてください`)
      .optional(),
  );

/** What every survey form says about the survey itself. */
export const surveyHeaderFields = {
  title: requiredText('タイトル', 200),
  heldOn: isoDate('実施日'),
  heldUntil: isoDate('終了日').optional(),
  audience: optionalText('対象', 200),
  visibility: z.enum(visibilities.codes, { error: '公開範囲を選んでください' }).default('team'),
  durationMinutes: optionalNumber('所要時間（分）', 1440),
  /** An アンケート entry of the log this survey becomes (instead of adding one). */
  activityId: recordId('活動記録').optional(),
};

function checkDates(v: { heldOn: string; heldUntil?: string }, ctx: z.RefinementCtx) {
  if (v.heldUntil && v.heldUntil < v.heldOn) ctx.addIssue({ code: 'custom', path: ['heldUntil'], message: '終了日は実施日より後にしてください' });
}

/** The header of an imported file, sent with the preview's confirmation. */
export const surveyImportSchema = z.object({ ...surveyHeaderFields, keepResponses: checkbox }).superRefine(checkDates);
export type SurveyImportInput = z.infer<typeof surveyImportSchema>;

/** One question block of the form; a block left blank is dropped. `options` is absent for a counted question. */
const questionRow = z.object({
  id: recordId('質問').optional(),
  text: optionalText('質問', surveyFormLimits.questionChars),
  kind: z.enum(surveyQuestionKinds.codes, { error: '形式を選んでください' }).optional(),
  options: z
    .string()
    .max(surveyFormLimits.optionsChars, `選択肢と割合は${surveyFormLimits.optionsChars.toLocaleString('ja-JP')}文字以内にしてください`)
    // PostgreSQL text cannot hold NUL: a field error, not a 500.
    .refine((v) => !v.includes('\u0000'), nulMessage('選択肢と割合'))
    .optional(),
  remove: checkbox,
});

export const surveySchema = z
  .object({
    ...surveyHeaderFields,
    respondents: optionalNumber('回答数', 1_000_000),
    questions: z.array(questionRow).max(surveyFormLimits.questions, `質問は${surveyFormLimits.questions}問までです`).default([]),
  })
  .superRefine((v, ctx) => {
    checkDates(v, ctx);
    let kept = 0;
    v.questions.forEach((q, i) => {
      if (q.remove) return;
      const typed = q.options !== undefined;
      if (!q.text.trim() && !(typed && q.options!.trim()) && !q.id) return; // a blank block
      kept++;
      if (!q.text.trim())
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'text'], message: '質問を入力してください（不要な質問は「削除」を選んでください）' });
      if (!typed) return;
      if (!q.kind) {
        ctx.addIssue({ code: 'custom', path: ['questions', i, 'kind'], message: '形式を選んでください' });
        return;
      }
      for (const message of readShares(q.kind, q.options!).errors) ctx.addIssue({ code: 'custom', path: ['questions', i, 'options'], message });
    });
    if (kept === 0) ctx.addIssue({ code: 'custom', path: ['questions'], message: '質問を1つ以上入力してください' });
  })
  .transform((v) => ({
    ...v,
    questions: v.questions
      .filter((q) => !q.remove && (q.text.trim() || q.id || (q.options ?? '').trim()))
      .map((q) => ({
        id: q.id,
        text: q.text.trim(),
        // A counted question (no options posted) keeps its kind and results.
        typed: q.options !== undefined && q.kind ? { kind: q.kind, ...readShares(q.kind, q.options!) } : null,
      })),
    removed: v.questions.filter((q) => q.remove && q.id).map((q) => q.id!),
  }));

export type SurveyInput = z.infer<typeof surveySchema>;
export const surveyEditSchema = withBaseVersion(surveySchema);

/** Tagging a free-text answer 引用 (for the joint paper), or untagging it. */
export const quoteSchema = z.object({ answerId: recordId('回答'), quoted: checkbox });
