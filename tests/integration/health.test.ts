import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '../../db/client';

// The health check (/healthz) asks whether the database answers. On PGlite every query waits its turn in
// the app's own thread, so a `select 1` asked behind a burst of pages' queries waited for all of them:
// 50 organizer dashboards at once kept /healthz over a second (tests/e2e/flood.test.ts). While queries are
// in flight, the next one answered is the answer (db/client.ts, pgliteInTurns).

const heavy = sql`select count(*) from generate_series(1, 100000)`;

describe('the health check', () => {
  it('answers while thirty queries wait in line, and on PGlite as soon as the first of them is answered', async () => {
    const answered: string[] = [];
    const queries = Array.from({ length: 30 }, (_, i) =>
      getDb()
        .execute(heavy)
        .then(() => answered.push(`query ${i + 1}`)),
    );
    const ping = getDbHandle()
      .ping(30_000)
      .then((ok) => {
        answered.push('ping');
        return ok;
      });
    expect(await ping).toBe(true);
    await Promise.all(queries);
    // PostgreSQL answers on connections of its pool side by side; PGlite one query after another.
    if (getDbHandle().kind === 'pglite') expect(answered.indexOf('ping'), answered.join(', ')).toBeLessThan(3);
  });

  it('asks the database itself when the queries in flight failed', async () => {
    const failing = getDb()
      .execute(sql`select * from no_such_table`)
      .then(
        () => 'answered',
        () => 'failed',
      );
    expect(await getDbHandle().ping(30_000)).toBe(true);
    expect(await failing).toBe('failed');
  });

  it('answers after a transaction as after a query', async () => {
    const inTransaction = getDb().transaction(async (tx) => {
      await tx.execute(heavy);
      await tx.execute(heavy);
    });
    expect(await getDbHandle().ping(30_000)).toBe(true);
    await inTransaction;
  });
});
