import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import { Link } from '~/components/Link';
import type { ReactNode } from 'react';
import { DraftForm } from '~/components/DraftForm';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { changeStages, coCreationSteps } from '~/domain/codes';

type Moment = { stage: string; occurredOn: string | null; description: string };
type Props = {
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: { title: string; reflection: string; coCreationStep: string | null; moments: Moment[] };
  submitLabel: string;
  cancelTo: string;
  /** The version an edit is based on; after a refused save, the newer one. */
  version?: number;
  /** Above the fields: why the last save was refused (someone else saved first). */
  notice?: ReactNode;
};

const blankChain: Moment[] = changeStages.codes.map((stage) => ({ stage, occurredOn: null, description: '' }));

/** きっかけ → 転機 → 変化, each a date and what happened; rows left blank are skipped. */
export function ChangeForm({ lastResult, defaultValue, submitLabel, cancelTo, version, notice }: Props) {
  const [form, fields] = useForm<{ title: string; reflection: string; coCreationStep: string; moments: Moment[] }>({
    lastResult,
    defaultValue: defaultValue ? { ...defaultValue, coCreationStep: defaultValue.coCreationStep ?? '' } : undefined,
  });
  const submitted = fields.moments
    .getFieldList()
    .map((m) => {
      const set = m.getFieldset();
      return {
        value: {
          stage: String(set.stage.initialValue ?? 'trigger'),
          occurredOn: (set.occurredOn.initialValue as string) ?? null,
          description: (set.description.initialValue as string) ?? '',
        },
        errors: { occurredOn: set.occurredOn.errors, description: set.description.errors },
      };
    })
    .filter((r) => r.value.description || r.value.occurredOn);
  const saved = submitted.length ? submitted : (defaultValue?.moments ?? []).map((value) => ({ value, errors: {} as Record<string, string[] | undefined> }));
  // Always one blank row per stage after the saved ones, so the chain can grow without JavaScript.
  const rows = [...saved, ...blankChain.map((value) => ({ value, errors: {} as Record<string, string[] | undefined> }))];
  const step = (fields.coCreationStep.initialValue as string | undefined) ?? '';
  return (
    <DraftForm draftName="change" method="post" {...getFormProps(form)} className="form form--wide">
      {notice}
      {version ? <BaseVersionInput version={version} /> : null}
      <FormMessage id={form.errorId} errors={form.errors} />
      <TextField label="タイトル" field={fields.title} hint="例: 人事課と「市役所の1年」ガイドをつくった" required />
      <fieldset className="field">
        <legend>出来事（きっかけ → 転機 → 変化）</legend>
        <p className="hint">日付と、何が起きたかを書きます。使わない行は空欄のままで構いません。</p>
        <FieldErrors id={fields.moments.errorId} errors={fields.moments.errors} />
        {rows.map(({ value, errors }, i) => {
          const name = `${fields.moments.name}[${i}]`;
          return (
            <div key={i} className="homework-row" role="group" aria-label={`出来事 ${i + 1}`}>
              <div className="homework-row__meta">
                <div className="field">
                  <label htmlFor={`moment-${i}-stage`}>段階</label>
                  <select id={`moment-${i}-stage`} name={`${name}.stage`} defaultValue={value.stage}>
                    {changeStages.codes.map((c) => (
                      <option key={c} value={c}>
                        {changeStages.label[c]}
                      </option>
                    ))}
                  </select>
                </div>
                <div className="field">
                  <label htmlFor={`moment-${i}-date`}>日付</label>
                  <input
                    id={`moment-${i}-date`}
                    type="date"
                    name={`${name}.occurredOn`}
                    defaultValue={value.occurredOn ?? ''}
                    aria-invalid={errors.occurredOn?.length ? true : undefined}
                  />
                  <FieldErrors id={`moment-${i}-date-error`} errors={errors.occurredOn} />
                </div>
              </div>
              <div className="field">
                <label htmlFor={`moment-${i}-text`}>何が起きたか</label>
                <textarea
                  id={`moment-${i}-text`}
                  name={`${name}.description`}
                  rows={2}
                  defaultValue={value.description}
                  aria-invalid={errors.description?.length ? true : undefined}
                />
                <FieldErrors id={`moment-${i}-text-error`} errors={errors.description} />
              </div>
            </div>
          );
        })}
      </fieldset>
      <TextAreaField label="考察" field={fields.reflection} rows={6} hint="なぜうまくいったのか（例: 対話 → 共感 → 自分事化 → 心理的安全性）。" />
      <fieldset className="field">
        <legend>共創のステップ（任意）</legend>
        <label className="choice">
          <input type="radio" name={fields.coCreationStep.name} value="" defaultChecked={!step} /> 選ばない
        </label>
        {coCreationSteps.codes.map((c) => (
          <label key={c} className="choice">
            <input type="radio" name={fields.coCreationStep.name} value={c} defaultChecked={step === c} /> {coCreationSteps.label[c]}
          </label>
        ))}
        <FieldErrors id={fields.coCreationStep.errorId} errors={fields.coCreationStep.errors} />
      </fieldset>
      <p className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo}>キャンセル</Link>
      </p>
    </DraftForm>
  );
}
