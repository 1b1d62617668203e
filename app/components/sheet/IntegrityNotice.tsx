import { sheetSections } from '~/domain/sheet';
import { diffText } from '~/domain/sheet-diff';
import { sheetFields } from '~/domain/sheet-fields';
import type { IntegrityIssue } from '~/domain/sheet-integrity';
import { DiffLegend, Segments } from './SheetDiffView';

function labelOf(key: IntegrityIssue['key']) {
  const field = sheetFields.find((f) => f.key === key)!;
  const section = sheetSections.find(([s]) => s === field.section)![1];
  return field.label ? `${section}（${field.label}）` : section;
}

/** Why a save was held back: text that changed without being edited, or characters nobody types. */
export function IntegrityNotice({ issues }: { issues: IntegrityIssue[] }) {
  const untouched = issues.filter((i) => i.kind === 'untouched');
  const suspect = issues.filter((i) => i.kind === 'suspect');
  return (
    <div className="integrity-notice">
      {untouched.length ? (
        <p>
          {`編集していない項目（${untouched.map((i) => `「${labelOf(i.key)}」`).join('')}）に、保存されている文章と違う文章が届きました。`}
          {'通信やブラウザーで文字が化けた可能性があるため、これらの項目は保存されている文章に戻しました。届いた文章は下に示します。'}
        </p>
      ) : null}
      {suspect.length ? (
        <p>
          {suspect.map((i) => `「${labelOf(i.key)}」`).join('')}に文字化け（�）か制御文字が含まれています。下の欄で直してから保存してください。
        </p>
      ) : null}
      <p>ほかの項目のあなたの入力はそのまま残っています。</p>
      <DiffLegend left="保存されている文章" right="届いた文章" />
      {issues.map((issue) => {
        const diff = diffText(issue.stored, issue.received);
        return (
          <div key={issue.key} className="merge-compare merge-compare--both" data-integrity={issue.key}>
            <p className="merge-compare__status">{labelOf(issue.key)}</p>
            <div className="diff-pair">
              <div>
                <p className="diff-pair__head">保存されている文章</p>
                <p className="prewrap"><Segments segments={diff.left} /></p>
              </div>
              <div>
                <p className="diff-pair__head">届いた文章</p>
                <p className="prewrap"><Segments segments={diff.right} /></p>
              </div>
            </div>
          </div>
        );
      })}
    </div>
  );
}
