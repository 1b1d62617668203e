// The frame of every command-line task: open the database the settings name, run, close,
// and on failure print one line (never a stack trace) and exit non-zero.
import { setClock } from '../app/utils/clock';
import { readEnv } from '../app/utils/env.server';
import { openDb, setDb, type DbHandle } from './client';
import { migrate } from './migrate';

export async function runCli(failure: string, task: (handle: DbHandle) => Promise<string>): Promise<never> {
  let handle: DbHandle | undefined;
  try {
    const env = readEnv();
    if (env.CLOCK_START) setClock(env.CLOCK_START, { running: true });
    handle = await openDb(env.DATABASE_URL ? { databaseUrl: env.DATABASE_URL } : { pgliteDir: env.PGLITE_DIR });
    await migrate(handle);
    setDb(handle); // app/models read the process-wide database
    console.log(await task(handle));
    await handle.close();
    process.exit(0);
  } catch (error) {
    console.error(`${failure}: ${oneLine(error)}`);
    await handle?.close().catch(() => {});
    process.exit(1);
  }
}

/** The root cause on one line: a failed query's own message carries the whole SQL. */
function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
