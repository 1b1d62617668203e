import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Link } from '~/components/Link';
import type { ReactNode } from 'react';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import { DraftForm } from '~/components/DraftForm';
import { FieldErrors, FormMessage } from '~/components/form';
import { useRowCount } from '~/components/sheet/ItemRows';
import { SurveyHeaderFields, type ActivityChoice } from '~/components/surveys/SurveyHeaderFields';
import { surveyQuestionKinds } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';
import type { surveySchema } from '~/schemas/survey';
import type { FormShape } from '~/schemas/types';
import { counted } from '~/utils/format';

/** A question as the form starts with it; `counted` when its results come from a file (only its text is edited). */
export type QuestionDefaults = { id?: number; text: string; kind: SurveyQuestionKind; options: string; counted: boolean; summary?: string };

type Props = {
  draftName: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue: Record<string, unknown>;
  questions: QuestionDefaults[];
  /** Whether 回答数 is typed here (a summary typed by hand) or counted from the file. */
  typedRespondents: boolean;
  activityChoices?: ActivityChoice[];
  submitLabel: string;
  cancelTo: string;
  version?: number;
  notice?: ReactNode;
};

// One hint for every kind: the form shows no kind-specific text that a changed select would leave stale.
const optionsHint =
  '1行に1つ、選択肢と割合（％）を。例:「はい 16」「いいえ 84」、1行で「Y:16%/N:84%」も可。複数選択は合計が100%を超えても構いません。自由記述は回答を1行に1件。';

/**
 * A survey's results typed from a summary: its fields, then a block per question with its kind and the
 * percentage of each option, one a line. A question counted from a file shows its results and keeps them.
 */
export function SurveyForm({
  draftName,
  lastResult,
  defaultValue,
  questions,
  typedRespondents,
  activityChoices,
  submitLabel,
  cancelTo,
  version,
  notice,
}: Props) {
  const [form, fields] = useForm<FormShape<typeof surveySchema>>({
    lastResult,
    defaultValue: {
      ...defaultValue,
      questions: questions.map((q) => ({ id: q.id ? String(q.id) : undefined, text: q.text, kind: q.kind, options: q.options })),
    },
  });
  const list = fields.questions.getFieldList();
  const { count, add, anchor } = useRowCount('questions', Math.max(list.length, questions.length) + (questions.length ? 2 : 3), draftName);
  const byId = new Map(questions.filter((q) => q.id).map((q) => [String(q.id), q]));
  return (
    <DraftForm draftName={draftName} method="post" {...getFormProps(form)} className="form form--wide">
      {notice}
      {version ? <BaseVersionInput version={version} /> : null}
      <FormMessage id={form.errorId} errors={form.errors} />
      <SurveyHeaderFields
        // The fieldset is a proxy: a field is made when named, so each is named here (a spread would drop the untouched ones).
        fields={{
          title: fields.title,
          heldOn: fields.heldOn,
          heldUntil: fields.heldUntil,
          audience: fields.audience,
          visibility: fields.visibility,
          durationMinutes: fields.durationMinutes,
          activityId: fields.activityId,
          respondents: typedRespondents ? fields.respondents : undefined,
        }}
        activityChoices={activityChoices}
      />
      <div ref={anchor}>
        <fieldset className="field">
          <legend>質問と結果</legend>
          <p className="hint">
            質問ごとに形式を選び、選択肢と割合（％）を1行に1つずつ入力します。使わない欄は空のままで構いません。割合は回答した人に占める割合です。
          </p>
          <FieldErrors id={fields.questions.errorId} errors={fields.questions.errors} />
          {Array.from({ length: count }, (_, i) => {
            const set = list[i]?.getFieldset();
            const initial = (key: 'id' | 'text' | 'kind' | 'options') => (set?.[key].initialValue as string | undefined) ?? undefined;
            const id = initial('id') ?? (questions[i]?.id ? String(questions[i]!.id) : '');
            const saved = id ? byId.get(id) : undefined;
            const name = `questions[${i}]`;
            const errors = (key: 'text' | 'kind' | 'options') => set?.[key].errors;
            const kind = (initial('kind') ?? saved?.kind ?? 'single') as SurveyQuestionKind;
            return (
              <div key={i} className="homework-row survey-question-row" role="group" aria-label={`Q${i + 1}`}>
                {id ? <input type="hidden" name={`${name}.id`} value={id} /> : null}
                <div className="field">
                  <label htmlFor={`question-${i}-text`}>Q{i + 1} 質問</label>
                  <textarea
                    id={`question-${i}-text`}
                    name={`${name}.text`}
                    rows={2}
                    defaultValue={initial('text') ?? saved?.text ?? ''}
                    aria-invalid={errors('text')?.length ? true : undefined}
                  />
                  <FieldErrors id={`question-${i}-text-error`} errors={errors('text')} />
                </div>
                {saved?.counted ? (
                  <p className="hint">
                    {surveyQuestionKinds.label[saved.kind]}・ファイルから集計した結果（{saved.summary}
                    ）。結果を変えるには、ファイルを直して取り込み直してください。
                  </p>
                ) : (
                  <>
                    <div className="field">
                      <label htmlFor={`question-${i}-kind`}>形式</label>
                      <select id={`question-${i}-kind`} name={`${name}.kind`} defaultValue={kind} aria-invalid={errors('kind')?.length ? true : undefined}>
                        {surveyQuestionKinds.codes.map((code) => (
                          <option key={code} value={code}>
                            {surveyQuestionKinds.label[code]}
                          </option>
                        ))}
                      </select>
                      <FieldErrors id={`question-${i}-kind-error`} errors={errors('kind')} />
                    </div>
                    <div className="field">
                      <label htmlFor={`question-${i}-options`}>選択肢と割合（自由記述は回答）</label>
                      <p className="hint" id={`question-${i}-options-hint`}>
                        {optionsHint}
                      </p>
                      <textarea
                        id={`question-${i}-options`}
                        name={`${name}.options`}
                        rows={4}
                        defaultValue={initial('options') ?? saved?.options ?? ''}
                        aria-describedby={`question-${i}-options-hint`}
                        aria-invalid={errors('options')?.length ? true : undefined}
                      />
                      <FieldErrors id={`question-${i}-options-error`} errors={errors('options')} />
                    </div>
                  </>
                )}
                {id ? (
                  <label className="choice">
                    <input type="checkbox" name={`${name}.remove`} /> この質問を削除する
                  </label>
                ) : null}
              </div>
            );
          })}
        </fieldset>
        <button type="button" className="button button--secondary" onClick={add}>
          質問を追加
        </button>
      </div>
      <p className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo}>キャンセル</Link>
      </p>
    </DraftForm>
  );
}

/** 「はい 16%・いいえ 84%（回答120件）」: a counted question's results in one line, beside its text. */
export function countedSummary(question: { answered: number | null; options: { label: string; percent: number }[]; answers: unknown[] }) {
  const shares = question.options.map((o) => `${o.label} ${o.percent}%`).join('・');
  const answered = question.answered !== null ? `回答${counted(question.answered, '件')}` : '';
  return [shares || (question.answers.length ? `自由記述${counted(question.answers.length, '件')}` : ''), answered].filter(Boolean).join('、');
}
