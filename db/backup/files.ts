import fs from 'node:fs';
import path from 'node:path';
import { backupNamePattern, checksumSuffix } from './format';

export type BackupFile = { name: string; file: string; size: number; sha256: string | null; takenAt: Date };

/** The backups in `dir`, newest first (their names sort by the Tokyo time they were taken). */
export function listBackupFiles(dir: string): BackupFile[] {
  if (!fs.existsSync(dir)) return [];
  return fs
    .readdirSync(dir)
    .filter((name) => backupNamePattern.test(name))
    .sort((a, b) => order(b).localeCompare(order(a)))
    .map((name) => {
      const file = path.join(dir, name);
      const sumFile = `${file}${checksumSuffix}`;
      const sha256 = fs.existsSync(sumFile) ? (/^([0-9a-f]{64})/.exec(fs.readFileSync(sumFile, 'utf8'))?.[1] ?? null) : null;
      return { name, file, size: fs.statSync(file).size, sha256, takenAt: takenAt(name) };
    });
}

/** jinmane-20261207-031500-2 after jinmane-20261207-031500 (two in one second). */
function order(name: string): string {
  const [, stamp, n] = /^jinmane-(\d{8}-\d{6})(?:-(\d+))?/.exec(name)!;
  return `${stamp}-${(n ?? '1').padStart(6, '0')}`;
}

function takenAt(name: string): Date {
  const [, y, mo, d, h, mi, s] = /^jinmane-(\d{4})(\d{2})(\d{2})-(\d{2})(\d{2})(\d{2})/.exec(name)!;
  return new Date(`${y}-${mo}-${d}T${h}:${mi}:${s}+09:00`);
}

/** Keeps the newest `keep` backups (each with its .sha256) and removes the rest; returns what it removed. */
export function rotateBackups(dir: string, keep: number): string[] {
  const removed = listBackupFiles(dir).slice(keep);
  for (const b of removed) {
    fs.rmSync(b.file, { force: true });
    fs.rmSync(`${b.file}${checksumSuffix}`, { force: true });
  }
  return removed.map((b) => b.name);
}
