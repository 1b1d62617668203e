import fs from 'node:fs';
import path from 'node:path';
import { sql } from 'drizzle-orm';
import { afterAll, describe, expect, it } from 'vitest';
import { getDbHandle, selectRows, type Db, type DbKind } from '../../db/client';
import { writeBackup } from '../../db/backup/dump';
import { appMigrations, migrateWithin } from '../../db/backup/migrations';
import { BackupRefused, restoreBackup } from '../../db/backup/restore';
import { migrate } from '../../db/migrate';
import { demoPassword, seedDemo } from '../../db/seed';
import { hashPassword } from '../../app/utils/password.server';
import { createActivity, createMunicipality, createSheetWithVersions, createTeam } from '../factories';
import { checksums, emptyDatabase, rewriteBackup, roundTrip, tempDir, writeWithChecksum } from '../setup/backup-targets';

// Backup and restore (issue 20, docs/decisions/0025) on the file's own database kind; the move between
// kinds runs on the PGlite project when a PostgreSQL server is named.
const kind = getDbHandle().kind;
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const withoutSessions = <T extends { name: string }>(sums: T[]) => sums.filter((s) => s.name !== 'auth_sessions');
const headerSums = (header: { tables: { name: string; rows: number; md5: string }[] }) =>
  header.tables.map(({ name, rows, md5 }) => ({ name, rows, md5 })).sort((a, b) => a.name.localeCompare(b.name));

describe('backup while 20 writers save', () => {
  it('restores every row committed before the backup began, with every table as the snapshot held it', async () => {
    const source = getDbHandle();
    const teams = await Promise.all(Array.from({ length: 20 }, () => createTeam(source.db)));
    const committed = { activities: [] as number[], sheets: [] as number[] };
    let stop = false;
    let started = 0;
    // Resolves once the writers have saved n times in all (no timer: a count the writers reach).
    const waiting: { n: number; resolve: () => void }[] = [];
    const reached = (n: number) => new Promise<void>((resolve) => waiting.push({ n, resolve }));
    const writer = async (i: number) => {
      for (let n = 0; !stop; n++) {
        const activity = await createActivity(source.db, { teamId: teams[i]!.id, title: `書き手${i}の${n}件目` });
        committed.activities.push(activity.id);
        if (n % 4 === 0) {
          const team = await createTeam(source.db);
          const sheet = await createSheetWithVersions(source.db, { teamId: team.id, versions: 2 });
          committed.sheets.push(sheet.id);
        }
        started++;
        for (const w of waiting) if (started >= w.n) w.resolve();
        // Each save is a request of its own: PGlite answers without leaving the microtask queue, and
        // writers that never yield would starve every timer (and the backup) forever.
        await new Promise((r) => setImmediate(r));
      }
    };
    const writers = teams.map((_, i) => writer(i));
    await reached(60);
    const before = { activities: [...committed.activities], sheets: [...committed.sheets] };
    const backup = await writeBackup(source, dir);
    const during = started;
    await reached(during + 20);
    stop = true;
    await Promise.all(writers);
    expect(started).toBeGreaterThan(during); // the writers went on while and after the backup ran

    const target = await emptyDatabase(kind);
    try {
      const restored = await restoreBackup(target.handle, backup.file);
      const ids = async (table: string) => (await selectRows<{ id: number }>(sql`select id from ${sql.raw(table)}`, target.handle.db)).map((r) => r.id);
      expect(await ids('activities')).toEqual(expect.arrayContaining(before.activities));
      expect(await ids('sheets')).toEqual(expect.arrayContaining(before.sheets));
      expect(before.activities.length).toBeGreaterThanOrEqual(60);
      expect(withoutSessions(await checksums(target.handle))).toEqual(withoutSessions(headerSums(backup.header)));
      expect(restored.rows.find((r) => r.table === 'activities')?.rows).toBe(backup.header.tables.find((t) => t.name === 'activities')?.rows);
      // A new row after the restore takes the next id: sequences came along.
      const next = await createActivity(target.handle.db, { teamId: teams[0]!.id });
      expect(next.id).toBeGreaterThan(Math.max(...(await ids('activities')).filter((id) => id !== next.id)));
    } finally {
      await target.drop();
    }
  }, 120_000);
});

describe('a backup that must not be restored', () => {
  async function setUp() {
    await createMunicipality(getDbHandle().db, { name: '甲府市', prefecture: '山梨県' });
    const backup = await writeBackup(getDbHandle(), dir);
    const target = await emptyDatabase(kind);
    await migrate(target.handle);
    await createMunicipality(target.handle.db, { name: '熊本市', prefecture: '熊本県' });
    return { backup, target, before: await checksums(target.handle) };
  }

  const copy = (file: string, name: string) => {
    const to = path.join(dir, name);
    fs.copyFileSync(file, to);
    fs.copyFileSync(`${file}.sha256`, `${to}.sha256`);
    return to;
  };

  it('is refused, truncated, damaged in the middle or from a newer schema, with the target left as it was', async () => {
    const { backup, target, before } = await setUp();
    try {
      const bytes = fs.readFileSync(backup.file);
      const refuse = async (file: string, message: RegExp) => {
        const error = await restoreBackup(target.handle, file, { force: true }).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(BackupRefused);
        expect((error as Error).message).toMatch(message);
        expect(await checksums(target.handle)).toEqual(before);
      };
      // Truncated: the .sha256 refuses it; with a checksum that matches the cut file, gzip and the end line do.
      const truncated = copy(backup.file, 'truncated.jsonl.gz');
      fs.writeFileSync(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refuse(truncated, /チェックサムが一致しません/);
      writeWithChecksum(truncated, bytes.subarray(0, Math.floor(bytes.length * 0.6)));
      await refuse(truncated, /途中で切れているか、壊れています/);
      const cutAtLine = copy(backup.file, 'cut-at-line.jsonl.gz');
      rewriteBackup(cutAtLine, (lines) => lines.slice(0, Math.floor(lines.length / 2)));
      await refuse(cutAtLine, /途中で切れているか、壊れています/);

      // Damaged in the middle: a byte flipped, then a row's text changed under a valid gzip and checksum.
      const flipped = copy(backup.file, 'flipped.jsonl.gz');
      const damaged = Buffer.from(bytes);
      damaged[Math.floor(damaged.length / 2)]! ^= 0xff;
      fs.writeFileSync(flipped, damaged);
      await refuse(flipped, /チェックサムが一致しません/);
      writeWithChecksum(flipped, damaged);
      await refuse(flipped, /途中で切れているか、壊れています/);
      const edited = copy(backup.file, 'edited.jsonl.gz');
      rewriteBackup(edited, (lines) => lines.map((l) => l.replace('"name":"甲府市"', '"name":"甲府市役所"')));
      await refuse(edited, /表 municipalities の内容が見出しと一致しません/);
      const notJson = copy(backup.file, 'not-json.jsonl.gz');
      rewriteBackup(notJson, (lines) => lines.map((l) => l.replace('"name":"甲府市"', '"name":"甲府市')));
      await refuse(notJson, /JSON として読めない行があります/);

      // From a newer app.
      const newer = copy(backup.file, 'newer.jsonl.gz');
      rewriteBackup(newer, ([first, ...rest]) => {
        const [format, header] = JSON.parse(first!) as [string, { migration: { tag: string; createdAt: number } }];
        header.migration = { ...header.migration, tag: '0099_future', createdAt: header.migration.createdAt + 1 };
        return [JSON.stringify([format, header]), ...rest];
      });
      await refuse(newer, /アプリより新しい版のスキーマ（0099_future）/);

      // No checksum beside it.
      const lonely = path.join(dir, 'lonely.jsonl.gz');
      fs.copyFileSync(backup.file, lonely);
      await refuse(lonely, /チェックサムのファイル lonely\.jsonl\.gz\.sha256 が見つかりません/);

      // A target holding rows, without --force.
      const error = await restoreBackup(target.handle, backup.file).catch((e: unknown) => e);
      expect((error as Error).message).toMatch(/すでにデータがあります（municipalities.*--force/);
      expect(await checksums(target.handle)).toEqual(before);

      // With --force it is replaced: 熊本市 (the target's own) is gone, 甲府市 (the backup's) is there.
      await restoreBackup(target.handle, backup.file, { force: true });
      const names = (await selectRows<{ name: string }>(sql`select name from municipalities`, target.handle.db)).map((r) => r.name);
      expect(names).toContain('甲府市');
      expect(names).not.toContain('熊本市');
    } finally {
      await target.drop();
    }
  }, 60_000);
});

describe('a backup of an older schema', () => {
  it('loads at its own migration, then the later migrations run', async () => {
    const steps = appMigrations();
    const older = steps[steps.length - 2]!;
    const source = await emptyDatabase(kind);
    const target = await emptyDatabase(kind);
    try {
      await source.handle.db.transaction((tx) => migrateWithin(tx as unknown as Db, older.createdAt, steps));
      await createMunicipality(source.handle.db, { name: '富岡市', prefecture: '群馬県' });
      const backup = await writeBackup(source.handle, dir);
      expect(backup.header.migration.tag).toBe(older.tag);
      const restored = await restoreBackup(target.handle, backup.file);
      expect(restored.migratedAfter).toEqual([steps[steps.length - 1]!.tag]);
      const [row] = await selectRows<{ n: number }>(sql`select count(*)::int as n from drizzle.__drizzle_migrations`, target.handle.db);
      expect(row!.n).toBe(steps.length);
      const names = await selectRows<{ name: string }>(sql`select name from municipalities`, target.handle.db);
      expect(names.map((r) => r.name)).toEqual(['富岡市']);
      // drizzle's own migrator finds nothing left to do.
      await migrate(target.handle);
    } finally {
      await source.drop();
      await target.drop();
    }
  }, 60_000);
});

const crossKinds = kind === 'pglite' && process.env.TEST_DATABASE_URL ? describe : describe.skip;
crossKinds('PGlite → PostgreSQL → PGlite', () => {
  it('moves the demo data with every table equal', async () => {
    // A database of its own: the other tests here made 甲府市 already.
    const fresh = await emptyDatabase('pglite');
    const source = fresh.handle;
    await migrate(source);
    await seedDemo(source.db, { passwordHash: await hashPassword(demoPassword) });
    const original = withoutSessions(await checksums(source));
    expect(original.find((t) => t.name === 'activities')!.rows).toBeGreaterThan(1000);
    const onServer = await roundTrip(source, 'postgres');
    try {
      expect(onServer.backup.header.database).toBe('pglite');
      expect(withoutSessions(await checksums(onServer.handle))).toEqual(original);
      const back = await roundTrip(onServer.handle, 'pglite' satisfies DbKind);
      try {
        expect(back.backup.header.database).toBe('postgres');
        expect(withoutSessions(await checksums(back.handle))).toEqual(original);
      } finally {
        await back.drop();
      }
    } finally {
      await onServer.drop();
      await fresh.drop();
    }
  }, 300_000);
});
