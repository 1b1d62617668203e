import { AsyncLocalStorage } from 'node:async_hooks';
import type { Logger } from 'drizzle-orm/logger';

// Counts the SQL statements issued while a function runs, so tests can prove a page issues a fixed
// number of queries however much data there is (no N+1). AsyncLocalStorage keeps the count to the
// calls made inside `fn`, even when other requests run at the same time; outside it costs nothing.

const current = new AsyncLocalStorage<{ count: number; queries: string[] }>();

/** Handed to drizzle at construction (db/client.ts); counts only inside countQueries(). */
export const queryCounter: Logger = {
  logQuery(query: string) {
    const counter = current.getStore();
    if (!counter) return;
    counter.count += 1;
    counter.queries.push(query);
  },
};

/** Runs `fn` and returns its result with the number of queries it issued (and their SQL, for messages). */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; count: number; queries: string[] }> {
  const counter = { count: 0, queries: [] as string[] };
  const result = await current.run(counter, fn);
  return { result, count: counter.count, queries: counter.queries };
}
