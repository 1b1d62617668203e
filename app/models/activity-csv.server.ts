import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { getDb, transaction, type Db } from '../../db/client';
import { activities, activityAttendees, interviews, preAssignments, preAssignmentSubmissions, studySessions, teams } from '../../db/schema';
import {
  activityCsvColumns,
  mapHeaders,
  nameKey,
  parseDuration,
  parseLooseDate,
  parseStartTime,
  splitNames,
  type ActivityCsvColumn,
} from '~/domain/activity-csv';
import { normalizeLabel, readLabel, readLabelAs, type LabelReading } from '~/domain/activity-label';
import { activityKinds, type ActivityKind, type IntervieweeRole, type SessionKind, type Visibility } from '~/domain/codes';
import { interviewActivityTitle } from '~/domain/interviews';
import { sessionName } from '~/domain/moyamoya';
import { fiscalYearRange, formatEraDate, formatFiscalYear } from '~/utils/dates';
import { excelRows, failedRow, unguardCell } from '~/domain/csv-rows';
import { writeCsv } from '~/utils/csv-export.server';
import { hasSuspectText } from '~/utils/suspect-text';
import { listTeamMembers } from './teams.server';
import { hiddenInterviewTitle, hiddenSurveyTitle, listActivities } from './activities.server';
import { teamMunicipalityKind } from './interviews.server';
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

/** What the person changed in the preview, by line: the kind, and an interview's role. */
export type ImportCorrections = Record<number, { kind?: ActivityKind; role?: IntervieweeRole }>;

export type ImportRow = {
  line: number;
  /** The team's own words the reading came from. */
  label: string;
  /** The kind the reader gave, before any correction in the preview. */
  readKind: ActivityKind;
  values: ActivityValues;
  importKey: string;
  duplicate: boolean;
  /** The session the row is linked to, as people name it (第3回研究会). */
  session: string | null;
  /** The key-person interview the row creates with its activity. */
  interview: { interviewee: string; role: IntervieweeRole } | null;
  /** The pre-assignment whose submission the row records (none recorded yet). */
  submission: { preAssignmentId: number; title: string } | null;
  /** What the preview says about the reading (a session the year does not have, a submission recorded). */
  notes: string[];
};
export type ImportPlan = { fileErrors: string[]; rowErrors: { line: number; label: string; messages: string[] }[]; rows: ImportRow[] };

/** What importing this CSV would add, with every problem by line number; nothing is written. */
export async function planImport(teamId: number, text: string, db: Db = getDb(), corrections: ImportCorrections = {}): Promise<ImportPlan> {
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
  // 日付 and the team's words for the entry: a 種別 column, a text column (活動内容, 内容 …), or both.
  const missing = [
    columnOf.includes('occurredOn') ? null : '「日付」',
    columnOf.includes('kind') || columnOf.includes('title') ? null : '「活動内容」（または「種別」）',
  ].filter(Boolean);
  if (missing.length) return { ...plan, fileErrors: [`${header.line}行目（見出し）に${missing.join('と')}の列がありません`] };
  if (data.length > importLimits.rows) return { ...plan, fileErrors: [`一度に読み込めるのは${importLimits.rows.toLocaleString('ja-JP')}行までです`] };
  // Without a 種別 column, the text column is the label the kind is read from.
  const labelColumn: ActivityCsvColumn = columnOf.includes('kind') ? 'kind' : 'title';
  // A second text column (日付,項目,内容 — 内容 beside 件名) is not dropped: it goes into メモ.
  const moreText = columnOf.flatMap((column, i) => (column === 'title' && i !== columnOf.indexOf('title') ? [i] : []));
  const municipalityKind = await teamMunicipalityKind(teamId, db);

  const members = await listTeamMembers(teamId, db);
  const memberByName = new Map(members.map((m) => [nameKey(m.fullName), m.personId]));
  const existing = await existingKeys(teamId, db);
  const year = await yearOf(teamId, db);
  const seenRows = new Map<string, number>();
  const seenContents = new Map<string, number>();
  const seenLegacy = new Map<string, number>();
  const submitting = new Set<number>();

  for (const { cells, line: rowLine } of data) {
    const cell = (column: ActivityCsvColumn) => {
      const i = columnOf.indexOf(column);
      return i < 0 ? '' : unguardCell((cells[i] ?? '').trim());
    };
    const label = cell(labelColumn);
    const titleCell = labelColumn === 'kind' ? cell('title') : '';
    const notes = [cell('notes'), ...moreText.map((i) => unguardCell((cells[i] ?? '').trim()))].filter(Boolean).join('\n');
    const messages: string[] = [];
    // U+FFFD is what a wrongly decoded file or earlier damage leaves; it is never what the team wrote.
    if (cells.some(hasSuspectText)) messages.push('文字化け（�）か制御文字が含まれています。元のファイルの文字コード（UTF-8 か Shift_JIS）を確かめてください');
    const occurredOn = parseLooseDate(cell('occurredOn'), year.fiscalYear);
    if (!occurredOn) messages.push(`日付「${cell('occurredOn')}」を読み取れません（例: 2022-04-27、2022/4/27、令和4年4月27日、4月27日）`);
    else if (occurredOn < year.first || occurredOn > year.last)
      messages.push(`日付 ${formatEraDate(occurredOn)} は${formatFiscalYear(year.fiscalYear)}（4月1日〜翌年3月31日）の外です`);
    const startsAt = parseStartTime(cell('startsAt'));
    if (startsAt === undefined) messages.push(`開始時刻「${cell('startsAt')}」を読み取れません（例: 18:30）`);
    const durationMinutes = parseDuration(cell('durationMinutes'));
    if (durationMinutes === null) messages.push(`時間「${cell('durationMinutes')}」を読み取れません（分の数字で、1,440分以内）`);
    if (!label && !titleCell) messages.push(`${labelColumn === 'kind' ? '種別もタイトルも' : '活動内容が'}空です`);
    // Longer text is refused before it is read: reading it costs time, and no title may be longer.
    const tooLong = [label, titleCell].find((text) => [...text].length > 200);
    if (tooLong) messages.push(`タイトルは200文字以内にしてください（${[...tooLong].length.toLocaleString('ja-JP')}文字あります）`);
    const read = tooLong ? null : readLabel(label, titleCell);
    const correction = corrections[rowLine] ?? {};
    const reading = read && correction.kind && correction.kind !== read.kind ? readLabelAs(label, titleCell, correction.kind) : read;
    if (reading && [...reading.title].length > 200)
      messages.push(`タイトルは200文字以内にしてください（${[...reading.title].length.toLocaleString('ja-JP')}文字あります）`);
    if (notes.length > 50_000) messages.push('メモは50,000文字以内にしてください');
    const shown = labelColumn === 'kind' && titleCell ? `${label}／${titleCell}` : label || titleCell;
    if (!read || !reading || messages.length || !occurredOn || startsAt === undefined || durationMinutes === null) {
      plan.rowErrors.push({ line: rowLine, label: [...shown].length > 80 ? `${[...shown].slice(0, 80).join('')}…` : shown, messages });
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
    const interview = reading.interview ? { ...reading.interview, role: correction.role ?? reading.interview.role } : null;
    const { kind } = reading;
    // An interview's activity is titled by the interviewee's role, as the interview form titles it: the
    // person's name stays on the interview, which only those who may read it see.
    const title = interview ? interviewActivityTitle(interview.role, municipalityKind) : reading.title;
    // The row's own key comes from what the file says (not its length, which a later column may add), so
    // a kind corrected in the preview, or read differently by a later version, does not make the row new.
    const rowKey = hashKey(['row', occurredOn, normalizeLabel(label), normalizeLabel(titleCell)]);
    const rowNth = seenRows.get(rowKey) ?? 0;
    seenRows.set(rowKey, rowNth + 1);
    const importKey = `${rowKey}:${rowNth}`;
    // The same entry already in the log: by the title it will have, or by the file's own title (an
    // exported interview row carries the title its activity has, which the interview form may have set).
    const sameContent = [...new Set([title, reading.title])]
      .map((t) => {
        const content = contentKey(occurredOn, kind, t, durationMinutes);
        const nth = seenContents.get(content) ?? 0;
        seenContents.set(content, nth + 1);
        return nth < (existing.contents.get(content) ?? 0);
      })
      .includes(true);
    // Already here: imported before, or the same entry typed in by hand (or exported from here).
    const legacy = labelColumn === 'kind' ? legacyKey(occurredOn, label, titleCell, durationMinutes, seenLegacy) : null;
    const duplicate =
      existing.keys.has(importKey) ||
      (legacy !== null && existing.keys.has(legacy)) ||
      sameContent ||
      // An interview with this person's role on this day is already recorded (typed in the interview form).
      (interview !== null && existing.interviews.has(`${occurredOn}|${interview.role}`));
    const links = linksOf(reading, occurredOn, year, submitting);
    if (links.submission && !duplicate) submitting.add(links.submission.preAssignmentId);
    plan.rows.push({
      line: rowLine,
      label: shown,
      readKind: read.kind,
      importKey,
      duplicate,
      session: links.session?.name ?? null,
      interview,
      submission: duplicate ? null : links.submission,
      notes: duplicate ? [] : links.notes,
      values: {
        kind,
        occurredOn,
        startsAt,
        durationMinutes,
        title,
        guests,
        notes,
        sessionId: links.session?.id ?? null,
        interviewId: null,
        attendeeIds: [...new Set(attendeeIds)],
      },
    });
  }
  return plan;
}

type YearSession = { id: number; kind: SessionKind; number: number; startsOn: string; endsOn: string | null; name: string };
type YearContext = {
  fiscalYear: number;
  first: string;
  last: string;
  sessions: YearSession[];
  /** Each session's live pre-assignment (the latest), and whether this team has submitted it. */
  assignments: Map<number, { id: number; title: string; submitted: boolean }>;
};

/** The team's year: its dates, its sessions and their pre-assignments, and what the team has submitted. */
async function yearOf(teamId: number, db: Db): Promise<YearContext> {
  const [team] = await db.select({ fiscalYear: teams.fiscalYear }).from(teams).where(eq(teams.id, teamId));
  const fiscalYear = team!.fiscalYear;
  const sessions = await db
    .select({ id: studySessions.id, kind: studySessions.kind, number: studySessions.number, startsOn: studySessions.startsOn, endsOn: studySessions.endsOn })
    .from(studySessions)
    .where(and(eq(studySessions.fiscalYear, fiscalYear), isNull(studySessions.archivedAt)))
    .orderBy(asc(studySessions.startsOn), asc(studySessions.id));
  const assignmentRows = sessions.length
    ? await db
        .select({ id: preAssignments.id, sessionId: preAssignments.sessionId, title: preAssignments.title, submittedOn: preAssignmentSubmissions.submittedOn })
        .from(preAssignments)
        .leftJoin(preAssignmentSubmissions, and(eq(preAssignmentSubmissions.preAssignmentId, preAssignments.id), eq(preAssignmentSubmissions.teamId, teamId)))
        .where(
          and(
            inArray(
              preAssignments.sessionId,
              sessions.map((s) => s.id),
            ),
            isNull(preAssignments.archivedAt),
          ),
        )
        .orderBy(asc(preAssignments.id))
    : [];
  const assignments = new Map(assignmentRows.map((a) => [a.sessionId, { id: a.id, title: a.title, submitted: a.submittedOn !== null }]));
  return {
    fiscalYear,
    ...fiscalYearRange(fiscalYear),
    sessions: sessions.map((s) => ({ ...s, name: sessionName(s.kind, s.number) })),
    assignments,
  };
}

/** The session a row attends (by its number, or by its date), and the pre-assignment it submits. */
function linksOf(reading: LabelReading, occurredOn: string, year: YearContext, submitting: Set<number>) {
  const notes: string[] = [];
  let session: YearSession | undefined;
  let submission: ImportRow['submission'] = null;
  const onDate = (s: YearSession) => s.startsOn <= occurredOn && occurredOn <= (s.endsOn ?? s.startsOn);
  if (reading.session) {
    const { kind, number } = reading.session;
    if (number !== null) {
      session = year.sessions.find((s) => s.kind === kind && s.number === number);
      if (!session) notes.push(`${sessionName(kind, number)}は${formatFiscalYear(year.fiscalYear)}にないため、研究会には結び付けません`);
    } else {
      session = year.sessions.find((s) => s.kind === kind && onDate(s)) ?? year.sessions.find(onDate);
      if (!session) notes.push('この日の研究会が年度の日程にないため、研究会には結び付けません');
    }
  }
  if (reading.preassignment) {
    const { number } = reading.preassignment;
    // A pre-assignment is submitted before its session: without a number, the next session from that day.
    session =
      number !== null
        ? year.sessions.find((s) => s.kind === 'study' && s.number === number)
        : year.sessions.find((s) => s.kind === 'study' && occurredOn <= (s.endsOn ?? s.startsOn));
    const assignment = session ? year.assignments.get(session.id) : undefined;
    if (!session)
      notes.push(
        number !== null
          ? `第${number}回研究会は${formatFiscalYear(year.fiscalYear)}にないため、事前課題には結び付けません`
          : 'この日より後の研究会がないため、事前課題には結び付けません',
      );
    else if (!assignment) notes.push(`${session.name}に事前課題が登録されていないため、提出は記録しません`);
    else if (assignment.submitted || submitting.has(assignment.id)) notes.push(`事前課題「${assignment.title}」は提出済みです`);
    else {
      submission = { preAssignmentId: assignment.id, title: assignment.title };
      notes.push(`事前課題「${assignment.title}」を ${formatEraDate(occurredOn)} に提出済みとして記録します`);
    }
  }
  return { session, submission, notes };
}

/** The same entry in a file always gets the same key: its date, kind, title and length. */
function contentKey(occurredOn: string, kind: string, title: string, minutes: number) {
  return hashKey([occurredOn, kind, title, minutes]);
}

function hashKey(parts: unknown[]) {
  return crypto.createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 32);
}

/**
 * The key the import gave a row before labels were read (issue 16, November 2026): a 種別 that was a kind
 * name or one of a few aliases was that kind, anything else その他 titled `label：title`. A file imported
 * then and imported again now is recognised by it and adds nothing.
 */
function legacyKey(occurredOn: string, label: string, title: string, minutes: number, seen: Map<string, number>) {
  const aliases: Record<string, ActivityKind> = {
    キーマンインタビュー: 'interview',
    インタビュー: 'interview',
    フォローアップ会: 'followup',
    フォローアップ: 'followup',
    定例ミーティング: 'meeting',
    打合せ: 'meeting',
    打ち合わせ: 'meeting',
    OSM: 'offsite',
    対話自治体との対話: 'partner_meeting',
  };
  const norm = label.normalize('NFKC').trim();
  const kind = activityKinds.codes.find((code) => activityKinds.label[code].normalize('NFKC') === norm) ?? aliases[norm];
  const content = kind
    ? contentKey(occurredOn, kind, title, minutes)
    : contentKey(occurredOn, 'other', norm === '' ? title : title ? `${norm}：${title}` : norm, minutes);
  const nth = seen.get(content) ?? 0;
  seen.set(content, nth + 1);
  return `${content}:${nth}`;
}

// Archived entries count too: importing the file again must not bring back what was deleted.
async function existingKeys(teamId: number, db: Db) {
  const interviewDays = await db
    .select({ interviewedOn: interviews.interviewedOn, role: interviews.roleCategory })
    .from(interviews)
    .where(eq(interviews.teamId, teamId));
  const rows = await db
    .select({
      occurredOn: activities.occurredOn,
      kind: activities.kind,
      title: activities.title,
      minutes: activities.durationMinutes,
      importKey: activities.importKey,
      interviewId: activities.interviewId,
      surveyId: activities.surveyId,
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
    if (r.surveyId) count(contentKey(r.occurredOn, r.kind, hiddenSurveyTitle, r.minutes));
    if (r.importKey) keys.add(r.importKey);
  }
  return { contents, keys, interviews: new Set(interviewDays.map((i) => `${i.interviewedOn}|${i.role}`)) };
}

/**
 * Plans the import again and adds every new row in one transaction with its audit entry: all of
 * them, or none. Imports into one team take turns (a transaction lock), so the same file sent twice at
 * once is planned the second time after the first has committed, and adds nothing.
 */
export async function commitImport(actor: AuditActor, teamId: number, text: string, corrections: ImportCorrections = {}) {
  return transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(hashtext('jinmane:activity-import'), ${teamId})`);
    const plan = await planImport(teamId, text, tx, corrections);
    if (plan.fileErrors.length || plan.rowErrors.length) return { kind: 'refused' as const, plan };
    const fresh = plan.rows.filter((r) => !r.duplicate);
    let interviewCount = 0;
    for (const row of fresh) {
      const { attendeeIds, ...values } = row.values;
      let interviewId: number | null = null;
      // Entered once: the interview and its own activity, visible to the team only until someone widens it.
      if (row.interview) {
        const [interview] = await tx
          .insert(interviews)
          .values({
            teamId,
            interviewedOn: values.occurredOn,
            interviewee: row.interview.interviewee,
            roleCategory: row.interview.role,
            visibility: 'team',
            createdByUserId: actor.userId,
          })
          .returning({ id: interviews.id });
        interviewId = interview!.id;
        interviewCount++;
      }
      const [created] = await tx
        .insert(activities)
        .values({ ...values, interviewId, teamId, importKey: row.importKey, createdByUserId: actor.userId })
        .returning({ id: activities.id });
      if (attendeeIds.length) await tx.insert(activityAttendees).values(attendeeIds.map((personId) => ({ activityId: created!.id, personId })));
      if (row.submission) {
        await tx
          .insert(preAssignmentSubmissions)
          .values({ preAssignmentId: row.submission.preAssignmentId, teamId, submittedOn: values.occurredOn, note: '活動記録のCSVから' })
          .onConflictDoNothing();
      }
    }
    const submissions = fresh.filter((r) => r.submission).length;
    const added = fresh.length;
    const skipped = plan.rows.length - added;
    await recordAudit(tx, actor, {
      action: 'import',
      entityType: 'activity',
      entityId: null,
      detail: { teamId, added, skipped, interviews: interviewCount, submissions },
    });
    return { kind: 'imported' as const, added, skipped, interviews: interviewCount, submissions };
  });
}
