import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, inject, it } from 'vitest';
import { emptySheet } from '../../app/domain/sheet';
import { checkStoredText } from '../../app/models/text-check.server';
import { getDb, openDb, pgliteExtensions, selectRows, type Db } from '../../db/client';
import {
  createActivity,
  createChangeChain,
  createInterview,
  createMunicipality,
  createPerson,
  createSheetComment,
  createSheetWithVersions,
  createTeam,
  createUser,
} from '../factories';
import { withDatabase } from '../setup/postgres-urls';

// U+FFFD left in form fields by the React stream bug (docs/decisions/0009), planted where people
// type: a sheet section, an interview, an activity note, a comment, and rows with no team column.

const kofuLabel = '甲府市 令和8年度';
const kumamotoLabel = '熊本市 令和7年度';

async function plant(db: Db) {
  const team = async (name: string, prefecture: string, fiscalYear: number) =>
    createTeam(db, { fiscalYear, municipalityId: (await createMunicipality(db, { name, prefecture })).id });
  const kofu = await team('甲府市', '山梨県', 2026);
  const kumamoto = await team('熊本市', '熊本県', 2025);
  const content = {
    ...emptySheet(),
    currentState: '地域の市\uFFFD民と対話する',
    focusInitiatives: [
      { text: '対話会', evidence: [] },
      { text: '庁内\uFFFD勉強会', evidence: [] },
    ],
  };
  const sheet = await createSheetWithVersions(db, { teamId: kofu.id, versions: [{}, { content }] });
  const interview = await createInterview(db, { teamId: kumamoto.id, insights: '部長の言葉に\uFFFD励まされた' });
  const activity = await createActivity(db, { teamId: kofu.id, notes: '市役所の\uFFFD\uFFFD改革について' });
  const comment = await createSheetComment(db, { sheetId: sheet.id, body: '重点取組を絞り\uFFFD込んではどうでしょう' });
  const chain = await createChangeChain(db, {
    teamId: kumamoto.id,
    moments: [{ stage: 'trigger', occurredOn: '2025-06-01', description: '人事課に\u0001提案した' }],
  });
  const person = await createPerson(db, { fullName: '山田\uFFFD花子' });
  // Not reported: TAB, LF and CR in clean text, and a password hash (never read).
  await createActivity(db, { teamId: kofu.id, notes: '一行目\r\n二行目\tタブ' });
  await createUser(db, { passwordHash: 'hash\uFFFD' });
  return { kofu, kumamoto, version: sheet.versions[1]!, interview, activity, comment, moment: chain.moments[0]!, person };
}

describe('checkStoredText', () => {
  let planted: Awaited<ReturnType<typeof plant>>;

  it('reports nothing on a clean database', async () => {
    const team = await createTeam(getDb());
    await createInterview(getDb(), { teamId: team.id, content: '改行も\nタブも\tそのまま' });
    await createSheetWithVersions(getDb(), { teamId: team.id, versions: 2 });
    const result = await checkStoredText();
    expect(result.hits).toEqual([]);
    expect(result.columns).toBeGreaterThan(50);
    expect(result.skippedColumns).toEqual(expect.arrayContaining(['users.password_hash', 'auth_sessions.id_hash', 'account_tokens.token_hash']));
  });

  it('finds every planted character with its team, record and place', async () => {
    planted = await plant(getDb());
    const { hits } = await checkStoredText();
    const found = (table: string, id: number, column: string, team: string | null, more: object = {}) =>
      expect.objectContaining({ table, recordId: String(id), column, team, ...more });
    expect(hits).toEqual(
      expect.arrayContaining([
        found('sheet_versions', planted.version.id, 'content.currentState', kofuLabel, { columnLabel: '現状とその背景', excerpt: '地域の市〔�〕民と対話する' }),
        found('sheet_versions', planted.version.id, 'content.focusInitiatives[1].text', kofuLabel, { columnLabel: '重点取組' }),
        found('interviews', planted.interview.id, 'insights', kumamotoLabel, { tableLabel: 'キーパーソンインタビュー', teamId: planted.kumamoto.id }),
        found('activities', planted.activity.id, 'notes', kofuLabel, { codes: ['U+FFFD', 'U+FFFD'], teamId: planted.kofu.id }),
        found('sheet_comments', planted.comment.id, 'body', kofuLabel),
        // No team column: reached through its chain, or reported as belonging to no team.
        found('change_moments', planted.moment.id, 'description', kumamotoLabel, { codes: ['U+0001'], excerpt: '人事課に〔U+0001〕提案した' }),
        found('people', planted.person.id, 'full_name', null, { teamId: null }),
      ]),
    );
    expect(hits).toHaveLength(7);
  });

  it('covers a table added later without being told about it', async () => {
    await getDb().execute(
      sql`create table field_notes (id serial primary key, team_id integer references teams(id), memo varchar(200), tags text[], extra jsonb)`,
    );
    await getDb().execute(sql`insert into field_notes (team_id, memo, tags, extra) values
      (${planted.kofu.id}, ${'メモ\uFFFD'}, ${sql`array['ok'::text, ${'タグ\uFFFD'}::text]`}, ${JSON.stringify({ a: { b: ['x\u0002'] } })}::jsonb)`);
    const hits = (await checkStoredText()).hits.filter((h) => h.table === 'field_notes');
    expect(hits.map((h) => [h.column, h.team])).toEqual([
      ['extra.a.b[0]', kofuLabel],
      ['memo', kofuLabel],
      ['tags[1]', kofuLabel],
    ]);
  });
});

describe('npm run db:check-text', () => {
  const temp = fs.mkdtempSync(path.join(os.tmpdir(), 'check-text-'));
  afterAll(() => fs.rmSync(temp, { recursive: true, force: true }));

  function run(env: Record<string, string>, ...args: string[]) {
    return new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      const settings = { ...process.env, DATABASE_URL: '', PGLITE_DIR: '', ...env };
      execFile(path.resolve('node_modules/.bin/tsx'), ['scripts/check-text.ts', ...args], { env: settings }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });
  }
  const lastLine = (text: string) => text.trim().split('\n').at(-1);

  it.runIf(process.env.TEST_DB === 'pglite')(
    'reads a PGlite folder: exit 0 when clean, 1 with the hits listed',
    async () => {
      const dir = path.join(temp, 'pglite');
      const dump = new Blob([fs.readFileSync(inject('pgliteDump'))]); // already migrated
      const handle = await openDb({ pglite: await PGlite.create(dir, { loadDataDir: dump, extensions: pgliteExtensions }) });
      await handle.close();
      const clean = await run({ PGLITE_DIR: dir });
      expect(clean).toMatchObject({ code: 0, stderr: '' });
      expect(lastLine(clean.stdout)).toBe('文字化けの疑いがある箇所はありません');

      const reopened = await openDb({ pgliteDir: dir });
      const { person } = await plant(reopened.db);
      await reopened.close();
      const damaged = await run({ PGLITE_DIR: dir });
      expect(damaged.code).toBe(1);
      expect(damaged.stdout).toContain(`■ ${kofuLabel}（チームID `);
      expect(damaged.stdout).toContain('■ チームに属さない記録');
      expect(damaged.stdout).toContain(`人［people id=${person.id}］full_name\n    山田〔�〕花子`);
      expect(lastLine(damaged.stdout)).toBe('文字化けの疑いがある箇所: 7件（2チーム、チームに属さない記録1件）');
      const json = await run({ PGLITE_DIR: dir }, '--json');
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout)).toMatchObject({ count: 7, teams: 2 });
    },
    60_000,
  );

  it.runIf(process.env.TEST_DB === 'pglite')(
    'exits 2 with one line, and creates or migrates nothing',
    async () => {
      const missing = path.join(temp, 'missing');
      const empty = path.join(temp, 'empty');
      await (await openDb({ pgliteDir: empty })).close(); // a database with no tables
      const [notThere, notMigrated, badOption] = await Promise.all([
        run({ PGLITE_DIR: missing }),
        run({ PGLITE_DIR: empty }),
        run({ PGLITE_DIR: empty, DATABASE_URL: 'postgres://postgres@127.0.0.1:1/none' }, '--csv'),
      ]);
      expect(notThere).toMatchObject({ code: 2, stdout: '', stderr: `文字化けの確認ができませんでした: PGLITE_DIR にデータベースがありません: ${missing}\n` });
      expect(fs.existsSync(missing)).toBe(false);
      expect(notMigrated.code).toBe(2);
      expect(notMigrated.stderr).toMatch(/^文字化けの確認ができませんでした: teams 表がありません。.*\n$/);
      expect(badOption).toMatchObject({ code: 2, stderr: '文字化けの確認ができませんでした: 使い方: npm run db:check-text [-- --json]\n' });
      const handle = await openDb({ pgliteDir: empty });
      const tables = await selectRows<{ n: number }>(sql`select count(*)::int as n from pg_tables where schemaname in ('public', 'drizzle')`, handle.db);
      await handle.close();
      expect(tables[0]!.n).toBe(0);
    },
    60_000,
  );

  it.runIf(process.env.TEST_DB === 'postgres')(
    'reads a PostgreSQL database while it is in use',
    async () => {
      const [{ name }] = (await selectRows<{ name: string }>(sql`select current_database() as name`)) as [{ name: string }];
      const databaseUrl = withDatabase(process.env.TEST_DATABASE_URL!, name);
      const [text, json] = await Promise.all([run({ DATABASE_URL: databaseUrl }), run({ DATABASE_URL: databaseUrl }, '--json')]);
      const expected = (await checkStoredText()).hits;
      expect(text.code).toBe(1);
      expect(text.stdout).toContain(`■ ${kumamotoLabel}（チームID `);
      expect(lastLine(text.stdout)).toBe(`文字化けの疑いがある箇所: ${expected.length}件（2チーム、チームに属さない記録1件）`);
      expect(json.code).toBe(1);
      expect(JSON.parse(json.stdout).hits).toEqual(expected);
    },
    60_000,
  );
});
