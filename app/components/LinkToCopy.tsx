import { useState } from 'react';

/** A one-time link shown for the organizer to copy and send. */
export function LinkToCopy({ url }: { url: string }) {
  const [copied, setCopied] = useState(false);
  return (
    <div className="copy-box">
      <input readOnly value={url} aria-label="リンク" onFocus={(e) => e.currentTarget.select()} />
      <button type="button" className="button button--secondary" onClick={() => navigator.clipboard?.writeText(url).then(() => setCopied(true))}>
        {copied ? 'コピーしました' : 'コピー'}
      </button>
    </div>
  );
}
