import { useEffect, useRef } from 'react';
import type { SheetContent } from '~/domain/sheet';
import { diffText } from '~/domain/sheet-diff';
import { getText, sameField, sheetFields, type SheetField, type SheetFieldKey } from '~/domain/sheet-fields';
import { formatDateTime } from '~/utils/dates';
import type { Choices } from './ItemRows';
import { SheetFields } from './SheetFields';
import { DiffLegend, DiffPair } from './SheetDiffView';

export type Conflict = {
  baseVersion: number;
  latest: { version: number; authorName: string | null; savedAt: string; message: string };
  mine: SheetContent;
  theirs: SheetContent;
  merged: SheetContent;
  conflicts: SheetFieldKey[];
  theirsOnly: SheetFieldKey[];
};

/**
 * After a save was refused as stale: the newer text and the person's own, side by side per
 * field, above an editor that starts from the merge (their text where both changed a field).
 */
export function ConflictView({ conflict, choices }: { conflict: Conflict; choices: Choices }) {
  const ref = useRef<HTMLDivElement>(null);
  const { latest, mine, theirs } = conflict;
  useEffect(() => {
    // Keep the merge as this browser's draft at once, not only after the next keystroke.
    ref.current?.closest('form')?.dispatchEvent(new Event('input', { bubbles: true }));
  }, []);
  const theirsLabel = `最新版（第${latest.version}版）`;
  const above = (field: SheetField) => {
    if (sameField(mine, theirs, field.key)) return null;
    const diff = diffText(getText(theirs, field.key), getText(mine, field.key));
    const both = conflict.conflicts.includes(field.key);
    return (
      <div className={both ? 'merge-compare merge-compare--both' : 'merge-compare'}>
        <p className="merge-compare__status">
          {both
            ? '⚠ 両方で変更されています。下の欄はあなたの入力から始まります。最新版の内容も見て、まとめてください。'
            : conflict.theirsOnly.includes(field.key)
              ? 'あなたはこの項目を変更していないため、最新版の内容を下の欄に入れました。'
              : '最新版ではこの項目は変更されていないため、あなたの入力を下の欄に入れました。'}
        </p>
        <DiffPair diff={diff} left={theirsLabel} right="あなたの入力" />
      </div>
    );
  };
  return (
    <div ref={ref}>
      <div className="form-message" role="alert">
        <h2 className="conflict-title">ほかの人の保存と重なりました</h2>
        <p>
          あなたが第{conflict.baseVersion}版をもとに編集している間に、
          {latest.authorName ? `${latest.authorName}さんが` : ''}第{latest.version}版を保存しました（{formatDateTime(latest.savedAt)}
          {latest.message ? `・「${latest.message}」` : ''}）。
          あなたの入力は消えていません。まだ保存されていないので、項目ごとに見比べ、まとめた内容で保存してください。
        </p>
        <p>
          最新版と違う項目：{sheetFields.filter((f) => !sameField(mine, theirs, f.key)).length}件（うち両方で変更：{conflict.conflicts.length}件）
        </p>
      </div>
      <DiffLegend left={theirsLabel} right="あなたの入力" />
      <SheetFields key={`merge-${latest.version}`} content={conflict.merged} choices={choices} draftName={null} above={above} />
    </div>
  );
}
