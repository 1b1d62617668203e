import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { SetPasswordForm } from '~/components/SetPasswordForm';
import { peekToken } from '~/models/account-tokens.server';
import { acceptInvitation } from '~/models/accounts.server';
import { setPasswordSchema } from '~/schemas/account';
import { startSession } from '~/utils/auth.server';
import { clientIp } from '~/utils/request.server';
import { requirePublicIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: '招待 | 人マネ トラッカー' }];

export async function loader({ params }: LoaderFunctionArgs) {
  const invitation = await peekToken(params.token ?? '', 'invite');
  if (!invitation) return { valid: false as const };
  return { valid: true as const, email: invitation.email, fullName: String((invitation.details as { fullName?: string }).fullName ?? '') };
}

export const intents = { submit: 'anyone' } as const satisfies IntentNeeds<'anyone'>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { formData } = await requirePublicIntent(request, intents);
  const submission = parseWithZod(formData, { schema: setPasswordSchema });
  const hidden = ['newPassword', 'confirmPassword'];
  if (submission.status !== 'success') return data(submission.reply({ hideFields: hidden }), { status: 400 });
  const accepted = await acceptInvitation(params.token ?? '', submission.value.newPassword, clientIp(request));
  const refusal = {
    invalid: 'この招待リンクは使用済みか、有効期限が切れています。事務局に新しいリンクを依頼してください。',
    existing: 'このメールアドレスのアカウントはすでにあります。そのアカウントのパスワードを入力すると、招待された役割が加わります。',
    locked: 'パスワードの確認に続けて失敗したため、一時的に確認できなくなっています。15分ほど待ってから、もう一度お試しください。',
  } as const;
  if (accepted.kind !== 'accepted') {
    return data(submission.reply({ formErrors: [refusal[accepted.kind]], hideFields: hidden }), { status: accepted.kind === 'locked' ? 429 : 400 });
  }
  return redirect('/teams', { headers: { 'Set-Cookie': await startSession(request, accepted.userId) } });
}

export default function Invite() {
  const loaded = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  if (!loaded.valid) {
    return (
      <div className="form">
        <h1>招待リンクが無効です</h1>
        <p>このリンクは使用済みか、有効期限（7日間）が切れています。事務局に新しい招待リンクを依頼してください。</p>
        <p>
          <Link to="/login">ログイン画面へ</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="form">
      <h1>アカウントの作成</h1>
      <p>
        {loaded.fullName} さん（
        <Email address={loaded.email} />
        ）、人マネ トラッカーへようこそ。パスワードを決めてください。
      </p>
      <SetPasswordForm lastResult={lastResult} submitLabel="アカウントを作成してログイン" />
    </div>
  );
}
