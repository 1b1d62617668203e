import { Form } from '@remix-run/react';

type Session = { id: number; label: string; suggestedTag: string };
type Props = { version: number; tag: string; sessionId: number | null; sessions: Session[] };

/** Marks a version as what was submitted for a session; an empty tag and no session clear it. */
export function VersionTagForm({ version, tag, sessionId, sessions }: Props) {
  return (
    <details className="tag-form">
      <summary>{tag ? 'タグを変更' : '提出版としてタグを付ける'}</summary>
      <Form method="post">
        <input type="hidden" name="intent" value="tag" />
        <input type="hidden" name="version" value={version} />
        <div className="field">
          <label htmlFor={`session-${version}`}>提出した研究会</label>
          <select id={`session-${version}`} name="sessionId" defaultValue={sessionId ?? ''}>
            <option value="">選ばない</option>
            {sessions.map((s) => (
              <option key={s.id} value={s.id}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={`tag-${version}`}>タグ</label>
          <p className="hint" id={`tag-${version}-hint`}>
            空欄で研究会を選ぶと「第4回提出版」のように付きます。
          </p>
          <input id={`tag-${version}`} name="tag" type="text" maxLength={40} defaultValue={tag} aria-describedby={`tag-${version}-hint`} />
        </div>
        <button type="submit" className="button button--secondary">
          タグを保存
        </button>
      </Form>
    </details>
  );
}
