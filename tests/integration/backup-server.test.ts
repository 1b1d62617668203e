import fs from 'node:fs';
import { Writable } from 'node:stream';
import { and, eq } from 'drizzle-orm';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { getDb, getDbHandle, type Db } from '../../db/client';
import { appMigrations, migrateWithin } from '../../db/backup/migrations';
import { hasPendingMigrations } from '../../app/models/backup-checks.server';
import { auditLog } from '../../db/schema';
import { action, loader } from '../../app/routes/admin.backups';
import { backupNow, backupSchedule, lastBackupFailure, nextBackupAt, setBackupWriterForTests, startBackupSchedule } from '../../app/models/backups.server';
import { readEnv } from '../../app/utils/env.server';
import { actionArgs, loaded, loaderArgs } from '../helpers';
import { createActivity, createMunicipality, createOrganizer, createTeam, createUser } from '../factories';
import { sessionCookie } from '../world';
import { emptyDatabase, tempDir } from '../setup/backup-targets';

// The running server's backups (issue 20): rotation, a full disk, the schedule, the organizers' page.
const dir = tempDir();
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => setBackupWriterForTests(undefined));
const env = { BACKUP_DIR: dir, BACKUP_KEEP: 3 };

describe('rotation', () => {
  it('keeps exactly BACKUP_KEEP backups, each with its .sha256, newest first', async () => {
    const made: string[] = [];
    for (let i = 0; i < 5; i++) {
      const outcome = await backupNow('schedule', null, getDbHandle(), env);
      if (!outcome.ok) throw new Error(outcome.message);
      made.push(outcome.result.file.split('/').pop()!);
    }
    const files = fs.readdirSync(dir).sort();
    expect(files.filter((f) => f.endsWith('.jsonl.gz'))).toEqual([...made.slice(2)].sort());
    expect(files.filter((f) => f.endsWith('.sha256'))).toHaveLength(3);
    expect(files.filter((f) => f.startsWith('.'))).toEqual([]);
  }, 60_000);
});

describe('a full disk', () => {
  it('fails loudly (logged, on the organizers’ page), leaves no partial file, and the app goes on', async () => {
    const before = fs.readdirSync(dir).sort();
    setBackupWriterForTests(
      () =>
        new Writable({
          write(_chunk, _enc, done) {
            done(Object.assign(new Error('no space left on device, write'), { code: 'ENOSPC' }));
          },
        }),
    );
    const errors: string[] = [];
    const original = console.error;
    console.error = (...args: unknown[]) => errors.push(args.join(' '));
    try {
      const outcome = await backupNow('schedule', null, getDbHandle(), env);
      expect(outcome).toEqual({ ok: false, message: expect.stringMatching(/ディスクの空きがありません/) as string });
    } finally {
      console.error = original;
    }
    expect(errors.join('\n')).toMatch(/バックアップに失敗しました .*ENOSPC/);
    expect(fs.readdirSync(dir).sort()).toEqual(before);
    expect(lastBackupFailure()?.message).toMatch(/ENOSPC/);
    // The database answers and takes writes as before.
    const team = await createTeam(getDb());
    expect((await createActivity(getDb(), { teamId: team.id })).id).toBeGreaterThan(0);
    // Organizers read it on the page, in Japanese.
    const organizer = await createOrganizer(getDb());
    const user = await createUser(getDb(), { personId: organizer.personId, passwordHash: null });
    const page = await loaded(loader(loaderArgs('/admin/backups', { headers: { Cookie: await sessionCookie(user.id) } })));
    expect(page.failure?.message).toMatch(/ディスクの空きがありません/);
  }, 60_000);
});

describe('今すぐバックアップ', () => {
  it('makes a backup, audits it and lists it', async () => {
    const organizer = await createOrganizer(getDb());
    const user = await createUser(getDb(), { personId: organizer.personId, passwordHash: null });
    const headers = { Cookie: await sessionCookie(user.id) };
    const response = (await action(actionArgs('/admin/backups', { intent: 'backup' }, { headers }))) as Response;
    expect(response.status).toBe(302);
    const page = await loaded(loader(loaderArgs('/admin/backups', { headers })));
    expect(page.failure).toBeNull();
    expect(page.backups.length).toBeGreaterThan(0);
    expect(page.backups[0]!.sha256).toMatch(/^[0-9a-f]{64}$/);
    const audited = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'backup.create'), eq(auditLog.userId, user.id)));
    expect(audited).toHaveLength(1);
  }, 60_000);
});

describe('the schedule', () => {
  it('reads BACKUP_EVERY, with daily 03:00 Tokyo on PGlite and none on PostgreSQL by default', () => {
    const base = { NODE_ENV: 'test' } as const;
    expect(backupSchedule(readEnv(base), 'pglite')).toEqual({ daily: { hour: 3, minute: 0 } });
    expect(backupSchedule(readEnv(base), 'postgres')).toBe('off');
    expect(backupSchedule(readEnv({ ...base, BACKUP_EVERY: '6h' }), 'postgres')).toEqual({ hours: 6 });
    expect(backupSchedule(readEnv({ ...base, BACKUP_EVERY: 'off' }), 'pglite')).toBe('off');
    expect(() => readEnv({ ...base, BACKUP_EVERY: 'daily' })).toThrow(/BACKUP_EVERY は 03:00/);
    expect(() => readEnv({ ...base, BACKUP_KEEP: '0' })).toThrow(/BACKUP_KEEP/);
    // 03:00 in Tokyo is 18:00 UTC the day before.
    expect(nextBackupAt({ daily: { hour: 3, minute: 0 } }, new Date('2026-11-26T12:00:00+09:00')).toISOString()).toBe('2026-11-26T18:00:00.000Z');
    expect(nextBackupAt({ daily: { hour: 3, minute: 0 } }, new Date('2026-11-27T02:59:00+09:00')).toISOString()).toBe('2026-11-26T18:00:00.000Z');
    expect(nextBackupAt({ daily: { hour: 3, minute: 0 } }, new Date('2026-11-27T03:00:00+09:00')).toISOString()).toBe('2026-11-27T18:00:00.000Z');
  });

  it('runs only in the first worker of a cluster', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const envOn = readEnv({ NODE_ENV: 'test', BACKUP_EVERY: '03:00', BACKUP_DIR: dir });
    try {
      startBackupSchedule(envOn, getDbHandle(), '1')();
      expect(setTimeoutSpy).not.toHaveBeenCalled();
      startBackupSchedule(envOn, getDbHandle(), '0')();
      startBackupSchedule(envOn, getDbHandle(), undefined)();
      expect(setTimeoutSpy).toHaveBeenCalledTimes(2);
    } finally {
      setTimeoutSpy.mockRestore();
    }
  });
});

describe('before a migration', () => {
  it('is needed where migrations are pending on a database holding rows, and only there', async () => {
    const steps = appMigrations();
    expect(await hasPendingMigrations(getDbHandle())).toBe(false); // fully migrated
    const older = await emptyDatabase(getDbHandle().kind);
    try {
      expect(await hasPendingMigrations(older.handle)).toBe(false); // never migrated: nothing to lose
      await older.handle.db.transaction((tx) => migrateWithin(tx as unknown as Db, steps[steps.length - 2]!.createdAt, steps));
      expect(await hasPendingMigrations(older.handle)).toBe(false); // pending, but empty
      await createMunicipality(older.handle.db);
      expect(await hasPendingMigrations(older.handle)).toBe(true);
      const made = await backupNow('migration', null, older.handle, env);
      expect(made.ok && made.result.header.migration.tag).toBe(steps[steps.length - 2]!.tag);
    } finally {
      await older.drop();
    }
  }, 60_000);
});
