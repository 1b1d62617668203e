import { parseWithZod } from '@conform-to/zod/v4';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { VersionTagForm } from '~/components/sheet/VersionTagForm';
import { TeamHeader } from '~/components/TeamHeader';
import { sessionKinds } from '~/domain/codes';
import { saveSheetVersion, tagSheetVersion } from '~/models/sheet-save.server';
import { getSheetVersion, listSheetVersions, sessionChoices } from '~/models/sheets.server';
import { sheetTagSchema } from '~/schemas/sheet';
import { formatDateTime } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice } from '~/utils/notice.server';
import { formErrors, formReply } from '~/utils/form-reply.server';

export const meta: MetaFunction = () => [{ title: '変革ストーリーシートの履歴 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readSheet');
  const [versions, sessions] = await Promise.all([listSheetVersions(team.id), sessionChoices(team.fiscalYear)]);
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    canWrite: access.write,
    versions,
    sessions: sessions.map((s) => ({
      id: s.id,
      label: s.kind === 'study' ? `第${s.number}回研究会` : `${sessionKinds.label[s.kind]}（${s.number}）`,
      startsOn: s.startsOn,
      suggestedTag: s.kind === 'study' ? `第${s.number}回提出版` : `${sessionKinds.label[s.kind]}提出版`,
    })),
  };
}

export const intents = { tag: 'team:write', restore: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const actor = actorOf(request, viewer);
  if (intent === 'tag') {
    const submission = parseWithZod(formData, { schema: sheetTagSchema });
    if (submission.status !== 'success') return formReply(intent, formErrors(['タグを付ける版を選んでください。']));
    const { version, sessionId } = submission.value;
    let tag = submission.value.tag.trim();
    if (!tag && sessionId) {
      const session = (await sessionChoices(team.fiscalYear)).find((s) => s.id === sessionId);
      tag = session?.kind === 'study' ? `第${session.number}回提出版` : '提出版';
    }
    const outcome = await tagSheetVersion(actor, team, { version, tag, sessionId });
    if (outcome === 'bad-session') return formReply(intent, formErrors(['この年度の研究会から選んでください。']));
    if (outcome === 'not-found') return denyNotFound(request, viewer, { teamId: team.id, version });
    return redirect(`/teams/${team.id}/sheet/history`);
  }
  const version = Number(formData.get('version'));
  const baseVersion = Number(formData.get('baseVersion'));
  if (![version, baseVersion].every((v) => Number.isInteger(v) && v >= 1 && v <= 1_000_000)) {
    return formReply(intent, formErrors(['復元する版を選んでください。']));
  }
  const old = await getSheetVersion(team.id, version);
  if (!old) return denyNotFound(request, viewer, { teamId: team.id, version });
  // History is never rewritten: the old content becomes a new version, on the same optimistic lock.
  const outcome = await saveSheetVersion(actor, team.id, { baseVersion, content: old.content, message: `第${version}版を復元`, restoredFromVersion: version });
  if (outcome.kind === 'stale') {
    return formReply(
      intent,
      formErrors(['ほかの人が先に新しい版を保存したため、復元しませんでした。最新の履歴を確かめてから、もう一度操作してください。']),
      {},
      409,
    );
  }
  return redirectWithNotice(`/teams/${team.id}/sheet`, `第${outcome.version}版として保存しました。`, outcome.version);
}

export default function SheetHistory() {
  const { team, links, canWrite, versions, sessions } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const current = versions[0]?.version ?? 0;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2 className="page-title">変革ストーリーシートの履歴（{counted(versions.length, '件')}）</h2>
      <p>
        <Link to={`/teams/${team.id}/sheet`}>シートに戻る</Link>
      </p>
      <FormMessage id="history-error" errors={actionData?.result.error['']} />
      {versions.length >= 2 ? (
        <Form method="get" action={`/teams/${team.id}/sheet/diff`} className="filters" aria-label="2つの版を比較">
          <div className="field">
            <label htmlFor="from">比べる版（古い方）</label>
            <select id="from" name="from" defaultValue={versions[1]!.version}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  第{v.version}版{v.tag ? `（${v.tag}）` : ''}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="to">比べる版（新しい方）</label>
            <select id="to" name="to" defaultValue={current}>
              {versions.map((v) => (
                <option key={v.version} value={v.version}>
                  第{v.version}版{v.tag ? `（${v.tag}）` : ''}
                </option>
              ))}
            </select>
          </div>
          <button type="submit" className="button">
            比較する
          </button>
        </Form>
      ) : null}
      {versions.length === 0 ? <p>まだ保存された版はありません。</p> : null}
      <ol className="version-list" reversed>
        {versions.map((v) => (
          <li key={v.version} className="version">
            <p className="version__head">
              <strong>第{v.version}版</strong>
              {v.version === current ? <span className="tag">現在の版</span> : null}
              {v.tag ? <span className="tag tag--submission">{v.tag}</span> : null}
              <span className="muted">
                　{formatDateTime(v.savedAt)}
                {v.authorName ? `・${v.authorName}` : ''}
              </span>
            </p>
            {v.message ? <p className="version__message">{v.message}</p> : null}
            {v.restoredFromVersion ? <p className="muted">第{v.restoredFromVersion}版の内容を復元した版です。</p> : null}
            <ul className="sheet-actions">
              {v.version > 1 ? (
                <li>
                  <Link to={`/teams/${team.id}/sheet/diff?from=${v.version - 1}&to=${v.version}`}>前の版との違い</Link>
                </li>
              ) : null}
              {v.version !== current ? (
                <li>
                  <Link to={`/teams/${team.id}/sheet/diff?from=${v.version}&to=${current}`}>現在の版との違い</Link>
                </li>
              ) : null}
              <li>
                <Link to={`/teams/${team.id}/sheet/print?version=${v.version}`}>この版を表示・印刷</Link>
              </li>
            </ul>
            {canWrite ? (
              <div className="version__tools">
                <VersionTagForm version={v.version} tag={v.tag} sessionId={v.sessionId} sessions={sessions} />
                {v.version !== current ? (
                  <Form method="post" className="inline-form">
                    <input type="hidden" name="intent" value="restore" />
                    <input type="hidden" name="version" value={v.version} />
                    <input type="hidden" name="baseVersion" value={current} />
                    <button type="submit" className="button button--secondary">
                      この版の内容を第{current + 1}版として復元
                    </button>
                  </Form>
                ) : null}
              </div>
            ) : null}
          </li>
        ))}
      </ol>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
