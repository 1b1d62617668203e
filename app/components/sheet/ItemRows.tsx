import { useLocation, useRouteLoaderData } from '@remix-run/react';
import { useEffect, useRef, useState } from 'react';
import type { SheetItem } from '~/domain/sheet';
import { evidenceValue } from '~/domain/sheet-fields';
import type { loader as rootLoader } from '~/root';
import { draftKey, loadDraft, writeFields } from '~/utils/drafts';
import { EraDate } from '../EraDate';

export type Choice = { value: string; on: string; label: string };
export type Choices = { interviews: Choice[]; activities: Choice[]; surveys: Choice[] };

/**
 * A saved draft may hold more rows than the page rendered (rows added before a reload). Whenever
 * DraftForm restores a draft (on mount, and for another draft key), add the rows it needs, then write
 * the draft's values into them once they are on the page: DraftForm wrote the draft before they were.
 */
export function useRowCount(name: string, initial: number, draftName: string | null) {
  const [count, setCount] = useState(initial);
  const [restored, setRestored] = useState<[string, string][] | null>(null);
  const userId = useRouteLoaderData<typeof rootLoader>('root')?.viewer?.id;
  const { pathname } = useLocation();
  const key = userId && draftName ? draftKey(userId, pathname, draftName) : null;
  const anchor = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!key) return;
    const prefix = `${name}[`;
    const rows = (loadDraft(key)?.fields ?? []).filter(([field]) => field.startsWith(prefix));
    if (!rows.length) return;
    const needed = Math.max(...rows.map(([field]) => Number(field.slice(prefix.length).split(']')[0]) + 1));
    setCount((c) => Math.max(c, needed));
    setRestored(rows);
  }, [key, name]);
  useEffect(() => {
    const form = anchor.current?.closest('form');
    if (!restored || !form) return;
    // Only this list's inputs: the rest of the form holds what DraftForm restored, or what was typed since.
    writeFields(form, restored, { onlyNamed: true });
    setRestored(null);
  }, [restored]);
  return { count, add: () => setCount((c) => c + 1), anchor };
}

function EvidencePicker({ name, chosen, choices }: { name: string; chosen: Set<string>; choices: Choices }) {
  const known = new Set([...choices.interviews, ...choices.activities, ...choices.surveys].map((c) => c.value));
  // Cited records this writer cannot see stay cited unless they untick them.
  const other = [...chosen].filter((v) => !known.has(v));
  if (known.size + other.length === 0) return null;
  const group = (title: string, list: Choice[]) =>
    list.length ? (
      <fieldset>
        <legend>{title}</legend>
        {list.map((c) => (
          <label key={c.value} className="choice">
            <input type="checkbox" name={name} value={c.value} defaultChecked={chosen.has(c.value)} />
            <span>
              <EraDate iso={c.on} western={false} />　{c.label}
            </span>
          </label>
        ))}
      </fieldset>
    ) : null;
  return (
    <details className="evidence-picker" open={chosen.size > 0}>
      <summary>根拠にする記録を選ぶ{chosen.size ? `（${chosen.size}件選択中）` : ''}</summary>
      <div className="evidence-picker__list">
        {group('インタビュー', choices.interviews)}
        {group('アンケート', choices.surveys)}
        {group('活動記録', choices.activities)}
        {other.length ? (
          <fieldset>
            <legend>そのほかの記録（閲覧できない記録）</legend>
            {other.map((v) => (
              <label key={v} className="choice">
                <input type="checkbox" name={name} value={v} defaultChecked /> 閲覧できない記録
              </label>
            ))}
          </fieldset>
        ) : null}
      </div>
    </details>
  );
}

type Props = { name: string; label: string; items: SheetItem[]; choices: Choices; draftName: string | null };

/** One row per item (text, and the records it cites); blank rows are ignored on save. */
export function ItemRows({ name, label, items, choices, draftName }: Props) {
  const { count, add, anchor } = useRowCount(name, Math.max(items.length + 1, 2), draftName);
  return (
    <div ref={anchor} className="item-rows">
      <ol>
        {Array.from({ length: count }, (_, i) => {
          const item = items[i];
          const id = `${name}-${i}`;
          return (
            <li key={i} className="item-row">
              <label htmlFor={id}>
                {label} {i + 1}
              </label>
              <textarea id={id} name={`${name}[${i}].text`} rows={2} defaultValue={item?.text ?? ''} />
              <EvidencePicker name={`${name}[${i}].evidence`} chosen={new Set(item?.evidence.map(evidenceValue))} choices={choices} />
            </li>
          );
        })}
      </ol>
      <button type="button" className="button button--secondary" onClick={add}>
        {label}の項目を追加
      </button>
    </div>
  );
}
