import { ScrollRegion } from '~/components/ScrollRegion';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { InvitationForm } from '~/components/admin/InvitationForm';
import { LinkToCopy } from '~/components/LinkToCopy';
import { invitationChoices, inviteAccount, issuePasswordReset, listAccounts } from '~/models/accounts.server';
import {
  cancelLink,
  endMentorAssignment,
  listOpenLinks,
  listRemovableScopes,
  listStoppedAccounts,
  restartAccount,
  revokeHrScope,
  stopAccount,
} from '~/models/account-lifecycle.server';
import { SavedNotice } from '~/components/SavedNotice';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { addMember } from '~/models/admin-teams.server';
import { catchInputError } from '~/models/input-error.server';
import { invitationSchema } from '~/schemas/invitation';
import { currentFiscalYear } from '~/utils/clock';
import { formatDateTime } from '~/utils/dates';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { formErrors, formReply } from '~/utils/form-reply.server';
import { replyFor } from '~/utils/form-reply';
import { Email } from '~/components/Email';

export const meta: MetaFunction = () => [{ title: 'アカウント管理 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireOrganizer(request);
  const [accounts, choices, scopes, links, stopped] = await Promise.all([
    listAccounts(),
    invitationChoices(currentFiscalYear()),
    listRemovableScopes(),
    listOpenLinks(),
    listStoppedAccounts(),
  ]);
  const { notice, headers } = await takeNotice(request);
  return data({ accounts, choices, scopes, links, stopped, notice, selfId: viewer.userId }, { headers });
}

export const intents = {
  invite: 'organizer',
  reset: 'organizer',
  'revoke-hr': 'organizer',
  'end-mentor': 'organizer',
  'cancel-link': 'organizer',
  stop: 'organizer',
  restart: 'organizer',
} as const satisfies IntentNeeds<ViewerNeed>;

// Taking access away: each intent names one row, ends it and says so; a row already ended is a 404.
const removals = {
  'revoke-hr': { field: 'hrViewerId', run: revokeHrScope, done: '人事課としての閲覧を取り消しました。' },
  'end-mentor': { field: 'assignmentId', run: endMentorAssignment, done: 'メンターの担当を終えました。' },
  'cancel-link': { field: 'tokenId', run: cancelLink, done: 'リンクを取り消しました。もう使えません。' },
  restart: { field: 'userId', run: restartAccount, done: 'アカウントを再開しました。' },
} as const;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const origin = new URL(request.url).origin;
  if (intent === 'invite') {
    const submission = parseWithZod(formData, { schema: invitationSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply(), { link: null, done: null });
    const invitation = submission.value;
    const actor = actorOf(request, viewer);
    // A team seat follows the team page's rules: five members at most, one 人事担当課枠.
    const result = await catchInputError(() =>
      invitation.scope === 'member' ? addMember(actor, invitation.teamId, invitation) : inviteAccount(actor, invitation),
    );
    if (!result.ok) return formReply(intent, submission.reply({ fieldErrors: result.fieldErrors }), { link: null, done: null });
    const outcome = result.value;
    if (outcome.kind === 'unchanged') {
      return {
        form: intent,
        result: submission.reply({ resetForm: true }),
        link: null,
        done: { email: invitation.email, text: 'はこのチームのメンバーか、すでに招待中です。' },
      };
    }
    if (outcome.kind === 'granted') {
      return {
        form: intent,
        result: submission.reply({ resetForm: true }),
        link: null,
        done: { email: invitation.email, text: 'は登録済みのため、既存のアカウントに追加しました。' },
      };
    }
    return {
      form: intent,
      result: submission.reply({ resetForm: true }),
      link: { url: `${origin}/invite/${outcome.token}`, expiresAt: outcome.expiresAt.toISOString(), email: submission.value.email, purpose: '招待' },
      done: null,
    };
  }
  if (intent === 'stop') {
    const result = await catchInputError(() => stopAccount(actorOf(request, viewer), requireIdParam(String(formData.get('userId') ?? ''))));
    if (!result.ok) return formReply(intent, formErrors(result.fieldErrors[''] ?? []), { link: null, done: null });
    if (!result.value) notFound();
    return redirectWithNotice('/admin/accounts', 'アカウントを停止しました。ログイン中の画面もすぐに使えなくなります。');
  }
  if (intent !== 'reset') {
    const removal = removals[intent];
    if (!(await removal.run(actorOf(request, viewer), requireIdParam(String(formData.get(removal.field) ?? ''))))) notFound();
    return redirectWithNotice('/admin/accounts', removal.done);
  }
  const issued = await issuePasswordReset(actorOf(request, viewer), requireIdParam(String(formData.get('userId') ?? '')));
  if (!issued) notFound();
  return {
    form: intent,
    result: null,
    link: { url: `${origin}/reset/${issued.token}`, expiresAt: issued.expiresAt.toISOString(), email: issued.email, purpose: 'パスワード再設定' },
    done: null,
  };
}

export default function AdminAccounts() {
  const { accounts, choices, scopes, links, stopped, notice, selfId } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const stopErrors = (replyFor(actionData, 'stop') as { error?: Record<string, string[]> } | undefined)?.error?.[''];
  return (
    <>
      <h1>アカウント管理</h1>
      <SavedNotice notice={notice} />
      <FormMessage id="stop-error" errors={stopErrors} />
      {actionData?.link ? (
        <div className="notice notice--success" role="status">
          <p>
            <Email address={actionData.link.email} />
            {` さんへの${actionData.link.purpose}リンクを作成しました。メールなどで本人に送ってください。リンクは1回だけ使え、`}
            {formatDateTime(actionData.link.expiresAt)} まで有効です。この画面を閉じると再表示できません。
          </p>
          <LinkToCopy url={actionData.link.url} />
        </div>
      ) : null}
      {actionData?.done ? (
        <p className="notice notice--success" role="status">
          <Email address={actionData.done.email} /> {actionData.done.text}
        </p>
      ) : null}

      <section className="form" aria-labelledby="invite-heading">
        <h2 id="invite-heading">招待リンクを作成</h2>
        <InvitationForm choices={choices} lastResult={replyFor(actionData, 'invite')} />
      </section>

      <section aria-labelledby="accounts-heading">
        <h2 id="accounts-heading">登録済みのアカウント（{accounts.length}件）</h2>
        <ScrollRegion label="アカウントの一覧">
          <table className="table-cards">
            <thead>
              <tr>
                {/* Three columns, the email under the name; on a phone one card per account. */}
                <th scope="col">氏名・メールアドレス</th>
                <th scope="col">立場</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {accounts.map((a) => (
                <tr key={a.id}>
                  <td>
                    {a.name}
                    <div className="cell-note">
                      <Email address={a.email} />
                    </div>
                  </td>
                  <td data-label="立場">
                    {[a.organizer ? '事務局・幹事' : null, a.hrOf ? `人事課（${a.hrOf}）` : null, a.teamsOf ? `チーム（${a.teamsOf}）` : null]
                      .filter(Boolean)
                      .join('、') || '—'}
                    {a.activated ? null : <span className="tag">招待中</span>}
                  </td>
                  <td>
                    <RowButton intent="reset" field="userId" id={a.id} label="パスワード再設定リンクを発行" />
                    <details>
                      <summary>
                        取り消す・停止する<span className="visually-hidden">：{a.name}</span>
                      </summary>
                      {scopes.hr
                        .filter((h) => h.userId === a.id)
                        .map((h) => (
                          <RowButton key={`hr${h.id}`} intent="revoke-hr" field="hrViewerId" id={h.id} label={`人事課（${h.label}）の閲覧を取り消す`} />
                        ))}
                      {scopes.mentors
                        .filter((m) => m.userId === a.id)
                        .map((m) => (
                          <RowButton key={`m${m.id}`} intent="end-mentor" field="assignmentId" id={m.id} label={`メンター（${m.label}）を終える`} />
                        ))}
                      {a.teamsOf ? <p className="hint">チームの席は、各チームのメンバー画面から外せます。</p> : null}
                      {/* One's own account is stopped by another organizer. */}
                      {a.id === selfId ? null : (
                        <>
                          <RowButton intent="stop" field="userId" id={a.id} label="アカウントを停止する" danger />
                          <p className="hint">停止すると、ログイン中の画面も含めてすぐに使えなくなります。書いた記録は残ります。</p>
                        </>
                      )}
                    </details>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section aria-labelledby="links-heading">
        <h2 id="links-heading">まだ使われていないリンク（{links.length}件）</h2>
        {links.length === 0 ? <p className="muted">ありません。</p> : null}
        <ul className="plain-list">
          {links.map((l) => (
            <li key={l.id}>
              {l.purpose === 'invite' ? '招待' : 'パスワード再設定'}：<Email address={l.email} />（{formatDateTime(l.expiresAt)} まで）
              <RowButton intent="cancel-link" field="tokenId" id={l.id} label="取り消す" />
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="stopped-heading">
        <h2 id="stopped-heading">停止中のアカウント（{stopped.length}件）</h2>
        {stopped.length === 0 ? <p className="muted">ありません。</p> : null}
        <ul className="plain-list">
          {stopped.map((u) => (
            <li key={u.id}>
              {u.name}（<Email address={u.email} />）{u.stoppedAt ? `：${formatDateTime(u.stoppedAt)} に停止` : null}
              <RowButton intent="restart" field="userId" id={u.id} label="再開する" />
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}

/** One button that acts on one row (an id in a hidden field). */
function RowButton({ intent, field, id, label, danger = false }: { intent: string; field: string; id: number; label: string; danger?: boolean }) {
  return (
    <Form method="post">
      <input type="hidden" name="intent" value={intent} />
      <input type="hidden" name={field} value={id} />
      <button type="submit" className={danger ? 'link-button link-button--danger' : 'link-button'}>
        {label}
      </button>
    </Form>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
