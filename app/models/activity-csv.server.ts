import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { eq, sql } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { activities, activityAttendees } from '../../db/schema';
import {
  activityCsvColumns,
  mapHeaders,
  matchKind,
  nameKey,
  parseDuration,
  parseLooseDate,
  parseStartTime,
  splitNames,
  type ActivityCsvColumn,
} from '~/domain/activity-csv';
import { activityKinds, type Visibility } from '~/domain/codes';
import { excelRows, failedRow, unguardCell } from '~/domain/csv-rows';
import { writeCsv } from '~/utils/csv-export.server';
import { hasSuspectText } from '~/utils/suspect-text';
import { listTeamMembers } from './teams.server';
import { hiddenInterviewTitle, listActivities } from './activities.server';
import type { ActivityValues } from './activity-writes.server';
import { recordAudit, type AuditActor } from './audit.server';

// The activity log as CSV (docs/csv.md): UTF-8 with BOM, Japanese headers, CRLF, so Excel opens it.

export async function exportActivitiesCsv(teamId: number, visibilities: Visibility[]) {
  const rows = (await listActivities(teamId, visibilities, { fullNotes: true })).reverse();
  return writeCsv(
    activityCsvColumns.map(([, label]) => label),
    rows.map((r) => [
      r.occurredOn,
      r.startsAt ?? '',
      activityKinds.label[r.kind],
      String(r.durationMinutes),
      r.title,
      r.attendees.map((a) => a.fullName).join('、'),
      r.guests,
      r.notes,
    ]),
  );
}

export const importLimits = { bytes: 2_000_000, rows: 3_000 };

export type ImportRow = { line: number; values: ActivityValues; importKey: string; duplicate: boolean };
export type ImportPlan = { fileErrors: string[]; rowErrors: { line: number; messages: string[] }[]; rows: ImportRow[] };

/** What importing this CSV would add, with every problem by line number; nothing is written. */
export async function planImport(teamId: number, text: string, db: Db = getDb()): Promise<ImportPlan> {
  const plan: ImportPlan = { fileErrors: [], rowErrors: [], rows: [] };
  if (text.length > importLimits.bytes) return { ...plan, fileErrors: ['ファイルが大きすぎます（2MBまで）'] };
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true }) as string[][];
  } catch (error) {
    const row = failedRow(error);
    return { ...plan, fileErrors: [`${row ? `${row}行目を` : ''}CSVとして読み取れません（引用符「"」の閉じ忘れなど）`] };
  }
  const [header, ...data] = excelRows(records);
  if (!header) return { ...plan, fileErrors: ['データがありません'] };
  const columnOf = mapHeaders(header.cells);
  const missing = (['occurredOn', 'kind'] as const).filter((c) => !columnOf.includes(c));
  if (missing.length) {
    const labels = missing.map((c) => `「${activityCsvColumns.find(([k]) => k === c)![1]}」`).join('と');
    return { ...plan, fileErrors: [`${header.line}行目（見出し）に${labels}の列がありません`] };
  }
  if (data.length > importLimits.rows) return { ...plan, fileErrors: [`一度に読み込めるのは${importLimits.rows.toLocaleString('ja-JP')}行までです`] };

  const members = await listTeamMembers(teamId, db);
  const memberByName = new Map(members.map((m) => [nameKey(m.fullName), m.personId]));
  const existing = await existingKeys(teamId, db);
  const seen = new Map<string, number>();

  for (const { cells, line: rowLine } of data) {
    const cell = (column: ActivityCsvColumn) => {
      const i = columnOf.indexOf(column);
      return i < 0 ? '' : unguardCell((cells[i] ?? '').trim());
    };
    const messages: string[] = [];
    // U+FFFD is what a wrongly decoded file or earlier damage leaves; it is never what the team wrote.
    if (cells.some(hasSuspectText)) messages.push('文字化け（�）か制御文字が含まれています。元のファイルの文字コード（UTF-8 か Shift_JIS）を確かめてください');
    const occurredOn = parseLooseDate(cell('occurredOn'));
    if (!occurredOn) messages.push(`日付「${cell('occurredOn')}」を読み取れません（例: 2022-04-27、2022/4/27、令和4年4月27日）`);
    const startsAt = parseStartTime(cell('startsAt'));
    if (startsAt === undefined) messages.push(`開始時刻「${cell('startsAt')}」を読み取れません（例: 18:30）`);
    const durationMinutes = parseDuration(cell('durationMinutes'));
    if (durationMinutes === null) messages.push(`時間「${cell('durationMinutes')}」を読み取れません（分の数字で、1,440分以内）`);
    const { kind, title } = matchKind(cell('kind'), cell('title'));
    if (title.length > 200) messages.push('タイトルは200文字以内にしてください');
    if (cell('notes').length > 50_000) messages.push('メモは50,000文字以内にしてください');
    if (messages.length || !occurredOn || startsAt === undefined || durationMinutes === null) {
      plan.rowErrors.push({ line: rowLine, messages });
      continue;
    }
    const attendeeIds: number[] = [];
    const outsiders: string[] = [];
    for (const name of splitNames(cell('attendees'))) {
      const id = memberByName.get(nameKey(name));
      if (id) attendeeIds.push(id);
      else outsiders.push(name);
    }
    const guests = [...outsiders, cell('guests')].filter(Boolean).join('、');
    const content = contentKey(occurredOn, kind, title, durationMinutes);
    const nth = seen.get(content) ?? 0;
    seen.set(content, nth + 1);
    const importKey = `${content}:${nth}`;
    // Already here: imported before, or the same entry typed in by hand (or exported from here).
    const duplicate = existing.keys.has(importKey) || nth < (existing.contents.get(content) ?? 0);
    plan.rows.push({
      line: rowLine,
      importKey,
      duplicate,
      values: {
        kind,
        occurredOn,
        startsAt,
        durationMinutes,
        title,
        guests,
        notes: cell('notes'),
        sessionId: null,
        interviewId: null,
        attendeeIds: [...new Set(attendeeIds)],
      },
    });
  }
  return plan;
}

/** The same entry in a file always gets the same key: its date, kind, title and length. */
function contentKey(occurredOn: string, kind: string, title: string, minutes: number) {
  return crypto
    .createHash('sha256')
    .update(JSON.stringify([occurredOn, kind, title, minutes]))
    .digest('hex')
    .slice(0, 32);
}

// Archived entries count too: importing the file again must not bring back what was deleted.
async function existingKeys(teamId: number, db: Db) {
  const rows = await db
    .select({
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      title: activities.title,
      minutes: activities.durationMinutes,
      importKey: activities.importKey,
      interviewId: activities.interviewId,
    })
    .from(activities)
    .where(eq(activities.teamId, teamId));
  const contents = new Map<string, number>();
  const keys = new Set<string>();
  const count = (key: string) => contents.set(key, (contents.get(key) ?? 0) + 1);
  for (const r of rows) {
    count(contentKey(r.occurredOn, r.kind, r.title, r.minutes));
    // An export by someone who may not read an interview carries its masked title; still the same entry.
    if (r.kind === 'interview' && r.interviewId) count(contentKey(r.occurredOn, r.kind, hiddenInterviewTitle, r.minutes));
    if (r.importKey) keys.add(r.importKey);
  }
  return { contents, keys };
}

/**
 * Plans the import again and adds every new row in one transaction with its audit entry: all of
 * them, or none. Imports into one team take turns (a transaction lock), so the same file sent twice at
 * once is planned the second time after the first has committed, and adds nothing.
 */
export async function commitImport(actor: AuditActor, teamId: number, text: string) {
  return transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jinmane:activity-import'), ${teamId})`);
    const plan = await planImport(teamId, text, tx);
    if (plan.fileErrors.length || plan.rowErrors.length) return { kind: 'refused' as const, plan };
    const fresh = plan.rows.filter((r) => !r.duplicate);
    for (const row of fresh) {
      const { attendeeIds, ...values } = row.values;
      const [created] = await tx
        .insert(activities)
        .values({ ...values, teamId, importKey: row.importKey, createdByUserId: actor.userId })
        .returning({ id: activities.id });
      if (attendeeIds.length) await tx.insert(activityAttendees).values(attendeeIds.map((personId) => ({ activityId: created!.id, personId })));
    }
    await recordAudit(tx, actor, {
      action: 'import',
      entityType: 'activity',
      entityId: null,
      detail: { teamId, added: fresh.length, skipped: plan.rows.length - fresh.length },
    });
    return { kind: 'imported' as const, added: fresh.length, skipped: plan.rows.length - fresh.length };
  });
}
