import { PGlite, types } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbHandle } from '../db/client';
import { preparedLimit, preparedStatements } from '../db/pglite-prepared';

// db/pglite-prepared.ts: PGlite's reads prepared once and then only bound and executed. What it answers
// must be what PGlite's own query answers, for every kind of value, and a failure must leave the database
// as ready as PGlite's own does.

let pg: PGlite;
let prepared: ReturnType<typeof preparedStatements>;

beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec(`create table t (id int primary key, name text, born date, at timestamptz, data jsonb, n bigint, ok boolean);
    insert into t values (1, '山田　花子', '2026-04-01', '2026-04-01T09:00:00+09:00', '{"a":[1,"二"]}', 9007199254740993, true),
      (2, null, null, null, null, null, false)`);
  prepared = preparedStatements(pg);
});
afterAll(async () => {
  await pg.close();
});

const both = async (text: string, params: unknown[] = [], options?: Parameters<PGlite['query']>[2]) => ({
  own: await pg.query(text, params, options),
  kept: await prepared.query(pg, false, text, params, options),
});

describe('PGlite with its reads prepared', () => {
  it('answers every kind of value as PGlite does, by name and as arrays, and prepares a text once', async () => {
    const before = prepared.size;
    for (const rowMode of ['object', 'array'] as const) {
      for (const id of [1, 2, null]) {
        const { own, kept } = await both('select * from t where id = $1 or $1::int is null order by id', [id], { rowMode });
        expect(kept.rows).toEqual(own.rows);
        expect(kept.fields).toEqual(own.fields);
      }
    }
    const texts = await both(`select $1::text as s, $2::jsonb as j, $3::date as d`, ['改行\n"引用"', { k: ['値'] }, '2027-03-31']);
    expect(texts.kept.rows).toEqual(texts.own.rows);
    expect(prepared.size - before).toBe(2);
  });

  it('leaves the database ready after a read that fails, outside and inside a transaction', async () => {
    await expect(prepared.query(pg, false, 'select 1 / (id - 1) from t')).rejects.toMatchObject({ code: '22012' });
    await expect(prepared.query(pg, false, 'select nonsense from t')).rejects.toMatchObject({ code: '42703' });
    expect((await prepared.query(pg, false, 'select count(*)::int as n from t')).rows).toEqual([{ n: 2 }]);
    await expect(
      pg.transaction(async (tx) => {
        await tx.query(`insert into t (id) values (3)`);
        await prepared.query(tx, true, 'select 1 / (id - 1) from t');
      }),
    ).rejects.toMatchObject({ code: '22012' });
    // Rolled back as a whole, and the next transaction works.
    await pg.transaction(async (tx) => {
      expect((await prepared.query(tx, true, 'select count(*)::int as n from t')).rows).toEqual([{ n: 2 }]);
    });
  });

  it("reads a query's own parsers over the database's without copying the database's for every query", async () => {
    // drizzle gives every query parsers of its own (dates as text); PGlite copied its 300-odd into a new object
    // for each such query (a seventh of a page's time): the count of key listings says whether they are copied.
    const ownParsers = { [types.DATE]: (value: string) => `日付 ${value}` };
    const text = 'select id, born, n, data from t order by id';
    const expected = await pg.query(text, [], { parsers: ownParsers, rowMode: 'array' });
    expect(expected.rows[0]).toEqual([1, '日付 2026-04-01', 9007199254740993n, { a: [1, '二'] }]);
    const base = pg.parsers;
    let listings = 0;
    Object.assign(pg, { parsers: new Proxy(base, { ownKeys: (target) => (listings++, Reflect.ownKeys(target)) }) });
    try {
      for (let i = 0; i < 3; i++) expect((await prepared.query(pg, false, text, [], { parsers: ownParsers, rowMode: 'array' })).rows).toEqual(expected.rows);
      expect(listings).toBe(0);
    } finally {
      Object.assign(pg, { parsers: base });
    }
  });

  it('prepares a kept read again when its table changed under it', async () => {
    const text = 'select * from t where id = $1';
    expect((await prepared.query(pg, false, text, [1])).fields.map((f) => f.name)).not.toContain('extra');
    await pg.exec('alter table t add column extra text');
    expect((await prepared.query(pg, false, text, [1])).fields.map((f) => f.name)).toContain('extra');
    await pg.exec('alter table t drop column extra');
  });

  it('keeps writes and, past its limit, new texts to PGlite’s own query', async () => {
    const before = prepared.size;
    await prepared.query(pg, false, `update t set ok = $1 where id = 2`, [true]);
    expect(prepared.size).toBe(before);
    for (let i = prepared.size; i < preparedLimit + 5; i++) await prepared.query(pg, false, `select ${i} as n`);
    expect(prepared.size).toBe(preparedLimit);
    expect((await prepared.query(pg, false, 'select 424242 as n')).rows).toEqual([{ n: 424242 }]);
  });
});

describe('the app on PGlite', () => {
  let handle: DbHandle;
  beforeAll(async () => {
    handle = await openDb({ pglite: await PGlite.create() });
  });
  afterAll(async () => {
    await handle.close();
  });

  it('plans a kept statement once (a generic plan), as on the PostgreSQL server', async () => {
    const result = (await handle.db.execute(sql`select current_setting('plan_cache_mode') as mode`)) as unknown as { rows: { mode: string }[] };
    expect(result.rows).toEqual([{ mode: 'force_generic_plan' }]);
  });
});
