import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ArchivedList } from '~/components/ArchivedList';
import { NoTeamsYet } from '~/components/admin/NoTeamsYet';
import { YearNav } from '~/components/admin/YearNav';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { listTeamsOfYear } from '~/models/admin-teams.server';
import { getActiveYear } from '~/models/admin-years.server';
import { createGroup, dissolveGroup, listDissolvedGroupsOfYear, listGroupsOfYear, restoreGroup } from '~/models/dialogue-groups.server';
import { catchInputError, InputError } from '~/models/input-error.server';
import { dialogueGroupSchema } from '~/schemas/team-setup';
import type { FormShape } from '~/schemas/types';
import { counted } from '~/utils/format';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { formReply } from '~/utils/form-reply.server';
import { replyFor } from '~/utils/form-reply';
import { submitOnce } from '~/models/submissions.server';
import { OnceToken } from '~/components/OnceToken';

export const meta: MetaFunction = () => [{ title: '対話自治体の設定 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const [groups, dissolved, teams] = await Promise.all([
    listGroupsOfYear(year.fiscalYear),
    listDissolvedGroupsOfYear(year.fiscalYear),
    listTeamsOfYear(year.fiscalYear),
  ]);
  return { year, groups, dissolved, teams: teams.filter((t) => !t.archivedAt) };
}

export const intents = { create: 'organizer', dissolve: 'organizer', restore: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const actor = actorOf(request, viewer);
  const back = `/admin/years/${year.fiscalYear}/groups`;
  if (intent === 'dissolve') {
    if (!(await dissolveGroup(actor, year.fiscalYear, requireIdParam(String(formData.get('groupId') ?? ''))))) notFound();
    return redirect(back);
  }
  if (intent === 'restore') {
    const groupId = requireIdParam(String(formData.get('groupId') ?? ''));
    const result = await catchInputError(() => restoreGroup(actor, year.fiscalYear, groupId), {
      dialogue_group_teams_team: new InputError('groupId', 'このグループのチームのどれかが、同時にほかのグループに入りました。もう一度お試しください'),
    });
    // Shown beside that group's 元に戻す button; nothing was changed.
    if (!result.ok) return formReply(restoreForm(groupId), { status: 'error' as const, error: result.fieldErrors });
    if (!result.value) notFound();
    return redirect(back);
  }
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: dialogueGroupSchema });
    if (submission.status !== 'success') return formReply('create', submission.reply());
    const result = await catchInputError(() => createGroup(actor, year.fiscalYear, submission.value), {
      dialogue_group_teams_team: new InputError('teamIds', '選んだチームのどれかが、同時にほかのグループに入りました。もう一度選んでください'),
    });
    if (!result.ok) return formReply('create', submission.reply({ fieldErrors: result.fieldErrors }));
    return redirect(back);
  });
}

/** A dissolved group's 元に戻す form, named in the action's answer (app/utils/form-reply.ts). */
const restoreForm = (groupId: number) => `restore:${groupId}`;

export default function AdminGroups() {
  const { year, groups, dissolved, teams } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof dialogueGroupSchema>>({ lastResult: replyFor(actionData, 'create') });
  const picked = new Set(((fields.teamIds.initialValue as string[] | string | undefined) ?? []).toString().split(','));
  const ungrouped = teams.filter((t) => !t.groupId);
  return (
    <>
      <YearNav fiscalYear={year.fiscalYear} theme={year.theme} />
      {teams.length === 0 && groups.length === 0 ? (
        <NoTeamsYet fiscalYear={year.fiscalYear} then="対話自治体のグループは、チームを登録してから作れます。" />
      ) : (
        <>
          <section aria-labelledby="groups-heading">
            <h2 id="groups-heading">対話自治体のグループ（{groups.length}件）</h2>
            {groups.length === 0 ? <p>まだグループがありません。</p> : null}
            <ul className="plain-list">
              {groups.map((g) => (
                <li key={g.id} className="card">
                  <strong>{g.name}</strong>：{g.teams.map((t) => t.name).join('・')}{' '}
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="dissolve" />
                    <input type="hidden" name="groupId" value={g.id} />
                    <button type="submit" className="link-button">
                      グループを解消
                    </button>
                  </Form>
                </li>
              ))}
            </ul>
          </section>
          <section className="form" aria-labelledby="new-group-heading">
            <h2 id="new-group-heading">グループを作る</h2>
            {/* Keyed by the groups there are, so the ticks clear once a group is made, dissolved or restored. */}
            <Form method="post" {...getFormProps(form)} key={groups.map((g) => g.id).join(',')}>
              <input type="hidden" name="intent" value="create" />
              <OnceToken />
              <FormMessage id={form.errorId} errors={form.errors} />
              <fieldset className="field" aria-describedby={fields.teamIds.errors?.length ? fields.teamIds.errorId : undefined}>
                <legend>
                  チーム（2〜4つ）<span className="required">必須</span>
                </legend>
                {teams.map((t) => (
                  <label key={t.id} className="choice">
                    <input type="checkbox" name="teamIds" value={t.id} defaultChecked={picked.has(String(t.id))} /> {t.prefecture} {t.municipalityName}
                    {t.groupId ? <span className="tag">{t.groupName}</span> : null}
                  </label>
                ))}
                <FieldErrors id={fields.teamIds.errorId} errors={fields.teamIds.errors} />
              </fieldset>
              <TextField label="グループ名（空欄なら自治体名をつなげます）" field={fields.name} />
              <button type="submit" className="button">
                グループを作る
              </button>
            </Form>
            <p className="muted">グループに入っていないチーム: {ungrouped.length ? ungrouped.map((t) => t.municipalityName).join('・') : 'なし'}</p>
          </section>
        </>
      )}

      <ArchivedList
        id="dissolved-heading"
        heading={`解消したグループ（${counted(dissolved.length, '件')}）`}
        intro={<p className="muted">元に戻すと、解消したときのチームでグループが復活します。</p>}
        items={dissolved}
        name="groupId"
        valueOf={(g) => g.id}
        label={(g) => (
          <>
            <strong>{g.name || `グループ${g.id}`}</strong>：{g.teams.length ? g.teams.map((t) => t.name).join('・') : 'チームの記録なし'}
          </>
        )}
        after={(g) => (
          <>
            {g.teams.some((t) => t.nowInGroupId) ? (
              <p className="muted">
                {g.teams
                  .filter((t) => t.nowInGroupId)
                  .map((t) => `${t.name}はいま別のグループ「${t.nowInGroup || `グループ${t.nowInGroupId}`}」に入っています。`)
                  .join('')}
              </p>
            ) : null}
            <FormMessage id={`restore-${g.id}-error`} errors={replyFor(actionData, restoreForm(g.id))?.error?.groupId ?? undefined} />
          </>
        )}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
