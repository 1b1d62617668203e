import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { municipalityKinds } from '~/domain/codes';
import { createMunicipality, listMunicipalitiesForAdmin, setMunicipalityArchived } from '~/models/admin-municipalities.server';
import { catchInputError } from '~/models/input-error.server';
import { municipalitySchema } from '~/schemas/municipality';
import type { FormShape } from '~/schemas/types';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireOrganizer } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '自治体の登録 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return { municipalities: await listMunicipalitiesForAdmin() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireOrganizer(request);
  const actor = actorOf(request, viewer);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'archive' || intent === 'restore') {
    if (!(await setMunicipalityArchived(actor, requireIdParam(String(formData.get('id') ?? '')), intent === 'archive'))) throw new Response('Not Found', { status: 404 });
    return redirect('/admin/municipalities');
  }
  if (intent !== 'create') throw new Response('Bad Request', { status: 400 });
  const submission = parseWithZod(formData, { schema: municipalitySchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const result = await catchInputError(() => createMunicipality(actor, submission.value));
  if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
  return redirect('/admin/municipalities');
}

export default function AdminMunicipalities() {
  const { municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof municipalitySchema>>({ lastResult });
  return (
    <>
      <p className="muted"><Link to="/admin/years">年度の設定</Link></p>
      <h1>自治体の登録</h1>
      <p>CSVでチームを取り込むと、まだない自治体は自動で登録されます。</p>
      <section className="form" aria-labelledby="new-heading">
        <h2 id="new-heading">自治体を追加</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="自治体名" field={fields.name} hint="例: 甲府市" required />
          <TextField label="都道府県" field={fields.prefecture} hint="例: 山梨県" required />
          <div className="field">
            <label htmlFor={fields.kind.id}>区分<span className="required">必須</span></label>
            <select id={fields.kind.id} name={fields.kind.name} defaultValue="city">
              {municipalityKinds.codes.map((c) => <option key={c} value={c}>{municipalityKinds.label[c]}</option>)}
            </select>
            <FieldErrors id={fields.kind.errorId} errors={fields.kind.errors} />
          </div>
          <button type="submit" className="button">追加する</button>
        </Form>
      </section>
      <section aria-labelledby="list-heading">
        <h2 id="list-heading">登録済みの自治体（{municipalities.length}件）</h2>
        <div className="table-wrap">
          <table>
            <thead><tr><th scope="col">都道府県</th><th scope="col">自治体</th><th scope="col">区分</th><th scope="col">操作</th></tr></thead>
            <tbody>
              {municipalities.map((m) => (
                <tr key={m.id}>
                  <td>{m.prefecture}</td>
                  <td><Link to={`/municipalities/${m.id}`}>{m.name}</Link>{m.archivedAt ? <span className="tag">アーカイブ済み</span> : null}</td>
                  <td>{municipalityKinds.label[m.kind]}</td>
                  <td>
                    <Form method="post" className="inline-form">
                      <input type="hidden" name="intent" value={m.archivedAt ? 'restore' : 'archive'} />
                      <input type="hidden" name="id" value={m.id} />
                      <button type="submit" className="link-button">{m.archivedAt ? '元に戻す' : 'アーカイブ'}</button>
                    </Form>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
