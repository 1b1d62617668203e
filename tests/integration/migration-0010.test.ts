import fs from 'node:fs';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { openDb, pgliteExtensions, selectRows, type DbHandle } from '../../db/client';
import { migrate, migrationsFolder } from '../../db/migrate';
import { throwawayPostgres } from '../setup/postgres-urls';

// Migration 0010 (issue 17): an interview's activity that the import of before stored alone gets its
// interview, so the log and the key-person coverage count the same records; then the database refuses
// an interview activity without one. Run on a database of its own, migrated up to 0009 first.

const cleanups: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const cleanup of cleanups.reverse()) await cleanup();
});

/** A copy of drizzle/ holding the migrations before `tag` only. */
function migrationsBefore(tag: string) {
  const dir = fs.mkdtempSync(path.resolve('tmp', 'migrations-'));
  fs.cpSync(migrationsFolder, dir, { recursive: true });
  const journalFile = path.join(dir, 'meta', '_journal.json');
  const journal = JSON.parse(fs.readFileSync(journalFile, 'utf8')) as { entries: { tag: string }[] };
  journal.entries = journal.entries.slice(
    0,
    journal.entries.findIndex((e) => e.tag === tag),
  );
  fs.writeFileSync(journalFile, JSON.stringify(journal));
  cleanups.push(async () => fs.rmSync(dir, { recursive: true, force: true }));
  return dir;
}

async function freshDatabase(): Promise<DbHandle> {
  if (process.env.TEST_DB !== 'postgres') return openDb({ pglite: await PGlite.create({ extensions: pgliteExtensions }) });
  const url = process.env.TEST_DATABASE_URL!;
  const database = await throwawayPostgres(url, `jinmane_migration_${process.pid}`);
  cleanups.push(database.drop);
  return openDb({ databaseUrl: database.url });
}

describe('migration 0010: every interview activity has its interview', () => {
  it('gives the activities the import stored alone their interviews, then refuses one without', async () => {
    fs.mkdirSync(path.resolve('tmp'), { recursive: true });
    const handle = await freshDatabase();
    cleanups.push(() => handle.close());
    const { db } = handle;
    const partial = migrationsBefore('0010_interview_activity_has_interview');
    if (handle.kind === 'pglite') {
      const { migrate: migratePglite } = await import('drizzle-orm/pglite/migrator');
      await migratePglite(db as never, { migrationsFolder: partial });
    } else {
      const { migrate: migratePostgres } = await import('drizzle-orm/postgres-js/migrator');
      await migratePostgres(db as never, { migrationsFolder: partial });
    }
    await db.execute(sql`insert into program_years (fiscal_year, theme) values (2022, 'テーマ')`);
    await db.execute(sql`insert into municipalities (name, prefecture, kind) values ('富岡市', '群馬県', 'city')`);
    await db.execute(sql`insert into teams (municipality_id, fiscal_year) select id, 2022 from municipalities`);
    await db.execute(sql`
      insert into activities (team_id, kind, occurred_on, title, duration_minutes, archived_at)
      select id, k.kind, k.day::date, k.title, 60, k.archived::timestamptz from teams,
        (values ('interview', '2022-05-10', '市長インタビュー', null), ('interview', '2022-06-01', '', '2022-07-01T00:00:00Z'), ('meeting', '2022-05-12', 'ミーティング', null)) as k(kind, day, title, archived)`);

    await migrate(handle);

    const rows = await selectRows<{
      kind: string;
      title: string;
      interviewee: string | null;
      role: string | null;
      visibility: string | null;
      archived: boolean;
    }>(
      sql`select a.kind, a.title, i.interviewee, i.role_category as role, i.visibility, (i.archived_at is not null) as archived
          from activities a left join interviews i on i.id = a.interview_id order by a.occurred_on`,
      db,
    );
    expect(rows).toEqual([
      { kind: 'interview', title: '市長インタビュー', interviewee: '市長インタビュー', role: 'other', visibility: 'team', archived: false },
      { kind: 'meeting', title: 'ミーティング', interviewee: null, role: null, visibility: null, archived: false },
      { kind: 'interview', title: '', interviewee: 'キーパーソン', role: 'other', visibility: 'team', archived: true },
    ]);
    const refused = await db
      .execute(sql`insert into activities (team_id, kind, occurred_on, title) select id, 'interview', '2022-08-01', '単独' from teams`)
      .then(
        () => null,
        (error: { cause?: { message?: string } }) => error.cause?.message ?? String(error),
      );
    expect(refused).toMatch(/activities_interview_has_interview/);
  });
});
