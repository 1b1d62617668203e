import { useEffect, useRef } from 'react';
import { diffText } from '~/domain/sheet-diff';
import { formatDateTime } from '~/utils/dates';
import { writeFields } from '~/utils/drafts';
import { BaseVersionInput } from './BaseVersionInput';
import { DiffLegend, DiffPair } from './sheet/SheetDiffView';

export type StaleField = { label: string; latest: string; mine: string };
/** `takenIn`: the inputs (name, value) the person did not touch, to be shown with the newer version's value. */
export type Stale = { savedAt: string; fields: StaleField[]; takenIn: [string, string][] };

/**
 * After a save was refused because someone saved the record first (409): the form below rests on the
 * newer version, keeps what the person changed and shows the newer text in the fields they did not
 * touch (app/utils/stale-reply.server.ts); the fields both changed are shown side by side.
 */
export function StaleNotice({ stale }: { stale: Stale }) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    const form = ref.current?.closest('form');
    if (!form) return;
    // The fields the person did not touch take the newer text (their inputs keep what the page first
    // showed otherwise), and the form, now resting on the newer version, becomes the draft at once.
    writeFields(form, stale.takenIn, { onlyNamed: true });
    form.dispatchEvent(new Event('input', { bubbles: true }));
  }, [stale]);
  return (
    <div ref={ref} className="form-message" role="alert">
      <h2 className="conflict-title">ほかの人の保存と重なりました</h2>
      <p>
        {`あなたが編集している間に、ほかの人がこの記録を保存しました（${formatDateTime(stale.savedAt)}）。`}
        {'あなたの入力は消えていませんが、まだ保存されていません。あなたが変えていない項目には、ほかの人が保存した内容を入れました。'}
      </p>
      {stale.fields.length ? (
        <>
          <p>あなたが変えた項目を、ほかの人が保存した内容と並べます。見比べて、必要なら直してからもう一度保存してください。</p>
          <DiffLegend left="ほかの人が保存した内容" right="あなたの入力" />
          {stale.fields.map((field) => (
            <div key={field.label} className="merge-compare merge-compare--both">
              <p className="merge-compare__status">{field.label}</p>
              <DiffPair diff={diffText(field.latest, field.mine)} left="ほかの人が保存した内容" right="あなたの入力" />
            </div>
          ))}
        </>
      ) : (
        <p>あなたが変えた項目は、ほかの人が保存した内容と同じです。確かめてからもう一度保存してください。</p>
      )}
    </div>
  );
}

/** A versioned form's own parts, inside the form: after a refused save why it was refused, and the version it rests on. */
export function VersionParts({ version, stale }: { version: number; stale: Stale | null }) {
  return (
    <>
      {stale ? <StaleNotice stale={stale} /> : null}
      <BaseVersionInput version={version} />
    </>
  );
}
