import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { SheetBody } from '~/components/sheet/SheetBody';
import { commentForm, SheetComments, UnresolvedBadge } from '~/components/sheet/SheetComments';
import { TeamHeader } from '~/components/TeamHeader';
import { sheetSections } from '~/domain/sheet';
import { citedEvidence } from '~/domain/sheet-fields';
import { addSheetComment, getSheetComment, listSheetComments, setCommentResolved, unresolvedCounts } from '~/models/sheet-comments.server';
import { evidenceLabels } from '~/models/sheet-evidence.server';
import { startFromPreviousGeneration } from '~/models/sheet-save.server';
import { copiedFrom, getCurrentSheet, previousGenerationFinal } from '~/models/sheets.server';
import { sheetCommentSchema } from '~/schemas/sheet';
import { formatDateTime, formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { canTeam, readsSheetComments, type IntentNeeds } from '~/utils/permissions';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import { submitOnce } from '~/models/submissions.server';
import { takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { formErrors, formReply } from '~/utils/form-reply.server';

export const meta: MetaFunction = () => [{ title: '変革ストーリーシート | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readSheet');
  const sheet = await getCurrentSheet(team.id);
  const [comments, open, labels, origin, previous] = await Promise.all([
    readsSheetComments(access) ? listSheetComments(team.id) : [],
    readsSheetComments(access) ? unresolvedCounts(team.id) : ({} as Awaited<ReturnType<typeof unresolvedCounts>>),
    sheet ? evidenceLabels(team.id, citedEvidence(sheet.content), access) : {},
    sheet?.copiedFromVersionId ? copiedFrom(sheet.copiedFromVersionId) : undefined,
    !sheet && access.write ? previousGenerationFinal(team) : undefined,
  ]);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      can: { write: access.write, comment: access.comment },
      viewerId: viewer.userId,
      sheet: sheet
        ? { version: sheet.version, tag: sheet.tag, savedAt: sheet.savedAt, authorName: sheet.authorName, message: sheet.message, content: sheet.content }
        : null,
      comments,
      open,
      labels,
      origin: origin
        ? { ...origin, readable: canTeam(viewer, { id: origin.teamId, municipalityId: origin.municipalityId, fiscalYear: origin.fiscalYear }, 'readSheet') }
        : null,
      previous: previous ? { fiscalYear: previous.fiscalYear, version: previous.version, tag: previous.tag } : null,
      // Said only while the version saved is still the newest.
      notice: notice && notice.id === sheet?.version ? notice : null,
    },
    { headers },
  );
}

// A comment is resolved (or reopened) by its author or the team; the action checks the comment.
export const intents = { comment: 'team:comment', resolve: 'team:comment', reopen: 'team:comment', handover: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const actor = actorOf(request, viewer);
  const back = `/teams/${team.id}/sheet`;
  if (intent === 'comment') {
    return submitOnce(formData, viewer.userId, async () => {
      const submission = parseWithZod(formData, { schema: sheetCommentSchema });
      if (submission.status !== 'success') {
        const errors = Object.values(submission.error ?? {})
          .flat()
          .filter((e): e is string => Boolean(e));
        return formReply(commentForm(String(formData.get('section') ?? '')), formErrors(errors));
      }
      const added = await addSheetComment(actor, team.id, submission.value);
      if (!added) return formReply(commentForm(submission.value.section), formErrors(['まだ保存された版がないため、コメントできません。']));
      return redirect(`${back}#section-${submission.value.section}`);
    });
  }
  if (intent === 'resolve' || intent === 'reopen') {
    const commentId = requireIdParam(String(formData.get('commentId') ?? ''));
    const comment = await getSheetComment(team.id, commentId);
    if (!comment || !(access.write || comment.authorUserId === viewer.userId)) return denyNotFound(request, viewer, { teamId: team.id, commentId });
    await setCommentResolved(actor, team.id, commentId, intent === 'resolve');
    return redirect(back);
  }
  await startFromPreviousGeneration(actor, team);
  return redirect(back);
}

export default function SheetPage() {
  const { team, links, can, viewerId, sheet, comments, open, labels, origin, previous, notice } = useLoaderData<typeof loader>();
  const openSections = sheetSections.filter(([key]) => open[key]);
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      {!sheet ? (
        <section className="card" aria-labelledby="start-heading">
          <h2 id="start-heading">まだシートがありません</h2>
          {can.write ? (
            <>
              {previous ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="handover" />
                  <p>
                    前の期（{formatFiscalYear(previous.fiscalYear)}チーム）の最終版（第{previous.version}版{previous.tag ? `・${previous.tag}` : ''}
                    ）を引き継いで始められます。 文章はそのまま写し、前の期の記録への根拠の紐付けは外します。
                  </p>
                  <button type="submit" className="button">
                    前の期の最終版から始める
                  </button>
                </Form>
              ) : null}
              <p>
                <Link to={`/teams/${team.id}/sheet/edit`}>白紙から作成する</Link>
              </p>
            </>
          ) : null}
        </section>
      ) : (
        <article className="sheet">
          <div className="sheet-status">
            <p>
              <strong>第{sheet.version}版</strong>
              {sheet.tag ? <span className="tag">{sheet.tag}</span> : null}
              <span className="muted">
                　{formatDateTime(sheet.savedAt)}
                {sheet.authorName ? `・${sheet.authorName}` : ''}
                {sheet.message ? `・「${sheet.message}」` : ''}
              </span>
            </p>
            <ul className="sheet-actions">
              {can.write ? (
                <li>
                  <Link className="button" to={`/teams/${team.id}/sheet/edit`}>
                    編集する
                  </Link>
                </li>
              ) : null}
              <li>
                <Link to={`/teams/${team.id}/sheet/history`}>版の履歴と比較</Link>
              </li>
              <li>
                <Link to={`/teams/${team.id}/sheet/print`}>印刷・PDF用の表示</Link>
              </li>
            </ul>
          </div>
          {origin ? (
            <p className="notice">
              このシートは{formatFiscalYear(origin.fiscalYear)}チームの
              {origin.readable ? <Link to={`/teams/${origin.teamId}/sheet`}>シート</Link> : 'シート'}
              の第{origin.version}版{origin.tag ? `（${origin.tag}）` : ''}を引き継いで作成されました。
            </p>
          ) : null}
          {openSections.length ? (
            <p className="open-summary">
              未解決のコメント：
              {openSections.map(([key, title], i) => (
                <span key={key}>
                  {i ? '、' : ''}
                  <a href={`#section-${key}`}>{title}</a> {counted(open[key] ?? 0, '件')}
                </span>
              ))}
            </p>
          ) : null}
          <SheetBody
            content={sheet.content}
            labels={labels}
            badge={(key) => <UnresolvedBadge count={open[key]} />}
            after={(key) => (
              <SheetComments
                section={key}
                title={sheetSections.find(([k]) => k === key)![1]}
                comments={comments.filter((c) => c.section === key)}
                viewerId={viewerId}
                canComment={can.comment}
                canResolveAll={can.write}
                currentVersion={sheet.version}
              />
            )}
          />
        </article>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
