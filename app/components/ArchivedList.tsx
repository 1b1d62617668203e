import type { ReactNode } from 'react';
import { RestoreButton } from './RestoreButton';

type Props<T> = {
  /** The heading's id (the section is labelled by it). */
  id: string;
  heading: ReactNode;
  intro?: ReactNode;
  items: readonly T[];
  /** The form field that carries the record's id to the action (`intent=restore`). */
  name: string;
  valueOf: (item: T) => string | number;
  label: (item: T) => ReactNode;
  /** Anything shown under a record's line, such as why restoring it may be refused. */
  after?: (item: T) => ReactNode;
};

/** The list at the foot of a page of what was archived there, each with its 元に戻す button; nothing when empty. */
export function ArchivedList<T>({ id, heading, intro, items, name, valueOf, label, after }: Props<T>) {
  if (items.length === 0) return null;
  return (
    <section aria-labelledby={id}>
      <h2 id={id}>{heading}</h2>
      {intro}
      <ul className="plain-list">
        {items.map((item) => {
          const value = valueOf(item);
          return (
            <li key={value}>
              {label(item)}
              <RestoreButton name={name} value={value} />
              {after?.(item)}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
