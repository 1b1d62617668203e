import { getDbHandle, type Db, type DbHandle } from '../../db/client';
import { appliedMigration } from '../../db/backup/catalog';
import { appMigrations } from '../../db/backup/migrations';
import { occupiedTables } from '../../db/backup/restore';

/** Migrations to apply on a database that holds rows (an empty or new one has nothing to lose). */
export async function hasPendingMigrations(handle: DbHandle): Promise<boolean> {
  const db: Db = handle.db;
  const applied = await appliedMigration(db);
  if (!applied) return false;
  const steps = appMigrations();
  if (applied.createdAt >= steps[steps.length - 1]!.createdAt) return false;
  return (await occupiedTables(db)).length > 0;
}

/** Which database the server runs on (the schedule's default depends on it). */
export function getDbHandleKind(): DbHandle['kind'] {
  return getDbHandle().kind;
}
