import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { SetPasswordForm } from '~/components/SetPasswordForm';
import { peekToken } from '~/models/account-tokens.server';
import { resetPassword } from '~/models/accounts.server';
import { setPasswordSchema } from '~/schemas/account';
import { startSession } from '~/utils/auth.server';
import { clientIp } from '~/utils/request.server';
import { requirePublicIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: 'パスワードの再設定 | 人マネ トラッカー' }];

export async function loader({ params }: LoaderFunctionArgs) {
  const reset = await peekToken(params.token ?? '', 'reset');
  return reset ? { valid: true as const, email: reset.email } : { valid: false as const };
}

export const intents = { submit: 'anyone' } as const satisfies IntentNeeds<'anyone'>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { formData } = await requirePublicIntent(request, intents);
  const submission = parseWithZod(formData, { schema: setPasswordSchema });
  const hidden = ['newPassword', 'confirmPassword'];
  if (submission.status !== 'success') return data(submission.reply({ hideFields: hidden }), { status: 400 });
  const done = await resetPassword(params.token ?? '', submission.value.newPassword, clientIp(request));
  if (!done) {
    return data(
      submission.reply({ formErrors: ['このリンクは使用済みか、有効期限が切れています。事務局に新しいリンクを依頼してください。'], hideFields: hidden }),
      { status: 400 },
    );
  }
  return redirect('/teams', { headers: { 'Set-Cookie': await startSession(request, done.userId) } });
}

export default function Reset() {
  const loaded = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (!loaded.valid) {
    return (
      <div className="form">
        <h1>再設定リンクが無効です</h1>
        <p>このリンクは使用済みか、有効期限（7日間）が切れています。事務局に新しいリンクを依頼してください。</p>
        <p>
          <Link to="/login">ログイン画面へ</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form">
      <h1>パスワードの再設定</h1>
      <p>
        <Email address={loaded.email} /> の新しいパスワードを決めてください。ほかの端末でのログインはすべて終了します。
      </p>
      <SetPasswordForm lastResult={lastResult} submitLabel="パスワードを設定してログイン" />
    </div>
  );
}
