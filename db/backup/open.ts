import fs from 'node:fs';
import path from 'node:path';
import { openDb, type DbHandle } from '../client';
import { DataDirLockedError } from '../lock';

/** The database the settings name, for the backup commands, and how to say which it is (never a password). */
export async function openForBackup(
  databaseUrl: string | undefined,
  pgliteDir: string,
  options: { mustExist: boolean },
): Promise<{ handle: DbHandle; where: string }> {
  if (databaseUrl) {
    const url = new URL(databaseUrl);
    return { handle: await openDb({ databaseUrl }), where: `PostgreSQL ${url.host}${url.pathname}` };
  }
  const dir = path.resolve(pgliteDir);
  // openDb makes an empty database in a missing folder: a typo must not back up nothing.
  if (options.mustExist && !fs.existsSync(path.join(dir, 'PG_VERSION')))
    throw new Error(`PGLITE_DIR にデータベースがありません (no database in PGLITE_DIR): ${dir}`);
  try {
    return { handle: await openDb({ pgliteDir: dir }), where: `PGlite ${dir}` };
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new Error(
      `PGlite のデータフォルダ ${dir} はサーバーが使用中です。動いているサーバーのバックアップは、管理画面「バックアップ」の「今すぐバックアップ」から取ってください（止めてからならこのコマンドで取れます） (the folder is in use by the running server)`,
    );
  }
}
