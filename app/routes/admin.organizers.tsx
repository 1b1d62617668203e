import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { Fragment } from 'react';
import { DraftForm } from '~/components/DraftForm';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { VersionParts } from '~/components/StaleNotice';
import { SelectField } from '~/components/TextAreaField';
import { organizerRoles } from '~/domain/codes';
import { addRosterEntry, getRosterEntry, listRoster, setRosterActive, updateRosterEntry } from '~/models/organizer-roster.server';
import { withBaseVersion } from '~/schemas/fields';
import { organizerSchema } from '~/schemas/team-setup';
import type { FormShape } from '~/schemas/types';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { formReply } from '~/utils/form-reply.server';
import { replyFor, versionFor } from '~/utils/form-reply';
import { postedVersion, staleFormReply, type ReadableField } from '~/utils/stale-reply.server';
import type { OrganizerRole } from '~/domain/codes';
import { submitOnce } from '~/models/submissions.server';
import { OnceToken } from '~/components/OnceToken';
import { ScrollRegion } from '~/components/ScrollRegion';

export const meta: MetaFunction = () => [{ title: '事務局・幹事の名簿 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  // The row just saved says so: the page keeps its scroll after saving, so the confirmation sits in the row.
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      roster: await listRoster(),
      // ?edit=ID opens that entry's form under its row, full width, so it fits a phone.
      editId: Number(url.searchParams.get('edit')) || null,
      savedId: notice?.id ?? null,
    },
    { headers },
  );
}

export const intents = { create: 'organizer', update: 'organizer', activate: 'organizer', deactivate: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const actor = actorOf(request, viewer);
  if (intent === 'deactivate' || intent === 'activate') {
    if (!(await setRosterActive(actor, requireIdParam(String(formData.get('id') ?? '')), intent === 'activate'))) notFound();
    return redirect('/admin/organizers');
  }
  if (intent === 'update') {
    // The edit row's form answers by the entry's id; it names the version it was based on.
    const id = requireIdParam(String(formData.get('id') ?? ''));
    const form = String(id);
    const submission = parseWithZod(formData, { schema: editSchema });
    if (submission.status !== 'success') return formReply(form, submission.reply(), { version: postedVersion(formData) });
    const { baseVersion, ...input } = submission.value;
    const saved = await updateRosterEntry(actor, id, input, baseVersion);
    if (saved.kind === 'missing') notFound();
    if (saved.kind === 'stale') {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const latest = (await getRosterEntry(id)) ?? notFound();
      const { fullName, role, affiliation } = latest;
      return staleFormReply(form, formData, submission.reply(), readable(input), {
        form: { fullName, role, affiliation },
        readable: readable(latest),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
    }
    return redirectWithNotice('/admin/organizers', '保存しました', id);
  }
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: organizerSchema });
    if (submission.status !== 'success') return formReply('new', submission.reply());
    return redirectWithNotice('/admin/organizers', '保存しました', await addRosterEntry(actor, submission.value));
  });
}

const editSchema = withBaseVersion(organizerSchema);

/** An entry as people read it, to compare a refused save with the newer one. */
function readable(entry: { fullName: string; role: OrganizerRole; affiliation: string }): ReadableField[] {
  return [
    { key: 'fullName', label: '氏名', value: entry.fullName },
    { key: 'role', label: '役割', value: organizerRoles.label[entry.role] },
    { key: 'affiliation', label: '所属', value: entry.affiliation },
  ];
}

type Entry = ReturnType<typeof useLoaderData<typeof loader>>['roster'][number];
type Reply = ReturnType<typeof useActionData<typeof action>>;
const roleOptions = organizerRoles.codes.map((c) => [c, organizerRoles.label[c]] as const);

function EditRow({ entry: o, actionData }: { entry: Entry; actionData: Reply }) {
  const [form, fields] = useForm<FormShape<typeof organizerSchema>>({
    id: `organizer-${o.id}`,
    lastResult: replyFor(actionData, String(o.id)),
    defaultValue: { fullName: o.fullName, role: o.role, affiliation: o.affiliation },
  });
  const { version, stale } = versionFor(actionData, String(o.id), o.version);
  return (
    <tr className="edit-row">
      <td colSpan={3}>
        <DraftForm
          draftName={form.id}
          method="post"
          action="/admin/organizers"
          preventScrollReset
          {...getFormProps(form)}
          className="form"
          aria-labelledby={`${form.id}-heading`}
        >
          <h3 id={`${form.id}-heading`}>{o.fullName}さんの登録内容を編集</h3>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="id" value={o.id} />
          <VersionParts version={version} stale={stale} />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="氏名" field={fields.fullName} required />
          <SelectField label="役割" field={fields.role} options={roleOptions} required />
          <TextField label="所属" field={fields.affiliation} />
          <div className="form-actions">
            <button type="submit" className="button">
              保存する
            </button>
            <Link to="/admin/organizers" preventScrollReset>
              やめる
            </Link>
          </div>
        </DraftForm>
      </td>
    </tr>
  );
}

export default function AdminOrganizers() {
  const { roster, editId, savedId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof organizerSchema>>({ lastResult: replyFor(actionData, 'new') });
  const editing = actionData && actionData.form !== 'new' ? Number(actionData.form) : editId;
  return (
    <>
      <p className="muted">
        <Link to="/admin/years">年度の設定</Link>
      </p>
      <h1>事務局・幹事の名簿</h1>
      <p>
        フィードバックやコメントに、誰が書いたかを表示するための名簿です。ログインできるようにするには <Link to="/admin/accounts">アカウント管理</Link>{' '}
        から招待してください。
      </p>
      <ScrollRegion label="事務局・幹事の名簿">
        <table>
          {/* Three columns, affiliation and account under the name: five did not fit a phone. */}
          <thead>
            <tr>
              <th scope="col">氏名・所属</th>
              <th scope="col">役割</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {roster.map((o) => (
              <Fragment key={o.id}>
                <tr>
                  <td>
                    {o.fullName}
                    {o.active ? null : <span className="tag">退任</span>}
                    {/* The page keeps its scroll after saving, so the confirmation sits in the row. */}
                    {o.id === savedId ? (
                      <span className="tag tag--saved" role="status">
                        保存しました
                      </span>
                    ) : null}
                    {o.affiliation ? <div className="cell-note">{o.affiliation}</div> : null}
                    <div className="cell-note">アカウント{o.hasAccount ? 'あり' : 'なし'}</div>
                  </td>
                  <td className="cell-short">{organizerRoles.label[o.role]}</td>
                  <td>
                    <div className="row-actions">
                      {editing === o.id ? null : (
                        <Link to={`?edit=${o.id}`} preventScrollReset aria-label={`${o.fullName}さんを編集`}>
                          編集
                        </Link>
                      )}
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value={o.active ? 'deactivate' : 'activate'} />
                        <input type="hidden" name="id" value={o.id} />
                        <button type="submit" className="link-button">
                          {o.active ? '退任にする' : '名簿に戻す'}
                        </button>
                      </Form>
                    </div>
                  </td>
                </tr>
                {editing === o.id ? <EditRow entry={o} actionData={actionData} /> : null}
              </Fragment>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
      <section className="form" aria-labelledby="new-heading">
        <h2 id="new-heading">名簿に追加</h2>
        {/* Keyed by the last save, so the fields empty after an addition instead of showing it again. */}
        <Form method="post" {...getFormProps(form)} key={savedId ?? 'new'}>
          <input type="hidden" name="intent" value="create" />
          <OnceToken />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="氏名" field={fields.fullName} required />
          <div className="field">
            <label htmlFor={fields.role.id}>
              役割<span className="required">必須</span>
            </label>
            <select id={fields.role.id} name={fields.role.name} defaultValue={(fields.role.initialValue as string | undefined) ?? 'kanji'}>
              {organizerRoles.codes.map((c) => (
                <option key={c} value={c}>
                  {organizerRoles.label[c]}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
          </div>
          <TextField label="所属" field={fields.affiliation} hint="例: 元横浜市職員、早稲田大学マニフェスト研究所" />
          <button type="submit" className="button">
            追加する
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
