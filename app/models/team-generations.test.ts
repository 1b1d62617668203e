import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// 期生 is derived in one place, the team_generations view (db/schema/teams.ts, docs/decisions/0012).
// Seven copies of the rule, one of them with another formula, were how it drifted before: a query
// that needs 期生 joins the view instead of ranking or counting a municipality's teams again.

const view = path.join('db', 'schema', 'teams.ts');

const formulas = [
  // row_number() / rank() over (partition by … municipality_id …)
  /\b(row_number|rank|dense_rank)\s*\(\s*\)\s*over\s*\(\s*partition\s+by\s[^)]*municipality/i,
  // (select count(*) from teams t2 where t2.municipality_id = … and t2.fiscal_year <= …)
  /count\s*\(\s*\*\s*\)\s*(::\s*int\s*)?from\s+teams\s+\w+\s+where\s+\w+\.municipality_id\b/i,
  /\bfiscal_year\s*<=\s*\S*fiscal_?year/i,
];

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.(tsx?|mjs|sql)$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

const uses = (file: string) => formulas.some((formula) => formula.test(fs.readFileSync(file, 'utf8')));

describe('期生', () => {
  it('is derived only in the team_generations view', () => {
    const offenders = ['app', 'db', 'scripts'].flatMap(files).filter((file) => file !== view && uses(file));
    expect(offenders).toEqual([]);
  });

  it('is found where it is derived, so the patterns above still recognise the rule', () => {
    expect(uses(view)).toBe(true);
    const old =
      'generation: sql`(select count(*) from teams t2 where t2.municipality_id = ${teams.municipalityId}\n  and t2.fiscal_year <= ${teams.fiscalYear})`';
    expect(formulas.some((formula) => formula.test(old))).toBe(true);
  });
});
