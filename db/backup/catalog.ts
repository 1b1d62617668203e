import { sql } from 'drizzle-orm';
import { selectRows, type Db } from '../client';

/** One table of the app as the backup sees it: its name and the columns its rows are ordered by. */
export type TableInfo = { name: string; orderBy: string[] };
export type SequenceValue = { name: string; lastValue: string; isCalled: boolean };
export type TableSum = { name: string; rows: number; md5: string };

/**
 * Text the same on both databases: row_to_json writes timestamps in the session's time zone,
 * so both sides of a backup read and compare in UTC. Runs inside the caller's transaction.
 */
export async function fixTextSettings(tx: Db) {
  await tx.execute(sql`set local timezone = 'UTC'`);
  await tx.execute(sql`set local datestyle = 'ISO, YMD'`);
  await tx.execute(sql`set local extra_float_digits = 1`);
}

/** The app's tables (schema public), parents before children where they do not refer to each other, each with its primary key. */
export async function appTables(tx: Db): Promise<TableInfo[]> {
  const tables = await selectRows<{ name: string; pk: string[] | null }>(
    sql`select c.relname as name,
          (select array_agg(a.attname order by k.n)
             from pg_constraint p
             cross join lateral unnest(p.conkey) with ordinality as k(attnum, n)
             join pg_attribute a on a.attrelid = c.oid and a.attnum = k.attnum
            where p.conrelid = c.oid and p.contype = 'p') as pk
        from pg_class c join pg_namespace n on n.oid = c.relnamespace
       where n.nspname = 'public' and c.relkind in ('r', 'p') and not c.relispartition
       order by c.relname`,
    tx,
  );
  const edges = await selectRows<{ child: string; parent: string }>(
    sql`select distinct ch.relname as child, pa.relname as parent
          from pg_constraint f
          join pg_class ch on ch.oid = f.conrelid join pg_class pa on pa.oid = f.confrelid
          join pg_namespace n on n.oid = ch.relnamespace
         where f.contype = 'f' and n.nspname = 'public' and ch.oid <> pa.oid`,
    tx,
  );
  const parents = new Map<string, Set<string>>(tables.map((t) => [t.name, new Set<string>()]));
  for (const e of edges) parents.get(e.child)?.add(e.parent);
  const ordered: TableInfo[] = [];
  const done = new Set<string>();
  const byName = new Map(tables.map((t) => [t.name, t]));
  // Kahn's order, alphabetical among equals, so the same schema always lists its tables the same way.
  while (done.size < tables.length) {
    let ready = tables.filter((t) => !done.has(t.name) && [...parents.get(t.name)!].every((p) => done.has(p) || !byName.has(p)));
    // Tables that refer to each other (a cycle) come alphabetically: restore checks foreign keys after loading.
    if (!ready.length) ready = tables.filter((t) => !done.has(t.name)).slice(0, 1);
    for (const t of ready) {
      done.add(t.name);
      ordered.push({ name: t.name, orderBy: t.pk ?? [] });
    }
  }
  return ordered;
}

function orderClause(table: TableInfo) {
  // A table without a primary key is ordered by its whole row's text: the same on both databases.
  if (!table.orderBy.length) return sql.raw(`order by t::text`);
  return sql.raw(`order by ${table.orderBy.map((c) => `t.${quote(c)}`).join(', ')}`);
}

export function quote(identifier: string) {
  return `"${identifier.replace(/"/g, '""')}"`;
}

/** Row count and md5 of the rows' JSON text joined by newlines in key order (the file's own lines). */
export async function tableSum(tx: Db, table: TableInfo): Promise<TableSum> {
  const [row] = await selectRows<{ rows: number; md5: string }>(
    sql`select count(*)::int as rows, md5(coalesce(string_agg(row_to_json(t)::text, E'\n' ${orderClause(table)}), '')) as md5
          from ${sql.raw(quote(table.name))} t`,
    tx,
  );
  return { name: table.name, rows: row!.rows, md5: row!.md5 };
}

/** One page of a table's rows as JSON text, in key order. */
export async function tableRows(tx: Db, table: TableInfo, offset: number, limit: number): Promise<string[]> {
  const rows = await selectRows<{ j: string }>(
    sql`select row_to_json(t)::text as j from ${sql.raw(quote(table.name))} t ${orderClause(table)} limit ${limit} offset ${offset}`,
    tx,
  );
  return rows.map((r) => r.j);
}

/** Names of the app's relations of one kind, in name order: `r` tables, `S` sequences. */
export async function publicRelations(db: Db, kind: 'r' | 'S'): Promise<string[]> {
  const rows = await selectRows<{ name: string }>(
    sql`select c.relname as name from pg_class c join pg_namespace n on n.oid = c.relnamespace
         where n.nspname = 'public' and c.relkind = ${kind} order by c.relname`,
    db,
  );
  return rows.map((r) => r.name);
}

/** Every sequence of the app (serial and identity columns) with its current value. */
export async function sequenceValues(tx: Db): Promise<SequenceValue[]> {
  const values: SequenceValue[] = [];
  for (const name of await publicRelations(tx, 'S')) {
    const [v] = await selectRows<{ last_value: string; is_called: boolean }>(
      sql`select last_value::text as last_value, is_called from ${sql.raw(quote(name))}`,
      tx,
    );
    values.push({ name, lastValue: v!.last_value, isCalled: v!.is_called });
  }
  return values;
}

/** The last migration applied (drizzle's own table), or null on a database never migrated. */
export async function appliedMigration(tx: Db): Promise<{ createdAt: number; count: number } | null> {
  const [exists] = await selectRows<{ t: string | null }>(sql`select to_regclass('drizzle.__drizzle_migrations')::text as t`, tx);
  if (!exists?.t) return null;
  const [row] = await selectRows<{ created_at: string | null; n: number }>(
    sql`select max(created_at)::text as created_at, count(*)::int as n from drizzle.__drizzle_migrations`,
    tx,
  );
  if (!row?.created_at) return null;
  return { createdAt: Number(row.created_at), count: row.n };
}
