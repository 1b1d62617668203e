import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { once } from 'node:events';
import { Transform, type Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import zlib from 'node:zlib';
import { now } from '../../app/utils/clock';
import type { Db, DbHandle } from '../client';
import { appliedMigration, appTables, fixTextSettings, sequenceValues, tableRows, tableSum } from './catalog';
import { backupFileName, backupFormat, backupVersion, checksumSuffix, type BackupHeader } from './format';
import { appMigrations } from './migrations';

export type BackupResult = { file: string; size: number; sha256: string; header: BackupHeader };
export type BackupOptions = {
  /** Opens the file being written (tests inject a disk that fills up). */
  openFile?: (file: string) => Writable;
  pageSize?: number;
};

/**
 * Writes a backup of the whole database into `dir`, read in one read-only REPEATABLE READ transaction
 * (a consistent snapshot while others write), to a temporary name renamed when complete, with
 * `<file>.sha256` beside it in `sha256sum -c` format. A failure leaves no file behind.
 */
export async function writeBackup(handle: DbHandle, dir: string, options: BackupOptions = {}): Promise<BackupResult> {
  fs.mkdirSync(dir, { recursive: true });
  const name = freeName(dir, backupFileName(now()));
  const file = path.join(dir, name);
  const temp = path.join(dir, `.${name}.partial`);
  const tempSum = `${temp}${checksumSuffix}`;
  const hash = crypto.createHash('sha256');
  let size = 0;
  const gzip = zlib.createGzip({ level: 6 });
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      hash.update(chunk);
      size += chunk.length;
      done(null, chunk);
    },
  });
  // Opened at once (not lazily as createWriteStream does), so a failure removes a file that exists.
  const out = (options.openFile ?? ((f: string) => fs.createWriteStream(f, { fd: fs.openSync(f, 'w') })))(temp);
  const written = pipeline(gzip, counter, out);
  written.catch(() => {}); // awaited below; a failure here also ends the writes
  const write = async (line: string) => {
    if (!gzip.write(`${line}\n`)) await Promise.race([once(gzip, 'drain'), written]);
  };
  try {
    const header = await handle.db.transaction(
      async (tx) => {
        const db = tx as unknown as Db;
        await fixTextSettings(db);
        const header = await readHeader(db, handle.kind);
        await write(JSON.stringify([backupFormat, header]));
        for (const table of header.tables) {
          await write(JSON.stringify(['table', table.name]));
          const md5 = crypto.createHash('md5');
          let count = 0;
          const pageSize = options.pageSize ?? 2000;
          for (let offset = 0; ; offset += pageSize) {
            const rows = await tableRows(db, table, offset, pageSize);
            for (const row of rows) {
              md5.update(count ? `\n${row}` : row);
              count++;
              await write(row);
            }
            if (rows.length < pageSize) break;
          }
          // The text written is the text the database summed: a row read twice differently is caught here.
          if (count !== table.rows || md5.digest('hex') !== table.md5)
            throw new Error(`表 ${table.name} の読み取りが一致しません (table read twice differently)`);
        }
        await write(JSON.stringify(['end', header.tables.length]));
        return header;
      },
      { isolationLevel: 'repeatable read', accessMode: 'read only' },
    );
    gzip.end();
    await written;
    const sha256 = hash.digest('hex');
    fs.writeFileSync(tempSum, `${sha256}  ${name}\n`);
    fs.renameSync(temp, file);
    fs.renameSync(tempSum, `${file}${checksumSuffix}`);
    return { file, size, sha256, header };
  } catch (error) {
    gzip.destroy();
    await written.catch(() => {});
    fs.rmSync(temp, { force: true });
    fs.rmSync(tempSum, { force: true });
    throw error;
  }
}

async function readHeader(db: Db, kind: DbHandle['kind']): Promise<BackupHeader> {
  const applied = await appliedMigration(db);
  if (!applied) throw new Error('データベースにアプリの表がありません (the database was never migrated)');
  const step = appMigrations().find((m) => m.createdAt === applied.createdAt);
  const tables = [];
  for (const table of await appTables(db)) tables.push({ ...(await tableSum(db, table)), orderBy: table.orderBy });
  return {
    format: backupFormat,
    version: backupVersion,
    createdAt: now().toISOString(),
    database: kind,
    migration: { tag: step?.tag ?? `unknown-${applied.createdAt}`, createdAt: applied.createdAt, count: applied.count },
    tables,
    sequences: await sequenceValues(db),
  };
}

/**
 * Two backups in one second (a button pressed twice, a test's fixed clock) get -2, -3 …, always after the
 * highest suffix still there, so a name freed by rotation is never reused for a newer backup.
 */
function freeName(dir: string, name: string): string {
  const stem = name.replace(/\.jsonl\.gz$/, '');
  let highest = 0;
  for (const file of fs.readdirSync(dir)) {
    if (file === name) highest = Math.max(highest, 1);
    const n = file.startsWith(`${stem}-`) && file.endsWith('.jsonl.gz') ? Number(file.slice(stem.length + 1, -'.jsonl.gz'.length)) : NaN;
    if (Number.isInteger(n)) highest = Math.max(highest, n);
  }
  return highest ? `${stem}-${highest + 1}.jsonl.gz` : name;
}
