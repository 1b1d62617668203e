import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { organizerRoles } from '~/domain/codes';
import { addRosterEntry, listRoster, setRosterActive } from '~/models/organizer-roster.server';
import { organizerSchema } from '~/schemas/team-setup';
import type { FormShape } from '~/schemas/types';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireOrganizer } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '事務局・幹事の名簿 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return { roster: await listRoster() };
}

export async function action({ request }: ActionFunctionArgs) {
  const { viewer } = await requireOrganizer(request);
  const actor = actorOf(request, viewer);
  const formData = await request.formData();
  const intent = formData.get('intent');
  if (intent === 'deactivate' || intent === 'activate') {
    if (!(await setRosterActive(actor, requireIdParam(String(formData.get('id') ?? '')), intent === 'activate'))) throw new Response('Not Found', { status: 404 });
    return redirect('/admin/organizers');
  }
  if (intent !== 'create') throw new Response('Bad Request', { status: 400 });
  const submission = parseWithZod(formData, { schema: organizerSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  await addRosterEntry(actor, submission.value);
  return redirect('/admin/organizers');
}

export default function AdminOrganizers() {
  const { roster } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof organizerSchema>>({ lastResult });
  return (
    <>
      <p className="muted"><Link to="/admin/years">年度の設定</Link></p>
      <h1>事務局・幹事の名簿</h1>
      <p>フィードバックやコメントに、誰が書いたかを表示するための名簿です。ログインできるようにするには <Link to="/admin/accounts">アカウント管理</Link> から招待してください。</p>
      <div className="table-wrap">
        <table>
          <thead><tr><th scope="col">氏名</th><th scope="col">役割</th><th scope="col">所属</th><th scope="col">アカウント</th><th scope="col">操作</th></tr></thead>
          <tbody>
            {roster.map((o) => (
              <tr key={o.id}>
                <td>{o.fullName}{o.active ? null : <span className="tag">退任</span>}</td>
                <td>{organizerRoles.label[o.role]}</td>
                <td>{o.affiliation}</td>
                <td>{o.hasAccount ? 'あり' : 'なし'}</td>
                <td>
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value={o.active ? 'deactivate' : 'activate'} />
                    <input type="hidden" name="id" value={o.id} />
                    <button type="submit" className="link-button">{o.active ? '退任にする' : '名簿に戻す'}</button>
                  </Form>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <section className="form" aria-labelledby="new-heading">
        <h2 id="new-heading">名簿に追加</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="氏名" field={fields.fullName} required />
          <div className="field">
            <label htmlFor={fields.role.id}>役割<span className="required">必須</span></label>
            <select id={fields.role.id} name={fields.role.name} defaultValue="kanji">
              {organizerRoles.codes.map((c) => <option key={c} value={c}>{organizerRoles.label[c]}</option>)}
            </select>
            <FieldErrors id={fields.role.errorId} errors={fields.role.errors} />
          </div>
          <TextField label="所属" field={fields.affiliation} hint="例: 元横浜市職員、早稲田大学マニフェスト研究所" />
          <button type="submit" className="button">追加する</button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
