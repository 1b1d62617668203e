import type { Notice } from '~/utils/notice.server';

/** What the save that led to this page did (app/utils/notice.server.ts), said once. */
export function SavedNotice({ notice }: { notice: Notice | null }) {
  return notice ? (
    <p className="notice notice--success" role="status">
      {notice.text}
    </p>
  ) : null;
}
