import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { ErrorPage } from '~/components/ErrorPage';
import { CheckboxField, FormMessage, TextField } from '~/components/form';
import { LinkToCopy } from '~/components/LinkToCopy';
import { MemberEdit } from '~/components/admin/MemberEdit';
import { maxTeamMembers } from '~/domain/team-size';
import { addMember, getTeamForAdmin, moveHrSlot, setMemberArchived, updateMemberDetails } from '~/models/admin-teams.server';
import { catchInputError, InputError } from '~/models/input-error.server';
import { withBaseVersion } from '~/schemas/fields';
import { memberDetailsSchema } from '~/schemas/team-member';
import { newMemberSchema } from '~/schemas/team-setup';
import type { FormShape } from '~/schemas/types';
import { formatDateTime, formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { formReply } from '~/utils/form-reply.server';
import { replyFor, versionFor } from '~/utils/form-reply';
import { postedVersion, staleFormReply, type ReadableField } from '~/utils/stale-reply.server';
import { Email } from '~/components/Email';
import { TeamRecordsLink } from '~/components/TeamRecordsLink';

export const meta: MetaFunction = () => [{ title: 'チームのメンバー | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const found = await getTeamForAdmin(requireIdParam(params.teamId));
  if (!found) notFound();
  return found;
}

export const intents = {
  add: 'organizer',
  'update-member': 'organizer',
  'hr-slot': 'organizer',
  archive: 'organizer',
  restore: 'organizer',
} as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const found = await getTeamForAdmin(requireIdParam(params.teamId));
  if (!found) notFound();
  const teamId = found.team.id;
  const actor = actorOf(request, viewer);
  if (intent === 'archive' || intent === 'restore') {
    const memberId = requireIdParam(String(formData.get('memberId') ?? ''));
    const result = await catchInputError(() => setMemberArchived(actor, teamId, memberId, intent === 'archive'), {
      team_members_one_hr_slot: new InputError('', '人事担当課枠がほかのメンバーと重なるため、元に戻せません'),
    });
    if (!result.ok) return formReply(intent, { status: 'error' as const, error: result.fieldErrors }, { link: null });
    if (!result.value) notFound();
    return redirect(`/admin/teams/${teamId}`);
  }
  if (intent === 'update-member') {
    const memberId = requireIdParam(String(formData.get('memberId') ?? ''));
    const version = postedVersion(formData);
    const submission = parseWithZod(formData, { schema: memberEditSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply(), { memberId, link: null, version });
    const { baseVersion, ...details } = submission.value;
    const result = await catchInputError(() => updateMemberDetails(actor, teamId, memberId, details, baseVersion));
    if (!result.ok) return formReply(intent, submission.reply({ fieldErrors: result.fieldErrors }), { memberId, link: null, version });
    const latest = result.value.kind === 'stale' ? (await getTeamForAdmin(teamId))?.members.find((m) => m.id === memberId) : null;
    if (result.value.kind === 'missing' || latest === undefined) return denyNotFound(request, viewer, { teamId, memberId });
    if (latest) {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const { department, section } = latest;
      return staleFormReply(
        intent,
        formData,
        submission.reply(),
        readable(details),
        {
          form: { department, section },
          readable: readable(latest),
          savedAt: latest.updatedAt,
          version: latest.version,
        },
        { memberId, link: null },
      );
    }
    return redirect(`/admin/teams/${teamId}`);
  }
  if (intent === 'hr-slot') {
    const memberId = requireIdParam(String(formData.get('memberId') ?? ''));
    const result = await catchInputError(() => moveHrSlot(actor, teamId, memberId), {
      // Only if someone else changed the slot at the very same moment; nothing was saved.
      team_members_one_hr_slot: new InputError('', '人事担当課枠を移せませんでした。ページを読み込み直して、もう一度お試しください'),
    });
    if (!result.ok) return formReply(intent, { status: 'error' as const, error: result.fieldErrors }, { memberId, link: null });
    if (!result.value) return denyNotFound(request, viewer, { teamId, memberId });
    return redirect(`/admin/teams/${teamId}`);
  }
  const submission = parseWithZod(formData, { schema: newMemberSchema });
  if (submission.status !== 'success') return formReply(intent, submission.reply(), { link: null });
  const result = await catchInputError(() => addMember(actor, teamId, submission.value));
  if (!result.ok) return formReply(intent, submission.reply({ fieldErrors: result.fieldErrors }), { link: null });
  if (result.value.kind !== 'invited') return redirect(`/admin/teams/${teamId}`);
  // The link is shown once, like on the accounts page: only its hash is stored.
  const url = `${new URL(request.url).origin}/invite/${result.value.token}`;
  return {
    form: intent,
    result: submission.reply({ resetForm: true }),
    link: { url, email: submission.value.email, expiresAt: result.value.expiresAt.toISOString() },
  };
}

const memberEditSchema = withBaseVersion(memberDetailsSchema);

/** A member's details as people read them, to compare a refused save with the newer one. */
function readable(details: { department: string; section: string }): ReadableField[] {
  return [
    { key: 'department', label: '部署（部・局）', value: details.department },
    { key: 'section', label: '課・係', value: details.section },
  ];
}

export default function AdminTeam() {
  const { team, members, invitations } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof newMemberSchema>>({ lastResult: replyFor(actionData, 'add') });
  const active = members.filter((m) => !m.archivedAt);
  const removed = members.filter((m) => m.archivedAt);
  const seats = active.length + invitations.length;
  // A member's own edit form shows its errors in place; the list shows the rest (and those of a member no longer listed).
  const editedId = actionData && 'memberId' in actionData && active.some((m) => m.id === actionData.memberId) ? actionData.memberId : null;
  const listError =
    actionData?.form !== 'add' && editedId === null ? (actionData?.result as { error?: Record<string, string[]> } | undefined)?.error?.[''] : undefined;
  const holderMember = active.find((m) => m.isHrSlot);
  const holderInvitation = invitations.find((i) => i.isHrSlot);
  const holder = holderMember ? `${holderMember.fullName}さん` : holderInvitation ? `招待中の${holderInvitation.fullName}さん` : null;
  return (
    <>
      <p className="muted">
        <Link to={`/admin/years/${team.fiscalYear}/teams`}>{formatFiscalYear(team.fiscalYear)}のチーム</Link>
      </p>
      <h1>
        {team.municipalityName}チーム
        <span className="date-western">
          {team.prefecture}・{formatFiscalYear(team.fiscalYear)}
        </span>
      </h1>
      {team.archivedAt ? (
        <p className="notice">このチームはアーカイブされています（チーム一覧から元に戻せます）。</p>
      ) : (
        <p>
          <Link to={`/teams/${team.id}`}>チームのページ</Link>　<TeamRecordsLink teamId={team.id} />
        </p>
      )}
      {actionData?.link ? (
        <div className="notice notice--success" role="status">
          <p>
            <Email address={actionData.link.email} /> さんへの招待リンクを作成しました。メールなどで本人に送ってください。
            {formatDateTime(actionData.link.expiresAt)} まで有効です。この画面を閉じると再表示できません。
          </p>
          <LinkToCopy url={actionData.link.url} />
        </div>
      ) : null}
      <FormMessage id="members-error" errors={listError} />

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">メンバー（{counted(active.length, '名')}）</h2>
        <ul className="member-list">
          {active.map((m) => (
            <li key={m.id}>
              {m.fullName}
              <span className="muted">（{[m.department, m.section].filter(Boolean).join(' ') || '所属未登録'}）</span>
              {m.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
              <MemberEdit
                // A saved change remounts the form, folded, with the saved values.
                key={`${m.id}:${m.department}:${m.section}:${m.isHrSlot}`}
                member={m}
                holder={holder}
                lastResult={editedId === m.id && actionData?.form === 'update-member' ? actionData.result : undefined}
                {...versionFor(editedId === m.id ? actionData : null, 'update-member', m.version)}
                hrErrors={editedId === m.id && actionData?.form === 'hr-slot' ? (actionData.result.error?.[''] ?? undefined) : undefined}
              />
            </li>
          ))}
          {invitations.map((i) => (
            <li key={`i${i.id}`}>
              {i.fullName}
              <span className="muted">
                （<Email address={i.email} />）
              </span>
              <span className="tag">招待中</span>
              {i.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
            </li>
          ))}
        </ul>
        {active.length + invitations.length === 0 ? <p className="muted">メンバー未登録</p> : null}
      </section>

      <section className="form" aria-labelledby="add-heading">
        <h2 id="add-heading">メンバーを追加</h2>
        <p>
          メンバーは1チーム{counted(maxTeamMembers, '名')}まで（現在 {counted(seats, '名')}）。すでにアカウントのある人（前の年度の参加者など）は、
          メールアドレスで同じ人として追加されます。新しい人には招待リンクを作成します。
        </p>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="add" />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="メールアドレス" field={fields.email} type="email" required />
          <TextField label="氏名" field={fields.fullName} required />
          <TextField label="部署（部・局）" field={fields.department} hint="例: 総務部" />
          <TextField label="課・係" field={fields.section} hint="例: 人事課" />
          <CheckboxField label="人事担当課枠" field={fields.isHrSlot} />
          <button type="submit" className="button">
            追加する
          </button>
        </Form>
      </section>

      <ArchivedList id="removed-heading" heading="チームから外したメンバー" items={removed} name="memberId" valueOf={(m) => m.id} label={(m) => m.fullName} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
