// Restores a backup (docs/decisions/0025) into the database the settings name:
// `npm run restore -- <file> [--force]`. PGlite: the server must be stopped.
import { readEnv } from '../app/utils/env.server';
import type { DbHandle } from '../db/client';
import { openForBackup } from '../db/backup/open';
import { BackupRefused, restoreBackup, verifyBackup } from '../db/backup/restore';

const args = process.argv.slice(2);
const force = args.includes('--force');
const files = args.filter((a) => a !== '--force');
let handle: DbHandle | undefined;
let exitCode = 1;
try {
  if (files.length !== 1 || files[0]!.startsWith('--')) throw new BackupRefused('使い方 (usage): npm run restore -- <バックアップファイル> [--force]');
  const env = readEnv();
  // The file is checked whole before the target is opened: a refused file leaves no empty folder behind.
  await verifyBackup(files[0]!);
  const opened = await openForBackup(env.DATABASE_URL, env.PGLITE_DIR, { mustExist: false });
  handle = opened.handle;
  const result = await restoreBackup(handle, files[0]!, { force });
  const width = Math.max(...result.rows.map((r) => r.table.length));
  console.log(`復元しました (restored) → ${opened.where}`);
  console.log(`  バックアップ: ${result.header.createdAt}（${result.header.database}、スキーマ ${result.header.migration.tag}）`);
  for (const { table, rows } of result.rows) console.log(`  ${table.padEnd(width)} ${rows.toLocaleString('ja-JP')}行`);
  if (result.migratedAfter.length) console.log(`  そのあとのマイグレーションを適用しました (migrated): ${result.migratedAfter.join(', ')}`);
  console.log('  ログイン中の人はいません。みなさんにもう一度ログインしてもらってください (every session ended)');
  exitCode = 0;
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  console.error(error instanceof BackupRefused ? message : `復元できませんでした。復元先は元のままです (restore failed, the target is unchanged): ${message}`);
} finally {
  await handle?.close().catch(() => {});
}
process.exit(exitCode);
