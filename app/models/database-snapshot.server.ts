import { sql } from 'drizzle-orm';
import { selectRows } from '../../db/client';

/**
 * The database's MVCC snapshot (`pg_current_snapshot()`, e.g. "7421:7425:7422"). It changes as
 * soon as any transaction anywhere is given an id or commits, so two reads that see the same text
 * see exactly the same committed data, whichever process or script wrote last.
 */
export async function databaseSnapshot(): Promise<string> {
  const [row] = await selectRows<{ snapshot: string }>(sql`select pg_current_snapshot()::text as snapshot`);
  return row!.snapshot;
}
