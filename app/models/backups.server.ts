import type { Writable } from 'node:stream';
import { getDbHandle, type DbHandle } from '../../db/client';
import { writeBackup, type BackupResult } from '../../db/backup/dump';
import { listBackupFiles, rotateBackups } from '../../db/backup/files';
import { now } from '~/utils/clock';
import { getEnv, parseBackupEvery, type BackupEvery, type Env } from '~/utils/env.server';
import { recordAuditAlone, type AuditActor } from './audit.server';

// Backups the running server makes (issue 20, docs/decisions/0025): on a schedule, on an organizer's
// button, and before migrations. One at a time; a failure is logged and kept for the admin page.

export type BackupFailure = { at: string; message: string };
let lastFailure: BackupFailure | null = null;
let running: Promise<BackupResult> | null = null;

/** Tests inject a disk that fills up. */
let openFileForTests: ((file: string) => Writable) | undefined;
export function setBackupWriterForTests(open: ((file: string) => Writable) | undefined) {
  openFileForTests = open;
}

export function lastBackupFailure() {
  return lastFailure;
}

export function listBackups(dir = getEnv().BACKUP_DIR) {
  return listBackupFiles(dir).map((b) => ({ name: b.name, size: b.size, sha256: b.sha256, takenAt: b.takenAt.toISOString() }));
}

/** Makes a backup now and keeps BACKUP_KEEP of them. Never throws: the outcome says what happened. */
export async function backupNow(
  reason: 'schedule' | 'button' | 'migration',
  actor: AuditActor | null = null,
  handle: DbHandle = getDbHandle(),
  env: Pick<Env, 'BACKUP_DIR' | 'BACKUP_KEEP'> = getEnv(),
): Promise<{ ok: true; result: BackupResult; removed: string[] } | { ok: false; message: string }> {
  try {
    // A second press while one runs waits for it rather than starting another.
    running ??= writeBackup(handle, env.BACKUP_DIR, { openFile: openFileForTests }).finally(() => (running = null));
    const result = await running;
    const removed = rotateBackups(env.BACKUP_DIR, env.BACKUP_KEEP);
    lastFailure = null;
    if (actor)
      await recordAuditAlone(actor, {
        action: 'backup.create',
        entityType: 'backup',
        entityId: null,
        detail: { file: result.file.split('/').pop(), size: result.size, reason },
      });
    return { ok: true, result, removed };
  } catch (error) {
    const message = describe(error);
    lastFailure = { at: now().toISOString(), message };
    console.error(`バックアップに失敗しました (backup failed, ${reason}): ${message}`);
    return { ok: false, message };
  }
}

function describe(error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  if (code === 'ENOSPC') return 'ディスクの空きがありません (ENOSPC: no space left on device)';
  if (code === 'EACCES' || code === 'EPERM') return `BACKUP_DIR に書き込めません (${code})`;
  return error instanceof Error ? error.message : String(error);
}

/** The schedule in force: BACKUP_EVERY, or by default daily at 03:00 on PGlite and none on PostgreSQL (the DBA's). */
export function backupSchedule(env: Pick<Env, 'BACKUP_EVERY'>, kind: DbHandle['kind']): BackupEvery {
  if (env.BACKUP_EVERY) return parseBackupEvery(env.BACKUP_EVERY)!;
  return kind === 'pglite' ? { daily: { hour: 3, minute: 0 } } : 'off';
}

/** The next instant after `from` the schedule names (daily times are Tokyo's, UTC+9 all year). */
export function nextBackupAt(every: Exclude<BackupEvery, 'off'>, from: Date): Date {
  if ('hours' in every) return new Date(from.getTime() + every.hours * 3_600_000);
  const tokyo = new Date(from.getTime() + 9 * 3_600_000);
  let at = Date.UTC(tokyo.getUTCFullYear(), tokyo.getUTCMonth(), tokyo.getUTCDate(), every.daily.hour, every.daily.minute) - 9 * 3_600_000;
  if (at <= from.getTime()) at += 24 * 3_600_000;
  return new Date(at);
}

/**
 * Starts the schedule in this process, unless it is off or this is not the first worker
 * (WORKER_INDEX unset or "0": one process of a cluster makes the backups). Returns a stop function.
 */
export function startBackupSchedule(env: Env, handle: DbHandle, workerIndex = process.env.WORKER_INDEX): () => void {
  const every = backupSchedule(env, handle.kind);
  if (every === 'off' || (workerIndex !== undefined && workerIndex !== '' && workerIndex !== '0')) return () => {};
  let timer: NodeJS.Timeout | undefined;
  const plan = () => {
    const wait = Math.max(1_000, nextBackupAt(every, now()).getTime() - now().getTime());
    timer = setTimeout(
      () => {
        void backupNow('schedule', null, handle, env).then(plan);
      },
      Math.min(wait, 2 ** 31 - 1),
    );
    timer.unref();
  };
  plan();
  return () => clearTimeout(timer);
}
