import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import { Link } from '~/components/Link';
import type { ReactNode } from 'react';
import { DraftForm } from '~/components/DraftForm';
import { FormMessage, TextField } from '~/components/form';
import { HomeworkRows, type HomeworkDefaults } from '~/components/HomeworkRows';
import { SelectField, TextAreaField } from '~/components/TextAreaField';
import { VisibilityField } from '~/components/VisibilityField';
import { intervieweeRoles } from '~/domain/codes';
import type { interviewSchema } from '~/schemas/interview';
import type { FormShape } from '~/schemas/types';

type Props = {
  draftName: string;
  lastResult?: SubmissionResult<string[]> | null;
  defaultValue?: Record<string, unknown>;
  homework: HomeworkDefaults[];
  blankRows: number;
  submitLabel: string;
  cancelTo: string;
  /** The version an edit is based on; shown again after a refused save, then the newer one. */
  version?: number;
  /** Above the fields: why the last save was refused (someone else saved first). */
  notice?: ReactNode;
};

export function InterviewForm({ draftName, lastResult, defaultValue, homework, blankRows, submitLabel, cancelTo, version, notice }: Props) {
  const [form, fields] = useForm<FormShape<typeof interviewSchema>>({ lastResult, defaultValue });
  return (
    <DraftForm draftName={draftName} method="post" {...getFormProps(form)} className="form form--wide">
      {notice}
      {version ? <BaseVersionInput version={version} /> : null}
      <FormMessage id={form.errorId} errors={form.errors} />
      <TextField label="実施日" field={fields.interviewedOn} type="date" required />
      <TextField label="インタビューの相手" field={fields.interviewee} hint="実名でも、「部長級職員（Aさん）」のような匿名の書き方でも構いません。" required />
      <SelectField
        label="相手の立場"
        field={fields.roleCategory}
        options={intervieweeRoles.codes.map((c) => [c, intervieweeRoles.label[c]] as const)}
        required
      />
      <TextField
        label="所要時間（分）"
        field={fields.durationMinutes}
        type="number"
        inputMode="numeric"
        min={0}
        max={1440}
        step={5}
        hint="活動記録の時間に数えます。分からなければ空欄で構いません。"
      />
      <TextAreaField label="目的" field={fields.purpose} rows={3} />
      <TextAreaField label="質問" field={fields.questions} rows={4} hint="部会から共通の質問が示されている場合は、それも書いておきましょう。" />
      <TextAreaField label="内容" field={fields.content} rows={10} hint="相手の話したこと。" />
      <TextAreaField label="気付き" field={fields.insights} rows={5} />
      <TextAreaField label="モヤモヤ" field={fields.unease} rows={5} />

      <VisibilityField field={fields.visibility} />

      <HomeworkRows field={fields.homework} defaults={homework} blankRows={blankRows} />

      <p className="form-actions">
        <button type="submit" className="button">
          {submitLabel}
        </button>
        <Link to={cancelTo}>キャンセル</Link>
      </p>
    </DraftForm>
  );
}
