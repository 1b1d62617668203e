import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { PGlite } from '@electric-sql/pglite';
import { getDb, getDbHandle, openDb } from '../../db/client';

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

  it('answers while a long transaction holds the database, before it ends', async () => {
    const events: string[] = [];
    const long = getDb().transaction(async (tx) => {
      for (let i = 0; i < 10; i++) await tx.execute(heavy);
      events.push('transaction ended');
    });
    const ping = getDbHandle()
      .ping(30_000)
      .then((ok) => {
        events.push('ping');
        return ok;
      });
    expect(await ping).toBe(true);
    await long;
    // A `select 1` of its own would have waited for the transaction's end on PGlite.
    expect(events).toEqual(['ping', 'transaction ended']);
  });

  it.skipIf(process.env.TEST_DB !== 'pglite')('lets the server read between the queries that waited for a transaction, on PGlite', async () => {
    // A query asked while a transaction holds PGlite would wait inside PGlite and run back to back with the
    // others at COMMIT, with no turn of the event loop between them: no request read, no health check.
    let turns = 0;
    let counting = true;
    const count = () => {
      turns++;
      if (counting) setImmediate(count);
    };
    const long = getDb().transaction(async (tx) => {
      for (let i = 0; i < 3; i++) await tx.execute(heavy);
    });
    const finishedAtTurn: number[] = [];
    const queries = Array.from({ length: 10 }, () =>
      getDb()
        .execute(heavy)
        .then(() => finishedAtTurn.push(turns)),
    );
    setImmediate(count);
    await long;
    await Promise.all(queries);
    counting = false;
    const mostInOneTurn = Math.max(...finishedAtTurn.map((turn) => finishedAtTurn.filter((other) => other === turn).length));
    expect(mostInOneTurn, finishedAtTurn.join(', ')).toBe(1);
  });

  it('asks the database itself when the queries in flight failed, well within its time', async () => {
    const failing = getDb()
      .execute(sql`select * from no_such_table`)
      .then(
        () => 'answered',
        () => 'failed',
      );
    // Waiting for an answer that never comes would say false after 5 s; the check asks at once.
    const started = performance.now();
    expect(await getDbHandle().ping(5_000)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2_500);
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

  it('says no at once, not at its time limit, when the database is closed', async () => {
    const handle =
      getDbHandle().kind === 'pglite' ? await openDb({ pglite: new PGlite() }) : await openDb({ databaseUrl: process.env.TEST_DATABASE_URL!, poolSize: 1 });
    expect(await handle.ping(30_000)).toBe(true);
    await handle.close();
    const started = performance.now();
    const answers = await Promise.all([handle.ping(30_000), handle.ping(30_000), handle.ping(30_000)]);
    expect(answers).toEqual([false, false, false]);
    expect(performance.now() - started, 'the pings waited for their time limit').toBeLessThan(10_000);
  });
});
