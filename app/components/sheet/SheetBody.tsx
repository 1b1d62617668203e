import { Link } from '~/components/Link';
import type { ReactNode } from 'react';
import { sheetSections, type SheetContent, type SheetItem, type SheetSectionKey } from '~/domain/sheet';
import { evidenceValue, fieldsOf, getItems, getText } from '~/domain/sheet-fields';

export type EvidenceLabels = Record<string, { label: string; href: string | null }>;

function Evidence({ item, labels }: { item: SheetItem; labels: EvidenceLabels }) {
  if (item.evidence.length === 0) return null;
  return (
    <ul className="evidence" aria-label="根拠">
      {item.evidence.map((e) => {
        const label = labels[evidenceValue(e)];
        if (!label) return <li key={evidenceValue(e)}>削除された記録</li>;
        return <li key={evidenceValue(e)}>{label.href ? <Link to={label.href}>{label.label}</Link> : label.label}</li>;
      })}
    </ul>
  );
}

function Items({ items, labels }: { items: SheetItem[]; labels: EvidenceLabels }) {
  if (items.length === 0) return <p className="muted">（未記入）</p>;
  return (
    <ul className="sheet-items">
      {items.map((item, i) => (
        <li key={i}>
          <span className="prewrap">{item.text}</span>
          <Evidence item={item} labels={labels} />
        </li>
      ))}
    </ul>
  );
}

type Props = {
  content: SheetContent;
  labels: EvidenceLabels;
  /** Shown after a section's heading (e.g. its count of unresolved comments). */
  badge?: (section: SheetSectionKey) => ReactNode;
  /** Shown at the end of a section (e.g. its comments). */
  after?: (section: SheetSectionKey) => ReactNode;
};

/** The sheet's sections in their fixed order, text as text, each list item with its evidence. */
export function SheetBody({ content, labels, badge, after }: Props) {
  return (
    <>
      {sheetSections.map(([key, title]) => (
        <section key={key} className="sheet-section" aria-labelledby={`section-${key}`}>
          <h2 id={`section-${key}`}>
            {title}
            {badge?.(key)}
          </h2>
          {fieldsOf(key).map((field) => (
            <div key={field.key} className="sheet-field">
              {field.label ? <h3>{field.label}</h3> : null}
              {field.kind === 'list' ? (
                <Items items={getItems(content, field.key)} labels={labels} />
              ) : getText(content, field.key) ? (
                <p className="prewrap">{getText(content, field.key)}</p>
              ) : (
                <p className="muted">（未記入）</p>
              )}
            </div>
          ))}
          {after?.(key)}
        </section>
      ))}
    </>
  );
}
