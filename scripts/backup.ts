// A backup of the database the settings name, in the portable format (docs/decisions/0025):
// `npm run backup [-- --out <folder>]`. PGlite: the server must be stopped (otherwise use the admin page).
import { execFileSync } from 'node:child_process';
import { readEnv } from '../app/utils/env.server';
import type { DbHandle } from '../db/client';
import { writeBackup } from '../db/backup/dump';
import { openForBackup } from '../db/backup/open';

const args = process.argv.slice(2);
let handle: DbHandle | undefined;
let exitCode = 1;
try {
  const out = args[0] === '--out' && args[1] ? args[1] : undefined;
  if (args.length && (!out || args.length > 2)) throw new Error('使い方 (usage): npm run backup [-- --out <フォルダ>]');
  const env = readEnv();
  const opened = await openForBackup(env.DATABASE_URL, env.PGLITE_DIR, { mustExist: true });
  handle = opened.handle;
  const result = await writeBackup(handle, out ?? env.BACKUP_DIR);
  const rows = result.header.tables.reduce((n, t) => n + t.rows, 0);
  console.log(`バックアップしました (backup written): ${result.file}`);
  console.log(
    `  ${opened.where}、${result.header.tables.length}表・${rows.toLocaleString('ja-JP')}行、${(result.size / 1024).toFixed(0)} KB、スキーマ ${result.header.migration.tag}`,
  );
  console.log(`  sha256 ${result.sha256}（${result.file}.sha256）`);
  if (env.DATABASE_URL) console.log(pgDumpAdvice());
  exitCode = 0;
} catch (error) {
  console.error(`バックアップできませんでした (backup failed): ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await handle?.close().catch(() => {});
}
process.exit(exitCode);

/** On a PostgreSQL server the DBA's own dump is the production backup; this file is what moves between databases. */
function pgDumpAdvice(): string {
  try {
    const version = execFileSync('pg_dump', ['--version'], { encoding: 'utf8' }).trim();
    return `  本番の PostgreSQL は pg_dump でも取ってください (${version}): pg_dump -Fc -f jinmane.dump "$DATABASE_URL"`;
  } catch {
    return '  pg_dump が見つかりません (pg_dump not found): 本番の PostgreSQL のバックアップには PostgreSQL のクライアントツール（pg_dump）を入れて使ってください';
  }
}
