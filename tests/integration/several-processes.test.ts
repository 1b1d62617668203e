import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDbHandle, openDb, selectRows, type DbHandle } from '../../db/client';
import { migrate, migrationsFolder } from '../../db/migrate';
import { throwawayPostgres } from '../setup/postgres-urls';

// Several processes on one PostgreSQL database (docs/decisions/0024). Starting at once on an empty database
// (instances behind a load balancer, `npm run db:migrate` beside a starting server), they apply the
// migrations exactly once (db/migrate.ts); PGlite allows one process on its folder (db/lock.ts), so there
// the question is only a second run. And a connection pooler in transaction mode without prepared-statement
// support (PgBouncer before 1.21) may hand each query another server connection: with DATABASE_PREPARE=off
// the app leaves no named prepared statement on any (by default it prepares them, decision 0027).

const journal = JSON.parse(fs.readFileSync(path.join(migrationsFolder, 'meta', '_journal.json'), 'utf8')) as { entries: unknown[] };
const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

async function appliedHashes(db: DbHandle['db']) {
  return selectRows<{ hash: string; n: number }>(sql`select hash, count(*)::int as n from drizzle.__drizzle_migrations group by hash`, db);
}

describe('migrations applied by several processes at once', () => {
  it.runIf(process.env.TEST_DB === 'postgres')('on PostgreSQL: four connection pools migrate one empty database together, each migration once', async () => {
    const url = process.env.TEST_DATABASE_URL!;
    const database = await throwawayPostgres(url, `jinmane_migrate_race_${process.pid}`);
    cleanups.push(database.drop);
    const handles = await Promise.all([1, 2, 3, 4].map(() => openDb({ databaseUrl: database.url, poolSize: 2 })));
    cleanups.push(async () => {
      await Promise.all(handles.map((handle) => handle.close()));
    });

    await Promise.all(handles.map((handle) => migrate(handle)));

    const applied = await appliedHashes(handles[0]!.db);
    expect(applied).toHaveLength(journal.entries.length);
    expect(applied.filter((row) => row.n !== 1)).toEqual([]);
    // And the schema is whole: the last migration's table answers.
    await expect(selectRows(sql`select count(*) from paper_drafts`, handles[0]!.db)).resolves.toHaveLength(1);
  });

  it('a second run on a migrated database applies nothing', async () => {
    const handle = getDbHandle();
    const before = await appliedHashes(handle.db);
    await migrate(handle);
    expect(await appliedHashes(handle.db)).toEqual(before);
    expect(before).toHaveLength(journal.entries.length);
  });
});

describe.runIf(process.env.TEST_DB === 'postgres')('behind a pooler in transaction mode (PgBouncer)', () => {
  it('with DATABASE_PREPARE=off, leaves no named prepared statement on its connections, the health check included', async () => {
    const handle = await openDb({ databaseUrl: process.env.TEST_DATABASE_URL!, poolSize: 2, applicationName: 'jinmane-tracker pooling test', prepare: false });
    try {
      for (let i = 0; i < 3; i++) {
        expect(await handle.ping()).toBe(true);
        await selectRows(sql`select ${`nobody${i}@example.jp`}::text as email`, handle.db);
      }
      // Two at once take both connections of the pool; each counts the statements prepared on its own.
      const onEach = () => selectRows<{ n: number }>(sql`select count(*)::int as n, pg_sleep(0.2)::text as slept from pg_prepared_statements`, handle.db);
      const counts = await Promise.all([onEach(), onEach()]);
      expect(counts.map((rows) => rows[0]!.n)).toEqual([0, 0]);
      const names = await selectRows<{ n: number }>(
        sql`select count(*)::int as n from pg_stat_activity where application_name = 'jinmane-tracker pooling test'`,
        handle.db,
      );
      expect(names[0]!.n).toBe(2);
    } finally {
      await handle.close();
    }
  });
});
