import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb, selectRows } from '../../db/client';
import { seedDemo } from '../../db/seed';

async function counts() {
  const db = getDb();
  const tables = [
    'program_years',
    'study_sessions',
    'municipalities',
    'teams',
    'team_members',
    'activities',
    'interviews',
    'interview_homework',
    'moyamoya_checkins',
    'sheet_versions',
    'users',
  ];
  const result: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(sql.raw(table));
    result[table] = row!.n;
  }
  return result;
}

describe('demo seed', () => {
  it('creates a realistic data set once, and changes nothing when run again', async () => {
    expect(await seedDemo(getDb(), { passwordHash: 'not-a-real-hash' })).toEqual({ created: true });
    const first = await counts();
    expect(await seedDemo(getDb(), { passwordHash: 'not-a-real-hash' })).toEqual({ created: false });
    expect(await counts()).toEqual(first);

    expect(first.program_years).toBeGreaterThanOrEqual(2);
    expect(first.municipalities).toBeGreaterThanOrEqual(8);
    expect(first.users).toBe(7);
    const rows = await selectRows<{ n: number }>(sql`
      select count(a.id)::int as n from teams t left join activities a on a.team_id = t.id
      where t.fiscal_year in (2025, 2026) group by t.id`);
    expect(rows.length).toBeGreaterThanOrEqual(16);
    for (const row of rows) {
      expect(row.n).toBeGreaterThanOrEqual(60);
      expect(row.n).toBeLessThanOrEqual(80);
    }
    // Every year that has sessions has its six 研究会.
    const sessionRows = await selectRows<{ fiscal_year: number; n: number }>(sql`
      select fiscal_year, count(*)::int as n from study_sessions where kind = 'study' group by fiscal_year`);
    for (const row of sessionRows) expect(row.n).toBe(6);
  });
});
