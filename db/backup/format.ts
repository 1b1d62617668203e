import type { DbKind } from '../client';
import type { SequenceValue, TableSum } from './catalog';

/**
 * The portable backup (docs/decisions/0025): one gzip file of lines. The first line is
 * ["jinmane-backup", header]; then, per table in the header's order, ["table", name] and one
 * line per row (PostgreSQL's row_to_json text, in key order); the last line is ["end", tables].
 * The same file restores onto PGlite or PostgreSQL.
 */
export const backupFormat = 'jinmane-backup';
export const backupVersion = 1;

export type BackupHeader = {
  format: typeof backupFormat;
  version: number;
  createdAt: string;
  database: DbKind;
  /** The last migration applied: its journal tag and `when` (drizzle's created_at). */
  migration: { tag: string; createdAt: number; count: number };
  tables: (TableSum & { orderBy: string[] })[];
  sequences: SequenceValue[];
};

export const backupSuffix = '.jsonl.gz';
export const checksumSuffix = '.sha256';

/** jinmane-20261207-031500.jsonl.gz: the Tokyo time it was taken, sortable. */
export function backupFileName(at: Date): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-GB', {
      timeZone: 'Asia/Tokyo',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(at)
      .map((p) => [p.type, p.value]),
  );
  return `jinmane-${parts.year}${parts.month}${parts.day}-${parts.hour}${parts.minute}${parts.second}${backupSuffix}`;
}

export const backupNamePattern = /^jinmane-\d{8}-\d{6}(-\d+)?\.jsonl\.gz$/;
