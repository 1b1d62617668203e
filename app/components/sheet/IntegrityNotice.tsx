import { useEffect, useRef } from 'react';
import { sheetSections } from '~/domain/sheet';
import { diffText } from '~/domain/sheet-diff';
import { sheetFields } from '~/domain/sheet-fields';
import type { IntegrityIssue } from '~/domain/sheet-integrity';
import { showSuspectCharacters } from '~/utils/suspect-text';
import { DiffLegend, DiffPair } from './SheetDiffView';

function labelOf(key: IntegrityIssue['key']) {
  const field = sheetFields.find((f) => f.key === key)!;
  const section = sheetSections.find(([s]) => s === field.section)![1];
  return field.label ? `${section}（${field.label}）` : section;
}

/** Why a save was held back: text that changed without being edited, or characters nobody types. */
export function IntegrityNotice({ issues }: { issues: IntegrityIssue[] }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The fields were put back: keep that as this browser's draft at once, not the text that arrived.
    ref.current?.closest('form')?.dispatchEvent(new Event('input', { bubbles: true }));
  }, []);
  const untouched = issues.filter((i) => i.kind === 'untouched');
  const suspect = issues.filter((i) => i.kind === 'suspect');
  return (
    <div ref={ref} className="integrity-notice">
      {untouched.length ? (
        <p>
          {`編集していない項目（${untouched.map((i) => `「${labelOf(i.key)}」`).join('')}）に、保存されている文章と違う文章が届きました。`}
          {'通信やブラウザーで文字が化けた可能性があるため、これらの項目は保存されている文章に戻しました。届いた文章は下に示します。'}
        </p>
      ) : null}
      {suspect.length ? (
        <p>
          {suspect.map((i) => `「${labelOf(i.key)}」`).join('')}
          に文字化け（〔�〕）か、目に見えない制御文字（〔U+000B〕など）が含まれています。下の欄で該当箇所を直してから保存してください。
        </p>
      ) : null}
      <p>ほかの項目のあなたの入力はそのまま残っています。</p>
      <DiffLegend left="保存されている文章" right="届いた文章" />
      {issues.map((issue) => (
        <div key={issue.key} className="merge-compare merge-compare--both" data-integrity={issue.key}>
          <p className="merge-compare__status">{labelOf(issue.key)}</p>
          <DiffPair diff={diffText(showSuspectCharacters(issue.stored), showSuspectCharacters(issue.received))} left="保存されている文章" right="届いた文章" />
        </div>
      ))}
    </div>
  );
}
