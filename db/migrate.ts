import { fileURLToPath } from 'node:url';
import { sql } from 'drizzle-orm';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';

// db/ and build/ both sit one level below the project root, so this holds in source and bundle.
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/**
 * Applies the committed migrations in drizzle/; the same files run on both databases.
 *
 * On PostgreSQL several processes may start at once on one database (instances behind a load balancer, a
 * command run beside a starting server): each first takes a transaction-level advisory lock, so one applies
 * the migrations while the others wait and then find nothing left to apply. drizzle's migrator would
 * otherwise let both read "not applied" and run the same DDL twice. The lock is held by a transaction on one
 * connection while the migrator runs on another (the pool has at least two: env.server.ts); a transaction
 * lock, unlike a session lock, also holds behind PgBouncer's transaction pooling. PGlite has one process.
 */
export async function migrate(handle: DbHandle) {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
    return;
  }
  await handle.db.transaction(async (lock) => {
    await lock.execute(sql`select pg_advisory_xact_lock(hashtext('jinmane:migrate'))`);
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  });
}
