import { openDb, setDb, type DbHandle } from '../../db/client';
import { migrate } from '../../db/migrate';
import { backupNow } from '~/models/backups.server';
import { hasPendingMigrations } from '~/models/backup-checks.server';
import { setClock } from './clock';
import { getEnv, type Env } from './env.server';
import { assertRendererKeepsText } from './stream-integrity.server';

/**
 * Start-up of a server process: check settings and the renderer, open the database, apply migrations.
 * The workers of server-cluster.mjs pass `migrate: false`: their primary migrated before starting them.
 */
export async function boot({ migrate: migrateHere = true } = {}): Promise<{ env: Env; db: DbHandle }> {
  const env = getEnv();
  if (env.CLOCK_START) setClock(env.CLOCK_START, { running: true });
  await assertRendererKeepsText();
  const db = await openDb(
    env.DATABASE_URL
      ? {
          databaseUrl: env.DATABASE_URL,
          poolSize: env.DATABASE_POOL_SIZE,
          prepare: env.DATABASE_PREPARE === 'on',
          applicationName: env.WORKER_INDEX === undefined ? 'jinmane-tracker' : `jinmane-tracker worker ${env.WORKER_INDEX}`,
        }
      : { pgliteDir: env.PGLITE_DIR },
  );
  try {
    if (env.MIGRATE_ON_START && migrateHere) {
      // PGlite holds its only copy here: a migration that goes wrong must have a backup to go back to.
      if (db.kind === 'pglite' && (await hasPendingMigrations(db))) {
        const made = await backupNow('migration', null, db, env);
        if (!made.ok)
          throw new Error(`マイグレーションの前のバックアップに失敗したため、マイグレーションしません (backup before migrating failed): ${made.message}`);
        console.log(`マイグレーションの前にバックアップしました (backed up before migrating): ${made.result.file}`);
      }
      await migrate(db);
    }
  } catch (error) {
    await db.close();
    throw error;
  }
  setDb(db);
  return { env, db };
}
