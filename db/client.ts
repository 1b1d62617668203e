import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { getTableName, sql, type SQL } from 'drizzle-orm';
import type { AnyPgColumn, PgDatabase, PgQueryResultHKT } from 'drizzle-orm/pg-core';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import { drizzle as drizzlePostgres } from 'drizzle-orm/postgres-js';
import postgres from 'postgres';
import { acquireDirLock } from './lock';
import { preparedStatements } from './pglite-prepared';
import { queryCounter } from './query-counter';
import * as schema from './schema';

export type Schema = typeof schema;
export type Db = PgDatabase<PgQueryResultHKT, Schema>;
export type DbKind = 'pglite' | 'postgres';

export type DbHandle = {
  db: Db;
  kind: DbKind;
  /** Answers within `timeoutMs` whether the database answers a query. */
  ping(timeoutMs?: number): Promise<boolean>;
  close(): Promise<void>;
};

/**
 * `poolSize`: connections this process keeps (DATABASE_POOL_SIZE); `applicationName`: how it shows in
 * pg_stat_activity; `prepare`: queries prepared once per connection (DATABASE_PREPARE; off behind a pooler
 * that cannot keep them).
 */
export type PostgresConfig = { databaseUrl: string; poolSize?: number; applicationName?: string; prepare?: boolean };
export type DbConfig = PostgresConfig | { pgliteDir: string } | { pglite: PGlite };

/** Every extension the migrations use; PGlite must load them at every open. */
export const pgliteExtensions = { pg_trgm };

export async function openDb(config: DbConfig): Promise<DbHandle> {
  if ('databaseUrl' in config) return openPostgres(config);
  if ('pglite' in config) return wrapPglite(config.pglite, () => {});
  const dir = path.resolve(config.pgliteDir);
  try {
    fs.mkdirSync(dir, { recursive: true });
    fs.accessSync(dir, fs.constants.W_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? String(error);
    throw new Error(`PGLITE_DIR に書き込めません (cannot write PGLITE_DIR): ${dir} [${code}]`);
  }
  const release = acquireDirLock(dir);
  try {
    const client = await PGlite.create(dir, { extensions: pgliteExtensions });
    return await wrapPglite(client, release);
  } catch (error) {
    release();
    throw error;
  }
}

async function wrapPglite(client: PGlite, release: () => void): Promise<DbHandle> {
  // Planned once, as on the PostgreSQL server's connections: a kept statement's generic plan, not one per run.
  await client.exec('set plan_cache_mode = force_generic_plan');
  const watched = pgliteInTurns(client);
  // drizzle is given the watched client in its config form (a plain object is read as a config).
  const db = drizzlePglite({ client: watched.client as unknown as PGlite, schema, logger: queryCounter }) as unknown as Db;
  return {
    db,
    kind: 'pglite',
    ping: (timeoutMs) => watched.answersWithin(timeoutMs),
    async close() {
      try {
        if (!client.closed) await client.close();
      } finally {
        release();
      }
    },
  };
}

type PgliteQueries = Pick<PGlite, 'query' | 'transaction'>;

/**
 * PGlite answers one query at a time, in the app's own thread (docs/decisions/0016, "PGlite: one query per
 * turn"): its queries take turns with the server's reading of requests, and the health check does not
 * queue behind them. While queries are in flight, the next one answered shows that the database answers;
 * an idle database is asked `select 1`, and so is one whose queries in flight all failed (a failure proves
 * nothing).
 */
function pgliteInTurns(target: PGlite) {
  const prepared = preparedStatements(target);
  let inFlight = 0;
  let asking = false;
  const waiting = new Set<(answers: boolean) => void>();
  const tell = (answers: boolean) => {
    for (const done of [...waiting]) done(answers);
  };
  // Not watched itself, and one at a time: a select 1 that fails is the answer "no", not asked again.
  const ask = () => {
    if (asking) return;
    asking = true;
    target
      .query('select 1')
      .then(
        () => tell(true),
        () => tell(false),
      )
      .finally(() => (asking = false));
  };
  function watch<T>(query: () => Promise<T>): Promise<T> {
    inFlight++;
    return query().then(
      (result) => {
        inFlight--;
        tell(true);
        return result;
      },
      (error: unknown) => {
        inFlight--;
        if (inFlight === 0 && waiting.size > 0) ask();
        throw error;
      },
    );
  }
  // One start per turn of the event loop: PGlite runs a query in this thread, and the next one in line at
  // once, so four pages' queries back to back kept a request that had just come in (a health check, a
  // sign-in) from being read for a second. Between turns the server reads what has come in. A start does
  // not wait for the previous query's end, except a transaction's: queries started while it holds PGlite
  // would only wait for it, and then run back to back at its COMMIT.
  const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
  let lane: Promise<unknown> = Promise.resolve();
  function inLane<T>(run: () => Promise<T>, { holds }: { holds: boolean }): Promise<T> {
    const started = lane.then(nextTurn);
    const result = started.then(run);
    lane = holds ? result.catch(() => {}) : started;
    return watch(() => result);
  }
  // A transaction's own queries take turns too, outside the lane it holds.
  const inTransaction =
    (tx: Pick<PGlite, 'query'>): PGlite['query'] =>
    <T>(...args: Parameters<PGlite['query']>) =>
      watch(async () => {
        await nextTurn();
        return prepared.query<T>(tx, true, ...args);
      });
  return {
    /** The client for drizzle: every query and transaction it runs waits for its turn and is watched. */
    client: {
      query: <T>(...args: Parameters<PGlite['query']>) => inLane(() => prepared.query<T>(target, false, ...args), { holds: false }),
      transaction: (work) =>
        inLane(() => target.transaction((tx) => work(Object.assign(Object.create(tx) as typeof tx, { query: inTransaction(tx) }))), { holds: true }),
    } satisfies PgliteQueries,
    /** True when the database answers within `timeoutMs`. */
    answersWithin(timeoutMs = 2_000): Promise<boolean> {
      return new Promise((resolve) => {
        const done = (answers: boolean) => {
          clearTimeout(timer);
          waiting.delete(done);
          resolve(answers);
        };
        const timer = setTimeout(() => done(false), timeoutMs);
        timer.unref();
        waiting.add(done);
        if (inFlight === 0) ask();
      });
    },
  };
}

function openPostgres({
  databaseUrl,
  poolSize = 10,
  applicationName = 'jinmane-tracker',
  prepare = process.env.DATABASE_PREPARE !== 'off',
}: PostgresConfig): DbHandle {
  const client = postgres(databaseUrl, {
    max: poolSize,
    // A prepared statement is planned once per connection, not at every execution: PostgreSQL's default
    // re-plans each one for its parameters (~0.3 ms a query, as much as the query itself), which on the
    // team dashboard's 19 queries was half the server's CPU for the page (docs/decisions/0027). The app's
    // queries look rows up by key and date, where the generic plan is the custom one.
    connection: { application_name: applicationName, ...(prepare ? { plan_cache_mode: 'force_generic_plan' } : {}) },
    // With DATABASE_PREPARE=off, no named prepared statement at all (postgres.js's own tagged queries, the health
    // check's `select 1`, would prepare one): a pooler in transaction mode without prepared-statement support
    // (PgBouncer before 1.21, or max_prepared_statements = 0) may hand the next query another server connection.
    prepare,
    connect_timeout: 3, // a server that is down must not hang a request for long
    idle_timeout: 30,
    onnotice: () => {},
  });
  return {
    db: drizzlePostgres(prepare ? preparing(client) : client, { schema, logger: queryCounter }) as unknown as Db,
    kind: 'postgres',
    ping: (timeoutMs) =>
      withTimeout(
        client`select 1`.then(() => true),
        timeoutMs,
      ),
    close: () => client.end({ timeout: 5 }),
  };
}

/**
 * drizzle asks postgres.js to prepare only the queries it was given a name for, and postgres.js sends
 * every unprepared query with parameters as two round trips (describe, then execute). Each app query
 * is prepared once per connection instead, so a page's queries cost one round trip each
 * (docs/decisions/0027).
 */
function preparing(client: postgres.Sql): postgres.Sql {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'unsafe')
        return (query: string, params?: postgres.ParameterOrJSON<never>[], options?: postgres.UnsafeQueryOptions) =>
          target.unsafe(query, params, { ...options, prepare: true });
      if (property === 'begin' || property === 'savepoint')
        return (...args: unknown[]) => {
          const work = args.pop() as (tx: postgres.Sql) => unknown;
          const original = Reflect.get(target, property) as (...a: unknown[]) => unknown;
          return original.call(target, ...args, (tx: postgres.Sql) => work(preparing(tx)));
        };
      return Reflect.get(target, property, receiver) as unknown;
    },
  });
}

function withTimeout(check: Promise<boolean>, timeoutMs = 2000): Promise<boolean> {
  return Promise.race([check.catch(() => false), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref())]);
}

// The process-wide database. The server opens it at boot; each test file opens its own.
let current: DbHandle | undefined;

export function setDb(handle: DbHandle | undefined) {
  current = handle;
}

export function getDbHandle(): DbHandle {
  if (!current) throw new Error('The database is not open: call openDb() and setDb() at start-up.');
  return current;
}

export function getDb(): Db {
  return getDbHandle().db;
}

/**
 * A column named with its table ("program_years"."fiscal_year"), for a subquery in a sql template:
 * drizzle writes a column of a one-table select without its table ("fiscal_year"), which inside
 * `(select … from teams t where t.fiscal_year = "fiscal_year")` means the subquery's own column and
 * counts every row. Every column inside a `(select …)` in app/ is named through this (layering.test.ts).
 */
export function qualified(column: AnyPgColumn): SQL {
  return sql`${sql.identifier(getTableName(column.table))}.${sql.identifier(column.name)}`;
}

/** Rows of a raw SQL query, the same shape on both drivers (postgres.js gives an array, PGlite `{ rows }`). */
export async function selectRows<T>(query: SQL, db: Db = getDb()): Promise<T[]> {
  const result: unknown = await db.execute(query);
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/** Runs `work` in one transaction: every write in it lands, or none does. */
export function transaction<T>(work: (tx: Db) => Promise<T>): Promise<T> {
  return getDb().transaction((tx) => work(tx as unknown as Db));
}
