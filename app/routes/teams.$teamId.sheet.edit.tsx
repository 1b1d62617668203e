import { parseWithZod } from '@conform-to/zod/v4';
import { BaseVersionInput } from '~/components/BaseVersionInput';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link } from '~/components/Link';
import { useState } from 'react';
import { DraftForm } from '~/components/DraftForm';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage } from '~/components/form';
import { ConflictView, type Conflict } from '~/components/sheet/ConflictView';
import { IntegrityNotice } from '~/components/sheet/IntegrityNotice';
import { SheetFields } from '~/components/sheet/SheetFields';
import { TeamHeader } from '~/components/TeamHeader';
import { emptySheet, type SheetContent } from '~/domain/sheet';
import { checkSheetSave, fieldsDifferentFrom, type IntegrityIssue } from '~/domain/sheet-integrity';
import { citedEvidence, evidenceValue } from '~/domain/sheet-fields';
import { mergeSheets } from '~/domain/sheet-merge';
import { evidenceBelongsToTeam, evidenceChoices } from '~/models/sheet-evidence.server';
import { saveSheetVersion } from '~/models/sheet-save.server';
import { getCurrentSheet, getSheetVersion } from '~/models/sheets.server';
import { sheetSaveSchema } from '~/schemas/sheet';
import { formatDateTime } from '~/utils/dates';
import { readEdited } from '~/utils/edited-fields';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice } from '~/utils/notice.server';

export const meta: MetaFunction = () => [{ title: '変革ストーリーシートの編集 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  const [current, choices] = await Promise.all([getCurrentSheet(team.id), evidenceChoices(team.id, access)]);
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    current: current ? { version: current.version, content: current.content, savedAt: current.savedAt, authorName: current.authorName } : null,
    choices,
  };
}

export const intents = { submit: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const submission = parseWithZod(formData, { schema: sheetSaveSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), conflict: null }, { status: 400 });
  const { baseVersion, message, content } = submission.value;
  const base = baseVersion > 0 ? await getSheetVersion(team.id, baseVersion) : undefined;

  // A field the person did not edit must arrive as it was shown; otherwise it is put back and shown.
  const baseContent = base?.content ?? emptySheet();
  const { issues, repaired } = checkSheetSave(baseContent, content, readEdited(formData));
  if (issues.length) {
    const integrity: Integrity = { baseVersion, base: baseContent, content: repaired, issues };
    const result = submission.reply({ formErrors: ['まだ保存していません。下に示した項目を確かめてから、もう一度保存してください。'] });
    return data({ result, conflict: null, integrity, message }, { status: 400 });
  }

  // Only the team's own records may be cited; a citation already in the base version may stay.
  const inherited = new Set(base ? citedEvidence(base.content).map(evidenceValue) : []);
  const fresh = citedEvidence(content).filter((e) => !inherited.has(evidenceValue(e)));
  if (!(await evidenceBelongsToTeam(team.id, fresh, access))) {
    return data(
      { result: submission.reply({ formErrors: ['根拠に選べるのは、このチームのインタビュー・アンケート・活動記録だけです。'] }), conflict: null },
      { status: 400 },
    );
  }

  const outcome = await saveSheetVersion(actorOf(request, viewer), team.id, { baseVersion, content, message });
  if (outcome.kind === 'saved') return redirectWithNotice(`/teams/${team.id}/sheet`, `第${outcome.version}版として保存しました。`, outcome.version);

  // Stale: refuse, and hand the person's text back beside the newer one.
  const latest = await getCurrentSheet(team.id);
  if (!latest) notFound(); // a sheet is never deleted
  const merge = mergeSheets(baseContent, content, latest.content);
  const conflict: Conflict = {
    baseVersion,
    latest: { version: latest.version, authorName: latest.authorName, savedAt: latest.savedAt.toISOString(), message: latest.message },
    mine: content,
    theirs: latest.content,
    ...merge,
  };
  return data({ result: null, conflict, message }, { status: 409 });
}

type Integrity = { baseVersion: number; base: SheetContent; content: SheetContent; issues: IntegrityIssue[] };
type Screen = { conflict: Conflict; integrity?: never } | { integrity: Integrity; conflict?: never };

/**
 * What a refused save shows (the merge after a 409, or the fields put back after a held-back save),
 * kept across a later form error so the fields are not rebuilt from the stored version; `round`
 * changes with each new screen, so its fields are built once from what the server sent.
 */
function useRefusedSave(reply: ReturnType<typeof useActionData<typeof action>>) {
  const [state, setState] = useState<{ reply: typeof reply; screen: Screen | null; round: number }>({ reply: undefined, screen: null, round: 0 });
  if (reply !== state.reply) {
    const screen: Screen | null = reply?.conflict
      ? { conflict: reply.conflict as Conflict }
      : reply && 'integrity' in reply
        ? { integrity: reply.integrity as Integrity }
        : state.screen;
    setState({ reply, screen, round: screen === state.screen ? state.round : state.round + 1 });
  }
  return state;
}

export default function SheetEdit() {
  const { team, links, current, choices } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const navigation = useNavigation();
  const { screen, round } = useRefusedSave(actionData);
  const conflict = screen?.conflict ?? null;
  const integrity = screen?.integrity ?? null;
  const baseVersion = conflict ? conflict.latest.version : integrity ? integrity.baseVersion : (current?.version ?? 0);
  // What the form starts with that is already the person's own change, not the base version's text.
  const carried = conflict ? fieldsDifferentFrom(conflict.merged, conflict.theirs) : integrity ? fieldsDifferentFrom(integrity.content, integrity.base) : [];
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2 className="page-title">変革ストーリーシートを編集</h2>
      {screen ? null : (
        <p className="muted">
          {current
            ? `第${current.version}版（${formatDateTime(current.savedAt)}${current.authorName ? `・${current.authorName}` : ''}）をもとに編集しています。`
            : 'まだ保存された版はありません。最初の版を作成します。'}
          入力中の内容はこのブラウザーに自動で保管され、保存するまで消えません。
        </p>
      )}
      <DraftForm method="post" draftName="sheet" className="sheet-form" carried={carried}>
        <BaseVersionInput version={baseVersion} />
        <FormMessage
          id="sheet-form-error"
          errors={
            actionData?.result?.error
              ? Object.values(actionData.result.error)
                  .flat()
                  .filter((e): e is string => Boolean(e))
              : undefined
          }
        />
        {conflict ? (
          <ConflictView key={`merge-${round}`} conflict={conflict} choices={choices} />
        ) : integrity ? (
          <>
            <IntegrityNotice issues={integrity.issues} />
            <SheetFields key={`held-${round}`} content={integrity.content} choices={choices} draftName={null} />
          </>
        ) : (
          <SheetFields key={`v${current?.version ?? 0}`} content={current?.content ?? emptySheet()} choices={choices} draftName="sheet" />
        )}
        <div className="field sheet-form__message">
          <label htmlFor="message">保存メッセージ（任意）</label>
          <p className="hint" id="message-hint">
            何を変えたかを一言で。例：幹事のフィードバックを受けて重点取組を2つに絞った
          </p>
          <input
            id="message"
            name="message"
            type="text"
            maxLength={200}
            aria-describedby="message-hint"
            defaultValue={actionData && 'message' in actionData ? actionData.message : ''}
          />
        </div>
        <div className="sheet-form__actions">
          <button type="submit" className="button" disabled={navigation.state === 'submitting'}>
            {conflict ? `まとめた内容を第${conflict.latest.version + 1}版として保存` : '保存する'}
          </button>
          <Link to={`/teams/${team.id}/sheet`}>保存せずに戻る</Link>
        </div>
      </DraftForm>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
