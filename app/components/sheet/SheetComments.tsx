import { Form, useActionData } from '@remix-run/react';
import type { SheetSectionKey } from '~/domain/sheet';
import { formatDateTime } from '~/utils/dates';
import { counted } from '~/utils/format';
import { DraftForm } from '../DraftForm';
import { FieldErrors } from '../form';
import { replyFor, type FormReply } from '~/utils/form-reply';

export type CommentRow = {
  id: number;
  section: SheetSectionKey;
  version: number;
  body: string;
  authorUserId: number;
  authorName: string;
  createdAt: Date | string;
  resolvedAt: Date | string | null;
};

type Props = {
  section: SheetSectionKey;
  title: string;
  comments: CommentRow[];
  viewerId: number;
  canComment: boolean;
  /** Team members and organizers resolve any comment; others only their own. */
  canResolveAll: boolean;
  currentVersion: number;
};

/** The name of a section's comment form in the action's answer (app/utils/form-reply.ts). */
export const commentForm = (section: string) => `comment:${section}`;

export function UnresolvedBadge({ count }: { count: number | undefined }) {
  if (!count) return null;
  return <span className="tag tag--open">未解決のコメント {counted(count, '件')}</span>;
}

/** A section's comments, open ones first, with resolve/reopen and a form for a new one. */
export function SheetComments({ section, title, comments, viewerId, canComment, canResolveAll, currentVersion }: Props) {
  const errors = replyFor(useActionData<FormReply<{ error: Record<string, string[]> }>>(), commentForm(section))?.error[''];
  const sorted = [...comments].sort((a, b) => Number(Boolean(a.resolvedAt)) - Number(Boolean(b.resolvedAt)));
  if (!canComment && comments.length === 0) return null;
  return (
    <div className="sheet-comments" aria-label={`「${title}」へのコメント`}>
      {sorted.length ? (
        <ul className="comment-list">
          {sorted.map((c) => (
            <li key={c.id} className={c.resolvedAt ? 'comment comment--resolved' : 'comment'}>
              <p className="comment__meta">
                <strong>{c.authorName}</strong>　{formatDateTime(c.createdAt)}　第{c.version}版へのコメント
                {c.version < currentVersion ? <span className="muted">（その後 第{currentVersion}版まで更新）</span> : null}
                {c.resolvedAt ? <span className="tag">解決済み</span> : <span className="tag tag--open">未解決</span>}
              </p>
              <p className="prewrap comment__body">{c.body}</p>
              {canResolveAll || c.authorUserId === viewerId ? (
                <Form method="post" className="inline-form">
                  <input type="hidden" name="intent" value={c.resolvedAt ? 'reopen' : 'resolve'} />
                  <input type="hidden" name="commentId" value={c.id} />
                  <button type="submit" className="link-button">
                    {c.resolvedAt ? '未解決に戻す' : '解決済みにする'}
                  </button>
                </Form>
              ) : null}
            </li>
          ))}
        </ul>
      ) : null}
      {canComment ? (
        <details className="comment-form" open={Boolean(errors)}>
          <summary>「{title}」にコメントする</summary>
          <DraftForm method="post" draftName={`comment-${section}`}>
            <input type="hidden" name="intent" value="comment" />
            <input type="hidden" name="section" value={section} />
            <div className="field">
              <label htmlFor={`comment-${section}`}>コメント（第{currentVersion}版へのコメントとして記録されます）</label>
              <textarea id={`comment-${section}`} name="body" rows={4} required aria-invalid={errors ? true : undefined} />
              <FieldErrors id={`comment-${section}-error`} errors={errors} />
            </div>
            <button type="submit" className="button">
              コメントを投稿
            </button>
          </DraftForm>
        </details>
      ) : null}
    </div>
  );
}
