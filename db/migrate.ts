import { fileURLToPath } from 'node:url';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePostgres } from 'drizzle-orm/postgres-js/migrator';
import type { PostgresJsDatabase } from 'drizzle-orm/postgres-js';
import type { DbHandle } from './client';

// db/ and build/ both sit one level below the project root, so this holds in source and bundle.
export const migrationsFolder = fileURLToPath(new URL('../drizzle', import.meta.url));

/** Applies the committed migrations in drizzle/; the same files run on both databases. */
export async function migrate(handle: DbHandle) {
  if (handle.kind === 'pglite') {
    await migratePglite(handle.db as unknown as PgliteDatabase, { migrationsFolder });
  } else {
    await migratePostgres(handle.db as unknown as PostgresJsDatabase, { migrationsFolder });
  }
}
