// Applies the migrations in drizzle/ to the database the settings name: `npm run db:migrate`.
import { runCli } from './cli';

await runCli('マイグレーションに失敗しました', async (handle) => `マイグレーションを適用しました (${handle.kind === 'pglite' ? 'PGlite' : 'PostgreSQL'})`);
