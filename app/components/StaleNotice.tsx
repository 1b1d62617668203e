import { useEffect, useRef } from 'react';
import { diffText } from '~/domain/sheet-diff';
import { formatDateTime } from '~/utils/dates';
import { DiffLegend, DiffPair } from './sheet/SheetDiffView';

export type StaleField = { label: string; latest: string; mine: string };
export type Stale = { savedAt: string; fields: StaleField[] };

/** The fields whose readable values differ: [label, value] pairs of the newer record and of the refused save. */
export function differingFields(latest: readonly (readonly [string, string])[], mine: readonly (readonly [string, string])[]): StaleField[] {
  return mine.flatMap(([label, value], i) => (value === latest[i]![1] ? [] : [{ label, latest: latest[i]![1], mine: value }]));
}

/**
 * After a save was refused because someone saved the record first (409): the person's own text is
 * still in the form below, based now on the newer version, and each field that differs is shown
 * beside the newer text, so they can merge by hand or simply save theirs again.
 */
export function StaleNotice({ stale }: { stale: Stale }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    // The form now rests on the newer version: keep that in this browser's draft at once.
    ref.current?.closest('form')?.dispatchEvent(new Event('input', { bubbles: true }));
  }, []);
  return (
    <div ref={ref} className="form-message" role="alert">
      <h2 className="conflict-title">ほかの人の保存と重なりました</h2>
      <p>
        {`あなたが編集している間に、ほかの人がこの記録を保存しました（${formatDateTime(stale.savedAt)}）。`}
        あなたの入力は消えていません。まだ保存されていないので、下の違いを見比べ、必要なら直してからもう一度保存してください。
      </p>
      {stale.fields.length ? (
        <>
          <DiffLegend left="ほかの人が保存した内容" right="あなたの入力" />
          {stale.fields.map((field) => (
            <div key={field.label} className="merge-compare merge-compare--both">
              <p className="merge-compare__status">{field.label}</p>
              <DiffPair diff={diffText(field.latest, field.mine)} left="ほかの人が保存した内容" right="あなたの入力" />
            </div>
          ))}
        </>
      ) : (
        <p>項目の内容はあなたの入力と同じです。そのまま保存できます。</p>
      )}
    </div>
  );
}
