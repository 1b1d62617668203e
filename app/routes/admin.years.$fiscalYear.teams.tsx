import { ScrollRegion } from '~/components/ScrollRegion';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { YearNav } from '~/components/admin/YearNav';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage } from '~/components/form';
import { listActiveMunicipalities } from '~/models/admin-municipalities.server';
import { createTeam, listTeamsOfYear, setTeamArchived } from '~/models/admin-teams.server';
import { getActiveYear } from '~/models/admin-years.server';
import { catchInputError } from '~/models/input-error.server';
import { newTeamSchema } from '~/schemas/team-setup';
import type { FormShape } from '~/schemas/types';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { OnceToken } from '~/components/OnceToken';

export const meta: MetaFunction = () => [{ title: 'チームの設定 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const [teams, municipalities] = await Promise.all([listTeamsOfYear(year.fiscalYear), listActiveMunicipalities()]);
  return { year, teams, municipalities };
}

export const intents = { create: 'organizer', archive: 'organizer', restore: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const actor = actorOf(request, viewer);
  const back = `/admin/years/${year.fiscalYear}/teams`;
  if (intent === 'archive' || intent === 'restore') {
    const teamId = requireIdParam(String(formData.get('teamId') ?? ''));
    if (!(await setTeamArchived(actor, year.fiscalYear, teamId, intent === 'archive'))) notFound();
    return redirect(back);
  }
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: newTeamSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const result = await catchInputError(() => createTeam(actor, year.fiscalYear, submission.value.municipalityId));
    if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
    return redirect(`/admin/teams/${result.value.id}`);
  });
}

export default function AdminYearTeams() {
  const { year, teams, municipalities } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof newTeamSchema>>({ lastResult });
  const active = teams.filter((t) => !t.archivedAt);
  const archived = teams.filter((t) => t.archivedAt);
  return (
    <>
      <YearNav fiscalYear={year.fiscalYear} theme={year.theme} />
      <section aria-labelledby="teams-heading">
        <h2 id="teams-heading">参加チーム（{counted(active.length, 'チーム')}）</h2>
        {active.length === 0 ? (
          <p className="notice" data-next-step="teams">
            {formatFiscalYear(year.fiscalYear)}にはまだチームがありません。下の「チームを追加」で1チームずつ登録するか、
            <Link to={`/admin/years/${year.fiscalYear}/import`}>CSV取り込み</Link>
            でまとめて登録してください。
          </p>
        ) : (
          <ScrollRegion label="チームの一覧">
            <table>
              <thead>
                <tr>
                  <th scope="col">都道府県</th>
                  <th scope="col">自治体</th>
                  <th scope="col">メンバー</th>
                  <th scope="col">対話自治体</th>
                  <th scope="col">操作</th>
                </tr>
              </thead>
              <tbody>
                {active.map((t) => (
                  <tr key={t.id}>
                    <td>{t.prefecture}</td>
                    <td>
                      <Link to={`/admin/teams/${t.id}`}>{t.municipalityName}</Link>
                    </td>
                    <td>
                      {counted(t.memberCount, '名')}
                      {t.invitedCount ? <span className="muted">（ほか招待中 {counted(t.invitedCount, '名')}）</span> : null}
                    </td>
                    <td>{t.groupId ? t.groupName : <span className="muted">未設定</span>}</td>
                    <td>
                      <Form method="post" className="inline-form">
                        <input type="hidden" name="intent" value="archive" />
                        <input type="hidden" name="teamId" value={t.id} />
                        <button type="submit" className="link-button">
                          アーカイブ
                        </button>
                      </Form>
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section className="form" aria-labelledby="new-team-heading">
        <h2 id="new-team-heading">チームを追加</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <OnceToken />
          <FormMessage id={form.errorId} errors={form.errors} />
          <div className="field">
            <label htmlFor={fields.municipalityId.id}>
              自治体<span className="required">必須</span>
            </label>
            <select
              id={fields.municipalityId.id}
              name={fields.municipalityId.name}
              defaultValue={(fields.municipalityId.initialValue as string) ?? ''}
              aria-invalid={fields.municipalityId.errors?.length ? true : undefined}
              aria-describedby={fields.municipalityId.errors?.length ? fields.municipalityId.errorId : undefined}
            >
              <option value="">選んでください</option>
              {municipalities.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.prefecture} {m.name}
                </option>
              ))}
            </select>
            <FieldErrors id={fields.municipalityId.errorId} errors={fields.municipalityId.errors} />
          </div>
          <p className="hint">
            一覧にない自治体は <Link to="/admin/municipalities">自治体の登録</Link> で追加してください。
          </p>
          <button type="submit" className="button">
            チームを追加
          </button>
        </Form>
      </section>

      <ArchivedList
        id="archived-heading"
        heading="アーカイブしたチーム"
        items={archived}
        name="teamId"
        valueOf={(t) => t.id}
        label={(t) => `${t.prefecture} ${t.municipalityName}`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
