import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage, TextField } from '~/components/form';
import { changePassword, checkPassword, getAccount } from '~/models/users.server';
import { clientIp } from '~/utils/request.server';
import { passwordChangeSchema } from '~/schemas/account';
import type { FormShape } from '~/schemas/types';
import { requireSignedIn } from '~/utils/auth.server';
import { formatDateTime } from '~/utils/dates';
import { actorOf, requireIntent } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: 'アカウント | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireSignedIn(request);
  const account = await getAccount(viewer.userId);
  const { notice, headers } = await takeNotice(request);
  return data({ account: account!, notice }, { headers });
}

export const intents = { submit: 'signedIn' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, sessionIdHash, formData } = await requireIntent(request, intents);
  const submission = parseWithZod(formData, { schema: passwordChangeSchema });
  const hidden = ['currentPassword', 'newPassword', 'confirmPassword'];
  if (submission.status !== 'success') return data(submission.reply({ hideFields: hidden }), { status: 400 });
  const current = await checkPassword(viewer.userId, submission.value.currentPassword, clientIp(request));
  if (current === 'locked') {
    const message = 'パスワードの確認に続けて失敗したため、一時的に確認できなくなっています。15分ほど待ってから、もう一度お試しください。';
    return data(submission.reply({ formErrors: [message], hideFields: hidden }), { status: 429 });
  }
  if (current === 'wrong') {
    return data(submission.reply({ fieldErrors: { currentPassword: ['現在のパスワードが正しくありません'] }, hideFields: hidden }), { status: 400 });
  }
  await changePassword(viewer.userId, submission.value.newPassword, actorOf(request, viewer), sessionIdHash);
  return redirectWithNotice('/account', 'パスワードを変更しました。ほかの端末でのログインはすべて終了しました。');
}

export default function Account() {
  const { account, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof passwordChangeSchema>>({ lastResult });
  return (
    <>
      <h1>アカウント</h1>
      <dl className="facts">
        <dt>氏名</dt>
        <dd>{account.name}</dd>
        <dt>メールアドレス</dt>
        <dd>
          <Email address={account.email} />
        </dd>
        <dt>パスワードの最終変更</dt>
        <dd>{account.passwordChangedAt ? formatDateTime(account.passwordChangedAt) : '—'}</dd>
      </dl>

      <section className="form" aria-labelledby="password-heading">
        <h2 id="password-heading">パスワードの変更</h2>
        <SavedNotice notice={notice} />
        <Form method="post" {...getFormProps(form)}>
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="現在のパスワード" field={fields.currentPassword} type="password" autoComplete="current-password" required clearOn={lastResult} />
          <TextField
            label="新しいパスワード"
            field={fields.newPassword}
            type="password"
            autoComplete="new-password"
            clearOn={lastResult}
            hint="8文字以上。長いパスフレーズや全角文字も使えます。"
            required
          />
          <TextField
            label="新しいパスワード（確認）"
            field={fields.confirmPassword}
            type="password"
            autoComplete="new-password"
            required
            clearOn={lastResult}
          />
          <button type="submit" className="button">
            パスワードを変更する
          </button>
        </Form>
      </section>

      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">ログイン中の端末</h2>
        <p>共用のパソコンでログアウトし忘れたときは、すべての端末からログアウトできます。</p>
        <Form method="post" action="/logout">
          <input type="hidden" name="intent" value="everywhere" />
          <button type="submit" className="button button--secondary">
            すべての端末からログアウト
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
