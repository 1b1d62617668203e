import { and, eq, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgTable } from 'drizzle-orm/pg-core';
import type { Db } from '../../db/client';
import { now } from '~/utils/clock';

// One version check for every editable record, as the sheet has (docs/decisions/0010): a save names
// the version its form was based on, and the conditional UPDATE that moves the counter is the lock.
// On a stale base it changes nothing, so no one's text is overwritten; the caller answers 409 with
// the person's own text kept beside the newer one. Run it first in the save's transaction.

type Versioned = PgTable & { version: AnyPgColumn; updatedAt: AnyPgColumn };

export type Bump = { kind: 'bumped'; version: number } | { kind: 'stale'; version: number } | { kind: 'missing' };

/** Moves `table`'s row matched by `scope` from `baseVersion` to the next one, or says why it cannot. */
export async function bumpVersion(tx: Db, table: Versioned, scope: SQL | undefined, baseVersion: number): Promise<Bump> {
  const [row] = await tx
    .update(table)
    .set({ version: sql`${table.version} + 1`, updatedAt: now() } as never)
    .where(and(scope, eq(table.version, baseVersion)))
    .returning({ version: table.version });
  if (row) return { kind: 'bumped', version: Number(row.version) };
  const [current] = await tx.select({ version: table.version }).from(table).where(scope);
  return current ? { kind: 'stale', version: Number(current.version) } : { kind: 'missing' };
}
