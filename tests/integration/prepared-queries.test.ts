import { eq, sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDbHandle, selectRows, transaction } from '../../db/client';
import { municipalities } from '../../db/schema';

// On a PostgreSQL server every app query is prepared once per connection (db/client.ts, `preparing`):
// drizzle left them unprepared, and postgres.js sent each as two round trips (docs/decisions/0027).
// PGlite runs in the process: there is nothing to prepare, and the test says so.

describe('queries on a PostgreSQL server', () => {
  it('are prepared statements of the connection, also inside a transaction', async (context) => {
    if (getDbHandle().kind !== 'postgres') return context.skip('PGlite: queries run in this process, no round trips');
    const statements = await transaction(async (tx) => {
      // The same connection for both: a transaction holds one.
      await tx.select({ id: municipalities.id }).from(municipalities).where(eq(municipalities.name, '甲府市'));
      return selectRows<{ statement: string }>(sql`select statement from pg_prepared_statements`, tx);
    });
    expect(statements.map((s) => s.statement).join('\n')).toContain('from "municipalities" where "municipalities"."name" = $1');
  });

  it('are planned once per connection (a generic plan), not again at every execution', async (context) => {
    if (getDbHandle().kind !== 'postgres') return context.skip('PGlite: queries run in this process, no plans kept per connection');
    const [mode] = await selectRows<{ plan_cache_mode: string }>(sql`show plan_cache_mode`);
    expect(mode!.plan_cache_mode).toBe('force_generic_plan');
  });
});
