import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import zlib from 'node:zlib';
import { sql } from 'drizzle-orm';
import { selectRows, type Db, type DbHandle } from '../client';
import { appTables, fixTextSettings, publicRelations, quote, tableSum } from './catalog';
import { backupFormat, backupVersion, checksumSuffix, type BackupHeader } from './format';
import { appMigrations, migrateWithin } from './migrations';

/** A backup refused before anything was touched; the message is for the person at the terminal. */
export class BackupRefused extends Error {}

type Line = { kind: 'header'; header: BackupHeader } | { kind: 'table'; name: string } | { kind: 'row'; text: string } | { kind: 'end'; tables: number };

/** The lines of a backup file, each checked to be one JSON value (gzip's own check catches damaged bytes). */
async function* lines(file: string): AsyncGenerator<Line> {
  const input = fs.createReadStream(file).pipe(zlib.createGunzip());
  const reader = readline.createInterface({ input, crlfDelay: Infinity });
  let first = true;
  try {
    for await (const text of reader) {
      if (first) {
        first = false;
        const value = parse(text) as [string, BackupHeader];
        if (!Array.isArray(value) || value[0] !== backupFormat)
          throw new BackupRefused('このファイルは人マネ トラッカーのバックアップではありません (not a backup of this app)');
        yield { kind: 'header', header: value[1] };
      } else if (text.startsWith('{')) {
        parse(text);
        yield { kind: 'row', text };
      } else {
        const value = parse(text) as [string, string | number];
        if (Array.isArray(value) && value[0] === 'table' && typeof value[1] === 'string') yield { kind: 'table', name: value[1] };
        else if (Array.isArray(value) && value[0] === 'end' && typeof value[1] === 'number') yield { kind: 'end', tables: value[1] };
        else throw damaged('知らない行があります (unknown line)');
      }
    }
  } catch (error) {
    if (error instanceof BackupRefused) throw error;
    throw damaged(error instanceof Error ? error.message : String(error));
  } finally {
    reader.close();
    input.destroy();
  }
}

function parse(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw damaged('JSON として読めない行があります (a line is not JSON)');
  }
}

function damaged(detail: string) {
  return new BackupRefused(
    `バックアップファイルが途中で切れているか、壊れています。復元先には何もしていません (the backup is truncated or damaged): ${detail}`,
  );
}

/** Checks the .sha256 beside the file, then reads the whole file: every table's rows and checksum as its header says. */
export async function verifyBackup(file: string): Promise<BackupHeader> {
  if (!fs.existsSync(file)) throw new BackupRefused(`ファイルがありません (no such file): ${file}`);
  const sumFile = `${file}${checksumSuffix}`;
  if (!fs.existsSync(sumFile))
    throw new BackupRefused(
      `チェックサムのファイル ${path.basename(sumFile)} が見つかりません。バックアップと同じフォルダに置いてください (checksum file missing)`,
    );
  const expected = /^([0-9a-f]{64})\s/.exec(fs.readFileSync(sumFile, 'utf8'))?.[1];
  const actual = crypto.createHash('sha256').update(fs.readFileSync(file)).digest('hex');
  if (expected !== actual)
    throw new BackupRefused('チェックサムが一致しません。ファイルが壊れているか、途中までしか複製されていません。復元先には何もしていません (sha256 mismatch)');

  let header: BackupHeader | undefined;
  let current: { name: string; rows: number; md5: crypto.Hash } | undefined;
  let tableIndex = 0;
  let ended = false;
  const close = () => {
    if (!current || !header) return;
    const expect = header.tables[tableIndex - 1]!;
    if (current.rows !== expect.rows || current.md5.digest('hex') !== expect.md5)
      throw damaged(`表 ${current.name} の内容が見出しと一致しません (table ${current.name} does not match its checksum)`);
  };
  for await (const line of lines(file)) {
    if (ended) throw damaged('終わりの行のあとに続きがあります (data after the end)');
    if (line.kind === 'header') {
      header = line.header;
      if (header?.version !== backupVersion || !Array.isArray(header.tables) || typeof header.migration?.createdAt !== 'number')
        throw new BackupRefused(`このバックアップの形式（版 ${String(header?.version)}）は読めません (unsupported backup version)`);
    } else if (line.kind === 'table') {
      close();
      if (header?.tables[tableIndex]?.name !== line.name) throw damaged(`表 ${line.name} の順序が見出しと違います (unexpected table)`);
      tableIndex++;
      current = { name: line.name, rows: 0, md5: crypto.createHash('md5') };
    } else if (line.kind === 'row') {
      if (!current) throw damaged('表の前に行があります (row before any table)');
      current.md5.update(current.rows ? `\n${line.text}` : line.text);
      current.rows++;
    } else {
      close();
      if (!header || line.tables !== header.tables.length || tableIndex !== header.tables.length)
        throw damaged('表の数が見出しと違います (table count differs)');
      ended = true;
    }
  }
  if (!header) throw damaged('空のファイルです (empty file)');
  if (!ended) throw damaged('終わりの行がありません (the file ends early)');
  return header;
}

export type RestoreResult = { header: BackupHeader; rows: { table: string; rows: number }[]; migratedAfter: string[] };

/**
 * Restores a backup into the database `handle` opens, in one transaction: the file is verified whole
 * first; a target holding rows is refused unless `force` (then the app's schemas are dropped and made
 * again); the schema is migrated to the backup's migration, the rows loaded, every table's checksum
 * compared with the file's, sequences set, the later migrations applied, and every session ended.
 */
export async function restoreBackup(handle: DbHandle, file: string, options: { force?: boolean } = {}): Promise<RestoreResult> {
  const header = await verifyBackup(file);
  const steps = appMigrations();
  const latest = steps[steps.length - 1]!;
  if (header.migration.createdAt > latest.createdAt)
    throw new BackupRefused(
      `このバックアップはアプリより新しい版のスキーマ（${header.migration.tag}）で作られています。アプリを新しくしてから復元してください。復元先には何もしていません (the backup's schema is newer than this app's ${latest.tag})`,
    );
  if (!steps.some((s) => s.createdAt === header.migration.createdAt))
    throw new BackupRefused(`このバックアップのスキーマ（${header.migration.tag}）はこのアプリの履歴にありません (unknown migration)`);
  const occupied = await occupiedTables(handle.db);
  if (occupied.length && !options.force)
    throw new BackupRefused(
      `復元先のデータベースにはすでにデータがあります（${occupied.slice(0, 3).join('、')}${occupied.length > 3 ? ' ほか' : ''}）。置き換えるときは --force を付けてください。復元先には何もしていません (the target is not empty; add --force to replace it)`,
    );

  return handle.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    // An emptied or migrated-but-empty target starts again from nothing, so it can stop at the backup's schema.
    await db.execute(sql`drop schema if exists drizzle cascade`);
    await db.execute(sql`drop schema if exists public cascade`);
    await db.execute(sql`create schema public`);
    await migrateWithin(db, header.migration.createdAt, steps);
    await fixTextSettings(db);
    const names = (await appTables(db)).map((t) => t.name).sort();
    const expected = header.tables.map((t) => t.name).sort();
    if (names.join() !== expected.join()) throw new Error(`表の一覧がバックアップと一致しません (tables differ): ${names.join(',')} / ${expected.join(',')}`);
    // Foreign keys are set aside while the rows go in (tables refer to each other) and made again after:
    // making them checks every row, in this transaction.
    const keys = await selectRows<{ tbl: string; name: string; def: string }>(
      sql`select c.conrelid::regclass::text as tbl, c.conname as name, pg_get_constraintdef(c.oid) as def
            from pg_constraint c where c.contype = 'f' and c.connamespace = 'public'::regnamespace order by c.conname`,
      db,
    );
    for (const k of keys) await db.execute(sql.raw(`alter table ${k.tbl} drop constraint ${quote(k.name)}`));
    await load(db, file);
    for (const k of keys) await db.execute(sql.raw(`alter table ${k.tbl} add constraint ${quote(k.name)} ${k.def}`));
    for (const table of header.tables) {
      const sum = await tableSum(db, { name: table.name, orderBy: table.orderBy });
      if (sum.rows !== table.rows || sum.md5 !== table.md5)
        throw new Error(`復元した表 ${table.name} の内容がバックアップと一致しません (checksum differs after loading)`);
    }
    for (const s of header.sequences) await db.execute(sql`select setval(${quote(s.name)}::regclass, ${s.lastValue}::bigint, ${s.isCalled})`);
    const later = steps.filter((s) => s.createdAt > header.migration.createdAt);
    await migrateWithin(db, latest.createdAt, steps);
    // Sessions are not carried over: everyone signs in again on the restored database.
    await db.execute(sql`delete from auth_sessions`);
    return { header, rows: header.tables.map((t) => ({ table: t.name, rows: t.rows })), migratedAfter: later.map((s) => s.tag) };
  });
}

/** Tables of the app holding at least one row. */
export async function occupiedTables(db: Db): Promise<string[]> {
  const occupied: string[] = [];
  for (const name of await publicRelations(db, 'r')) {
    const [row] = await selectRows<{ any: boolean }>(sql`select exists (select 1 from ${sql.raw(quote(name))}) as any`, db);
    if (row?.any) occupied.push(name);
  }
  return occupied;
}

/** The rows go in as the database's own JSON casts read them: exact types both ways, a batch per statement. */
async function load(db: Db, file: string) {
  let table: string | undefined;
  let batch: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (!table || !batch.length) return;
    const t = sql.raw(quote(table));
    await db.execute(sql`insert into ${t} select * from json_populate_recordset(null::${t}, ${`[${batch.join(',')}]`}::json)`);
    batch = [];
    chars = 0;
  };
  for await (const line of lines(file)) {
    if (line.kind === 'table') {
      await flush();
      table = line.name;
    } else if (line.kind === 'row') {
      batch.push(line.text);
      chars += line.text.length;
      if (batch.length >= 500 || chars > 2_000_000) await flush();
    } else if (line.kind === 'end') await flush();
  }
}
