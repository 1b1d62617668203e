import { getFormProps, useForm, type SubmissionResult } from '@conform-to/react';
import { Form } from '@remix-run/react';
import { FormMessage, TextField } from './form';

/** The password form of an invitation or a reset link. */
export function SetPasswordForm({ lastResult, submitLabel }: { lastResult?: SubmissionResult<string[]> | null; submitLabel: string }) {
  const [form, fields] = useForm<{ newPassword: string; confirmPassword: string }>({ lastResult });
  return (
    <Form method="post" {...getFormProps(form)}>
      <FormMessage id={form.errorId} errors={form.errors} />
      <TextField
        label="パスワード"
        field={fields.newPassword}
        type="password"
        autoComplete="new-password"
        clearOn={lastResult}
        hint="8文字以上。長いパスフレーズや全角文字も使えます。"
        required
      />
      <TextField label="パスワード（確認）" field={fields.confirmPassword} type="password" autoComplete="new-password" required clearOn={lastResult} />
      <button type="submit" className="button">
        {submitLabel}
      </button>
    </Form>
  );
}
