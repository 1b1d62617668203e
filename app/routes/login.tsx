import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { FormMessage, TextField } from '~/components/form';
import { loginSchema } from '~/schemas/login';
import type { FormShape } from '~/schemas/types';
import { signIn } from '~/models/users.server';
import { getViewer, startSession } from '~/utils/auth.server';
import { clientIp, safeRedirectPath } from '~/utils/request.server';
import { recordSignInFailure, signInWait } from '~/utils/sign-in-throttle.server';
import { requirePublicIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: 'ログイン | 人マネ トラッカー' }];

const invalid = 'メールアドレスまたはパスワードが正しくありません。';
const locked = 'ログインの失敗が続いたため、一時的にログインできなくなっています。15分ほど待ってから、もう一度お試しください。';

export async function loader({ request }: LoaderFunctionArgs) {
  const url = new URL(request.url);
  const redirectTo = safeRedirectPath(url.searchParams.get('redirectTo'), '/teams?landing');
  if (await getViewer(request)) throw redirect(redirectTo);
  return { redirectTo, expired: url.searchParams.get('expired') === '1' };
}

export const intents = { submit: 'anyone' } as const satisfies IntentNeeds<'anyone'>;

export async function action({ request }: ActionFunctionArgs) {
  const { formData } = await requirePublicIntent(request, intents);
  const submission = parseWithZod(formData, { schema: loginSchema });
  if (submission.status !== 'success') {
    return data(submission.reply({ hideFields: ['password'] }), { status: 400 });
  }
  const { email, password, redirectTo } = submission.value;
  const ip = clientIp(request);
  const wait = signInWait(ip);
  if (wait > 0) {
    const message = `このネットワークからのログインの失敗が続いています。${wait}秒ほど待ってから、もう一度お試しください。`;
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), { status: 429, headers: { 'Retry-After': String(wait) } });
  }
  const result = await signIn(email, password, ip);
  if (!result.ok) {
    if (result.reason === 'invalid') recordSignInFailure(ip);
    const message = result.reason === 'locked' ? locked : invalid;
    return data(submission.reply({ formErrors: [message], hideFields: ['password'] }), {
      status: result.reason === 'locked' ? 429 : 400,
    });
  }
  const cookie = await startSession(request, result.userId);
  return redirect(safeRedirectPath(redirectTo, '/teams?landing'), { headers: { 'Set-Cookie': cookie } });
}

export default function Login() {
  const { redirectTo, expired } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof loginSchema>>({ lastResult });
  const submitting = useNavigation().state === 'submitting';
  return (
    <div className="form">
      <h1>ログイン</h1>
      {expired ? (
        <p className="notice">
          ログインの有効期限が切れました。もう一度ログインしてください。入力中だった内容はこのブラウザに保存されており、ログイン後の画面で復元されます。
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)}>
        <FormMessage id={form.errorId} errors={form.errors} />
        <input type="hidden" name="redirectTo" value={redirectTo} />
        <TextField label="メールアドレス" field={fields.email} type="email" autoComplete="username" required />
        <TextField label="パスワード" field={fields.password} type="password" autoComplete="current-password" required clearOn={lastResult} />
        <button type="submit" className="button" disabled={submitting}>
          {submitting ? 'ログインしています…' : 'ログイン'}
        </button>
      </Form>
      <p className="muted">アカウントは事務局からの招待リンクで作成します。パスワードを忘れた場合は、事務局に再設定リンクの発行を依頼してください。</p>
    </div>
  );
}
