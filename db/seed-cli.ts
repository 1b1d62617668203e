// Seeds the demo data: `npx tsx db/seed-cli.ts` (or `npm run db:seed`). Safe to run twice.
import { readEnv } from '../app/utils/env.server';
import { hashPassword } from '../app/utils/password.server';
import { openDb, type DbHandle } from './client';
import { migrate } from './migrate';
import { demoPassword, seedDemo } from './seed';

let handle: DbHandle | undefined;
try {
  const env = readEnv();
  handle = await openDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
  await migrate(handle);
  const { created } = await seedDemo(handle.db, { passwordHash: await hashPassword(demoPassword) });
  console.log(created ? 'デモデータを作成しました' : 'デモデータは作成済みです');
  await handle.close();
  process.exit(0);
} catch (error) {
  console.error(`デモデータの作成に失敗しました: ${oneLine(error)}`);
  await handle?.close().catch(() => {});
  process.exit(1);
}

/** The root cause on one line: a failed query's own message carries the whole SQL. */
function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
