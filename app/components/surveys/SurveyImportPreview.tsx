import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form, useNavigation } from '@remix-run/react';
import { useState } from 'react';
import { FormMessage } from '~/components/form';
import { OnceToken } from '~/components/OnceToken';
import { ScrollRegion } from '~/components/ScrollRegion';
import { SurveyHeaderFields, type ActivityChoice } from '~/components/surveys/SurveyHeaderFields';
import { surveyQuestionKinds, surveySources, type SurveySource } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';
import { formatEraDate } from '~/utils/dates';
import { counted } from '~/utils/format';

export type SurveyPreview = {
  fileErrors: string[];
  lineErrors: { line: number; messages: string[] }[];
  /** Lines with problems beyond those listed. */
  moreLineErrors: number;
  layout: SurveySource | null;
  encoding: string | null;
  respondents: number;
  firstOn: string | null;
  lastOn: string | null;
  ignored: string[];
  unanswered: { text: string; columns: string }[];
  questions: {
    position: number;
    text: string;
    columns: string;
    readKind: SurveyQuestionKind;
    kind: SurveyQuestionKind;
    answered: number;
    options: { label: string; count: number; percent: number }[];
    answerCount: number;
    examples: string[];
    errors: string[];
  }[];
};

type ImportHeader = Record<'title' | 'heldOn' | 'heldUntil' | 'audience' | 'visibility' | 'durationMinutes' | 'activityId' | 'keepResponses', string>;

type Props = {
  csv: string;
  fileName: string;
  encoding: string;
  preview: SurveyPreview;
  /** The survey's fields as last posted (or suggested from the file), kept across a new reading. */
  header: Record<string, string>;
  result: SubmissionResult<string[]> | null;
  activityChoices: ActivityChoice[];
};

/** Tells one reading from another (another file, other kinds), so the form shown is always that reading's. */
export function surveyPreviewKey(csv: string, preview: SurveyPreview) {
  const text = `${csv}\u0000${preview.questions.map((q) => `${q.position}:${q.kind}`).join(',')}`;
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return `${text.length}:${hash}`;
}

/**
 * What the file would make, question by question: how each was read (its kind, which the team may change),
 * its counts, and for free text a few answers; then the survey's own fields, and the button that imports it.
 * The file's text and the kinds go back with the confirmation, and are read again before anything is written.
 */
export function SurveyImportPreview({ csv, fileName, encoding, preview, header, result, activityChoices }: Props) {
  const busy = useNavigation().state === 'submitting';
  const [changed, setChanged] = useState(false);
  const [form, fields] = useForm<ImportHeader>({ lastResult: result, defaultValue: header });
  const failed = preview.fileErrors.length > 0 || preview.lineErrors.length > 0 || preview.questions.some((q) => q.errors.length > 0);
  return (
    <section aria-labelledby="preview-heading" className="import-preview">
      <h3 id="preview-heading">読み込む内容の確認</h3>
      <Form
        method="post"
        encType="multipart/form-data"
        {...getFormProps(form)}
        onChange={(event) => event.target instanceof HTMLSelectElement && event.target.name.startsWith('kind:') && setChanged(true)}
      >
        <OnceToken />
        <input type="hidden" name="csv" value={csv} />
        <input type="hidden" name="fileName" value={fileName} />
        <input type="hidden" name="encoding" value={encoding} />
        {failed ? (
          <div className="form-message" role="alert">
            <p>次の問題があるため、読み込めません（何も保存していません）。ファイルか、下の表の形式を直してからもう一度確認してください。</p>
            <ul>
              {preview.fileErrors.map((e) => (
                <li key={e}>{e}</li>
              ))}
              {preview.lineErrors.map((e) => (
                <li key={e.line}>
                  {e.line}行目: {e.messages.join('／')}
                </li>
              ))}
              {preview.moreLineErrors ? <li>ほかに{counted(preview.moreLineErrors, '件')}の行に同じような問題があります。</li> : null}
              {preview.questions
                .filter((q) => q.errors.length)
                .map((q) => (
                  <li key={q.position}>
                    Q{q.position + 1}（{q.columns}列）: {q.errors.join('／')}
                  </li>
                ))}
            </ul>
            {preview.lineErrors.length ? <p>「行目」の数字は、ファイルを Excel で開いたときの行番号です（見出しが1行目）。</p> : null}
          </div>
        ) : (
          <div className="notice" role="status">
            <p>
              {preview.layout ? `${surveySources.label[preview.layout]}として読みました（${encoding}）。` : ''}
              回答{counted(preview.respondents, '件')}、質問{counted(preview.questions.length, '問')}を集計しました。
              {preview.firstOn
                ? `回答日は${formatEraDate(preview.firstOn)}${preview.lastOn && preview.lastOn !== preview.firstOn ? `〜${formatEraDate(preview.lastOn)}` : ''}です。`
                : ''}
            </p>
            {preview.ignored.length ? <p>「{preview.ignored.join('」「')}」の列は読み込みません（回答者を特定できる情報や時刻は保存しません）。</p> : null}
            {preview.unanswered.length ? (
              <p>回答が1件もないため読み込まない質問: {preview.unanswered.map((u) => `「${u.text}」（${u.columns}列）`).join('、')}</p>
            ) : null}
            <p>
              {changed
                ? '変更した形式で集計し直すため、「変更を反映して確認する」を押してください。'
                : '形式の読み取りが違う質問は、下の表で直してから「変更を反映して確認する」を押してください。'}
            </p>
          </div>
        )}
        {preview.questions.length ? (
          <ScrollRegion label="読み込む質問">
            <table className="survey-preview">
              <thead>
                <tr>
                  <th scope="col">質問</th>
                  <th scope="col">形式</th>
                  <th scope="col">集計</th>
                </tr>
              </thead>
              <tbody>
                {preview.questions.map((q) => (
                  <tr key={q.position} className={q.errors.length ? 'survey-preview__error' : undefined}>
                    <td data-label="質問" className="survey-preview__question">
                      Q{q.position + 1}. {q.text}
                      <div className="hint">
                        {q.columns}列・回答{counted(q.answered, '件')}
                      </div>
                    </td>
                    <td data-label="形式">
                      <label className="visually-hidden" htmlFor={`kind-${q.position}`}>
                        Q{q.position + 1}の形式
                      </label>
                      <select id={`kind-${q.position}`} name={`kind:${q.position}`} defaultValue={q.kind}>
                        {surveyQuestionKinds.codes.map((code) => (
                          <option key={code} value={code}>
                            {surveyQuestionKinds.label[code]}
                          </option>
                        ))}
                      </select>
                      {q.kind !== q.readKind ? <div className="hint">（読み取りは{surveyQuestionKinds.label[q.readKind]}）</div> : null}
                    </td>
                    <td data-label="集計">
                      {q.errors.length ? (
                        <strong>{q.errors.join('／')}</strong>
                      ) : q.kind === 'free_text' ? (
                        <>
                          <div>自由記述{counted(q.answerCount, '件')}（引用する回答は、取り込んだ後に選べます）</div>
                          <ul className="survey-preview__examples">
                            {q.examples.map((e, i) => (
                              <li key={i}>{e}</li>
                            ))}
                          </ul>
                        </>
                      ) : (
                        <ul className="survey-preview__options">
                          {q.options.map((o) => (
                            <li key={o.label}>
                              {o.label}: {o.percent}%（{counted(o.count, '件')}）
                            </li>
                          ))}
                        </ul>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        ) : null}
        {preview.questions.length ? (
          <div className="form form--wide">
            <h3>アンケートの情報</h3>
            <FormMessage id={form.errorId} errors={form.errors} />
            <SurveyHeaderFields
              // Named one by one: the fieldset is a proxy that makes any field asked for (回答数 comes from the file).
              fields={{
                title: fields.title,
                heldOn: fields.heldOn,
                heldUntil: fields.heldUntil,
                audience: fields.audience,
                visibility: fields.visibility,
                durationMinutes: fields.durationMinutes,
                activityId: fields.activityId,
              }}
              activityChoices={activityChoices}
            />
            <div className="field">
              <label className="choice">
                <input type="checkbox" name={fields.keepResponses.name} defaultChecked={fields.keepResponses.initialValue === 'on'} />
                <span>
                  <strong>回答者ごとの回答も保存する</strong>
                  <span className="hint">
                    通常は集計結果と自由記述だけを保存します。後で集計し直したい場合に選んでください（ID・メール・名前・時刻の列は保存しません）。
                  </span>
                </span>
              </label>
            </div>
          </div>
        ) : null}
        <div className="button-row">
          {failed || preview.questions.length === 0 ? null : (
            <button type="submit" name="intent" value="commit" className="button" disabled={busy || changed}>
              この内容で取り込む
            </button>
          )}
          {preview.questions.length ? (
            <button type="submit" name="intent" value="preview" className="button button--secondary" disabled={busy}>
              変更を反映して確認する
            </button>
          ) : null}
        </div>
      </Form>
    </section>
  );
}
