import { sql, type SQL } from 'drizzle-orm';
import { integer, timestamp } from 'drizzle-orm/pg-core';

export const createdAt = () => timestamp('created_at', { withTimezone: true }).notNull().defaultNow();
export const updatedAt = () => timestamp('updated_at', { withTimezone: true }).notNull().defaultNow();
// Optimistic lock of an editable record: every save names the version it was based on, and the
// conditional UPDATE that moves it is the lock (app/models/record-version.server.ts).
export const version = () => integer('version').notNull().default(1);
// Soft delete: rows that carry data are archived, never destroyed, and can be restored.
export const archivedAt = () => timestamp('archived_at', { withTimezone: true });

/** `column in ('a', 'b', …)` for a CHECK constraint over a code list. */
export function oneOf(column: SQL | string, codes: readonly string[]): SQL {
  const list = codes.map((c) => `'${c.replace(/'/g, "''")}'`).join(', ');
  return sql.raw(`${typeof column === 'string' ? `"${column}"` : column} in (${list})`);
}
