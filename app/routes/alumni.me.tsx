import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { AlumniNav } from '~/components/alumni/AlumniNav';
import { DraftForm } from '~/components/DraftForm';
import { ErrorPage } from '~/components/ErrorPage';
import { VersionParts } from '~/components/StaleNotice';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { getDirectoryEntry, updateDirectoryEntry, type DirectoryEntryInput } from '~/models/alumni-directory.server';
import { directoryEntrySchema } from '~/schemas/alumni';
import { withBaseVersion } from '~/schemas/fields';
import type { FormShape } from '~/schemas/types';
import { requireViewer } from '~/utils/auth.server';
import { actorOf, requireIntent } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { notFound } from '~/utils/http.server';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';

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
  const submission = parseWithZod(formData, { schema: editSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await updateDirectoryEntry(actorOf(request, viewer), viewer.personId, input, baseVersion);
  if (saved.kind === 'missing') notFound();
  if (saved.kind === 'stale') {
    // Saved meanwhile from another tab or device: nothing was written; what was chosen here comes back.
    const latest = (await getDirectoryEntry(viewer.personId)) ?? notFound();
    const answer = staleReply(formData, submission.reply(), readable(input), {
      form: {
        directoryListed: latest.directoryListed ? 'on' : '',
        directoryShowContact: latest.directoryShowContact ? 'on' : '',
        directoryContact: latest.directoryContact,
      },
      readable: readable(latest),
      savedAt: latest.updatedAt,
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice('/alumni/me', '掲載設定を保存しました。');
}

const editSchema = withBaseVersion(directoryEntrySchema);

/** An entry as people read it, to compare a refused save with the newer one. */
function readable(entry: DirectoryEntryInput): ReadableField[] {
  return [
    { key: 'directoryListed', label: 'マネ友名簿に載せる', value: entry.directoryListed ? '載せる' : '載せない' },
    { key: 'directoryShowContact', label: '連絡先を名簿に表示する', value: entry.directoryShowContact ? '表示する' : '表示しない' },
    { key: 'directoryContact', label: '連絡先', value: entry.directoryContact },
  ];
}

export default function DirectoryEntry() {
  const { entry, notice } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof directoryEntrySchema>>({
    lastResult: reply?.result,
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
      <DraftForm draftName="directory-entry" method="post" className="form" {...getFormProps(form)}>
        <VersionParts version={reply?.version ?? entry.version} stale={reply?.stale ?? null} />
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
      </DraftForm>
      <p>
        <Link to="/alumni/directory">マネ友名簿へ</Link>
      </p>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
