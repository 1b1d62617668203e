import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import zlib from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { getDbHandle, openDb, pgliteExtensions, setDb, type Db, type DbHandle, type DbKind } from '../../db/client';
import { appTables, fixTextSettings, tableSum, type TableSum } from '../../db/backup/catalog';
import { writeBackup } from '../../db/backup/dump';
import { restoreBackup } from '../../db/backup/restore';
import { throwawayPostgres } from './postgres-urls';

/** An empty database of this kind (an in-memory PGlite, or a new database on TEST_DATABASE_URL's server), and how to drop it. */
export async function emptyDatabase(kind: DbKind): Promise<{ handle: DbHandle; drop: () => Promise<void> }> {
  if (kind === 'pglite') {
    const handle = await openDb({ pglite: await PGlite.create({ extensions: pgliteExtensions }) });
    return { handle, drop: () => handle.close() };
  }
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set');
  const name = `jinmane_restore_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  const database = await throwawayPostgres(url, name);
  const handle = await openDb({ databaseUrl: database.url });
  return {
    handle,
    drop: async () => {
      await handle.close();
      await database.drop();
    },
  };
}

/** Every table's row count and checksum, read as the backup reads them. */
export async function checksums(handle: DbHandle): Promise<TableSum[]> {
  return handle.db.transaction(async (tx) => {
    const db = tx as unknown as Db;
    await fixTextSettings(db);
    const sums = [];
    for (const table of await appTables(db)) sums.push(await tableSum(db, table));
    return sums.sort((a, b) => a.name.localeCompare(b.name));
  });
}

export function tempDir(): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), 'jinmane-backup-'));
}

/** Backs `from` up and restores the file into a new empty database of `kind`. */
export async function roundTrip(from: DbHandle, kind: DbKind) {
  const dir = tempDir();
  try {
    const backup = await writeBackup(from, dir);
    const target = await emptyDatabase(kind);
    const restored = await restoreBackup(target.handle, backup.file);
    return { ...target, backup, restored };
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** Rewrites a backup's lines (then its .sha256, so only the content check can refuse it). */
export function rewriteBackup(file: string, edit: (lines: string[]) => string[]) {
  const lines = zlib.gunzipSync(fs.readFileSync(file)).toString('utf8').split('\n');
  writeWithChecksum(file, zlib.gzipSync(edit(lines).join('\n')));
}

export function writeWithChecksum(file: string, bytes: Buffer) {
  fs.writeFileSync(file, bytes);
  fs.writeFileSync(`${file}.sha256`, `${crypto.createHash('sha256').update(bytes).digest('hex')}  ${path.basename(file)}\n`);
}

/**
 * Moves the test file's database through two backups — to PostgreSQL and back when a server is named, else
 * PGlite to PGlite — and makes the restored copy the process-wide database; returns how to put things back.
 */
export async function throughBackup(): Promise<() => Promise<void>> {
  const from = getDbHandle();
  const other: DbKind = from.kind === 'postgres' || !process.env.TEST_DATABASE_URL ? 'pglite' : 'postgres';
  const there = await roundTrip(from, other);
  const back = await roundTrip(there.handle, from.kind).finally(() => there.drop());
  setDb(back.handle);
  return async () => {
    setDb(from);
    await back.drop();
  };
}
