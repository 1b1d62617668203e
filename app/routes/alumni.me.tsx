import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { AlumniNav } from '~/components/alumni/AlumniNav';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { getDirectoryEntry, updateDirectoryEntry } from '~/models/alumni-directory.server';
import { directoryEntrySchema } from '~/schemas/alumni';
import type { FormShape } from '~/schemas/types';
import { requireViewer } from '~/utils/auth.server';
import { actorOf, requireIntent } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction = () => [{ title: 'マネ友名簿の掲載設定 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const entry = await getDirectoryEntry(viewer.personId);
  const { notice, headers } = await takeNotice(request);
  return data({ entry: entry!, notice }, { headers });
}

export const intents = { submit: 'signedIn' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, formData } = await requireIntent(request, intents);
  const submission = parseWithZod(formData, { schema: directoryEntrySchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  await updateDirectoryEntry(actorOf(request, viewer), viewer.personId, submission.value);
  return redirectWithNotice('/alumni/me', '掲載設定を保存しました。');
}

export default function DirectoryEntry() {
  const { entry, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof directoryEntrySchema>>({
    lastResult,
    defaultValue: { directoryContact: entry.directoryContact },
  });
  return (
    <>
      <h1>マネ友名簿の掲載設定</h1>
      <AlumniNav />
      <p className="lead">
        名簿には、これまでの年度のチームでの参加（自治体・年度・所属・チームの重点取組）が自動で載ります。載せるかどうかと、連絡先を出すかどうかを選べます。
      </p>
      <SavedNotice notice={notice} />
      <Form method="post" className="form" {...getFormProps(form)}>
        <FormMessage id={form.errorId} errors={form.errors} />
        <label className="choice">
          <input type="checkbox" name={fields.directoryListed.name} defaultChecked={entry.directoryListed} /> マネ友名簿に載せる
        </label>
        <FieldErrors id={fields.directoryListed.errorId} errors={fields.directoryListed.errors} />
        <label className="choice">
          <input type="checkbox" name={fields.directoryShowContact.name} defaultChecked={entry.directoryShowContact} /> 連絡先を名簿に表示する
        </label>
        <TextField label="連絡先" field={fields.directoryContact} hint="例: 総務部 人事課（内線2345）。表示するを選んだときだけ名簿に出ます。" />
        <button type="submit" className="button">
          保存する
        </button>
      </Form>
      <p>
        <Link to="/alumni/directory">マネ友名簿へ</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
