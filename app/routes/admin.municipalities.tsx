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
import { municipalityKinds } from '~/domain/codes';
import {
  createMunicipality,
  getMunicipality,
  listMunicipalitiesForAdmin,
  setMunicipalityArchived,
  updateMunicipality,
  type MunicipalityInput,
} from '~/models/admin-municipalities.server';
import { catchInputError, InputError } from '~/models/input-error.server';
import { withBaseVersion } from '~/schemas/fields';
import { municipalitySchema } from '~/schemas/municipality';
import type { FormShape } from '~/schemas/types';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { formReply } from '~/utils/form-reply.server';
import { replyFor, versionFor } from '~/utils/form-reply';
import { postedVersion, staleFormReply, type ReadableField } from '~/utils/stale-reply.server';
import { submitOnce } from '~/models/submissions.server';
import { OnceToken } from '~/components/OnceToken';
import { ScrollRegion } from '~/components/ScrollRegion';

export const meta: MetaFunction = () => [{ title: '自治体の登録 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  // The row just saved says so: the page keeps its scroll after saving, so the confirmation sits in the row.
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      municipalities: await listMunicipalitiesForAdmin(),
      // ?edit=ID opens that row's form under it, full width, so it fits a phone.
      editId: Number(url.searchParams.get('edit')) || null,
      savedId: notice?.id ?? null,
    },
    { headers },
  );
}

export const intents = { create: 'organizer', update: 'organizer', archive: 'organizer', restore: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const actor = actorOf(request, viewer);
  if (intent === 'archive' || intent === 'restore') {
    if (!(await setMunicipalityArchived(actor, requireIdParam(String(formData.get('id') ?? '')), intent === 'archive'))) notFound();
    return redirect('/admin/municipalities');
  }
  const duplicate = (input: MunicipalityInput) => ({
    municipalities_prefecture_name: new InputError('name', `${input.prefecture}${input.name}はすでに登録されています`),
  });
  if (intent === 'update') {
    // The edit row's form answers by the municipality's id; it names the version it was based on.
    const id = requireIdParam(String(formData.get('id') ?? ''));
    const form = String(id);
    const submission = parseWithZod(formData, { schema: editSchema });
    if (submission.status !== 'success') return formReply(form, submission.reply(), { version: postedVersion(formData) });
    const { baseVersion, ...input } = submission.value;
    const result = await catchInputError(() => updateMunicipality(actor, id, input, baseVersion), duplicate(input));
    if (!result.ok) return formReply(form, submission.reply({ fieldErrors: result.fieldErrors }), { version: postedVersion(formData) });
    if (result.value.kind === 'missing') notFound();
    if (result.value.kind === 'stale') {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const latest = (await getMunicipality(id)) ?? notFound();
      const { name, prefecture, kind } = latest;
      return staleFormReply(form, formData, submission.reply(), readable(input), {
        form: { name, prefecture, kind },
        readable: readable(latest),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
    }
    return redirectWithNotice('/admin/municipalities', '保存しました', id);
  }
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: municipalitySchema });
    if (submission.status !== 'success') return formReply('new', submission.reply());
    const input = submission.value;
    const result = await catchInputError(() => createMunicipality(actor, input), duplicate(input));
    if (!result.ok) return formReply('new', submission.reply({ fieldErrors: result.fieldErrors }));
    return redirectWithNotice('/admin/municipalities', '保存しました', result.value);
  });
}

const editSchema = withBaseVersion(municipalitySchema);

/** A municipality as people read it, to compare a refused save with the newer one. */
function readable(m: MunicipalityInput): ReadableField[] {
  return [
    { key: 'name', label: '自治体名', value: m.name },
    { key: 'prefecture', label: '都道府県', value: m.prefecture },
    { key: 'kind', label: '区分', value: municipalityKinds.label[m.kind] },
  ];
}

type Municipality = ReturnType<typeof useLoaderData<typeof loader>>['municipalities'][number];
type Reply = ReturnType<typeof useActionData<typeof action>>;

function EditRow({ municipality: m, actionData }: { municipality: Municipality; actionData: Reply }) {
  const [form, fields] = useForm<FormShape<typeof municipalitySchema>>({
    id: `municipality-${m.id}`,
    lastResult: replyFor(actionData, String(m.id)),
    defaultValue: { name: m.name, prefecture: m.prefecture, kind: m.kind },
  });
  const { version, stale } = versionFor(actionData, String(m.id), m.version);
  return (
    <tr className="edit-row">
      <td colSpan={4}>
        <DraftForm
          draftName={form.id}
          method="post"
          action="/admin/municipalities"
          preventScrollReset
          {...getFormProps(form)}
          className="form"
          aria-labelledby={`${form.id}-heading`}
        >
          <h3 id={`${form.id}-heading`}>
            {m.prefecture}
            {m.name}を編集
          </h3>
          <input type="hidden" name="intent" value="update" />
          <input type="hidden" name="id" value={m.id} />
          <VersionParts version={version} stale={stale} />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="自治体名" field={fields.name} required />
          <TextField label="都道府県" field={fields.prefecture} required />
          <SelectField label="区分" field={fields.kind} options={municipalityKinds.codes.map((c) => [c, municipalityKinds.label[c]] as const)} required />
          <div className="form-actions">
            <button type="submit" className="button">
              保存する
            </button>
            <Link to="/admin/municipalities" preventScrollReset>
              やめる
            </Link>
          </div>
        </DraftForm>
      </td>
    </tr>
  );
}

export default function AdminMunicipalities() {
  const { municipalities, editId, savedId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof municipalitySchema>>({ lastResult: replyFor(actionData, 'new') });
  const editing = actionData && actionData.form !== 'new' ? Number(actionData.form) : editId;
  return (
    <>
      <p className="muted">
        <Link to="/admin/years">年度の設定</Link>
      </p>
      <h1>自治体の登録</h1>
      <p>CSVでチームを取り込むと、まだない自治体は自動で登録されます。</p>
      <section className="form" aria-labelledby="new-heading">
        <h2 id="new-heading">自治体を追加</h2>
        {/* Keyed by the last save, so the fields empty after an addition instead of showing it again. */}
        <Form method="post" {...getFormProps(form)} key={savedId ?? 'new'}>
          <input type="hidden" name="intent" value="create" />
          <OnceToken />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="自治体名" field={fields.name} hint="例: 甲府市" required />
          <TextField label="都道府県" field={fields.prefecture} hint="例: 山梨県" required />
          <div className="field">
            <label htmlFor={fields.kind.id}>
              区分<span className="required">必須</span>
            </label>
            <select id={fields.kind.id} name={fields.kind.name} defaultValue={(fields.kind.initialValue as string | undefined) ?? 'city'}>
              {municipalityKinds.codes.map((c) => (
                <option key={c} value={c}>
                  {municipalityKinds.label[c]}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <button type="submit" className="button">
            追加する
          </button>
        </Form>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">登録済みの自治体（{municipalities.length}件）</h2>
        <ScrollRegion label="登録済みの自治体">
          <table>
            <thead>
              <tr>
                <th scope="col">都道府県</th>
                <th scope="col">自治体</th>
                <th scope="col">区分</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {municipalities.map((m) => (
                <Fragment key={m.id}>
                  <tr>
                    <td>{m.prefecture}</td>
                    <td>
                      <Link to={`/municipalities/${m.id}`}>{m.name}</Link>
                      {m.archivedAt ? <span className="tag">アーカイブ済み</span> : null}
                      {/* The page keeps its scroll after saving, so the confirmation sits in the row. */}
                      {m.id === savedId ? (
                        <span className="tag tag--saved" role="status">
                          保存しました
                        </span>
                      ) : null}
                    </td>
                    <td>{municipalityKinds.label[m.kind]}</td>
                    <td>
                      <div className="row-actions">
                        {editing === m.id ? null : (
                          <Link to={`?edit=${m.id}`} preventScrollReset aria-label={`${m.name}を編集`}>
                            編集
                          </Link>
                        )}
                        <Form method="post" className="inline-form">
                          <input type="hidden" name="intent" value={m.archivedAt ? 'restore' : 'archive'} />
                          <input type="hidden" name="id" value={m.id} />
                          <button type="submit" className="link-button">
                            {m.archivedAt ? '元に戻す' : 'アーカイブ'}
                          </button>
                        </Form>
                      </div>
                    </td>
                  </tr>
                  {editing === m.id ? <EditRow municipality={m} actionData={actionData} /> : null}
                </Fragment>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
