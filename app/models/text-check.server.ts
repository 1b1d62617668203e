import { eq, inArray, sql, type SQL } from 'drizzle-orm';
import { getDb, selectRows, type Db } from '../../db/client';
import { municipalities, teams } from '../../db/schema';
import { sheetSections } from '../domain/sheet';
import { formatFiscalYear } from '../utils/dates';
import { hasSuspectText, suspectCodes, suspectExcerpt, suspectTextPattern } from '../utils/suspect-text';

// Finds stored text that holds characters no one types (U+FFFD, control characters) in every
// text, varchar, json(b) and text-array column of every table, read from the catalog at run time
// so a table added later is covered. Read-only: one `repeatable read, read only` transaction.

export type TextHit = {
  table: string;
  tableLabel: string;
  recordKey: string; // the primary key's column names, e.g. "id"
  recordId: string; // its values, e.g. "12" (comma-separated when composite)
  column: string; // a column, or a place inside a json column: content.focusInitiatives[0].text
  columnLabel: string | null; // the sheet section, for a place inside sheet content
  teamId: number | null;
  team: string | null; // 甲府市 令和8年度; null for rows that belong to no team
  codes: string[]; // the suspect characters found, e.g. ['U+FFFD']
  excerpt: string;
};

export type TextCheck = { hits: TextHit[]; tables: number; columns: number; skippedColumns: string[] };

// Machine-made secrets: never typed into a form, and never to be printed.
const secretColumn = /(_hash|password|secret|token)$/;

const tableLabels: Record<string, string> = {
  program_years: '年度',
  study_sessions: '研究会',
  pre_assignments: '事前課題',
  municipalities: '自治体',
  organizers: '運営メンバー',
  people: '人',
  users: 'アカウント',
  hr_viewers: '人事担当',
  auth_sessions: 'ログイン中のセッション',
  account_tokens: '招待・再設定リンク',
  login_attempts: 'ログインの試行',
  audit_log: '操作記録',
  teams: 'チーム',
  team_members: 'チームメンバー',
  dialogue_groups: '対話グループ',
  pre_assignment_submissions: '事前課題の提出',
  activities: '活動記録',
  interviews: 'キーパーソンインタビュー',
  interview_homework: 'インタビューの宿題',
  moyamoya_checkins: 'モヤモヤ指数',
  team_moyamoya: 'チームのモヤモヤ',
  sheets: '変革ストーリーシート',
  sheet_versions: '変革ストーリーシートの版',
  sheet_comments: 'シートへのコメント',
  change_chains: '創り出した変化',
  change_moments: '変化の出来事',
  alumni_groups: 'マネ友グループ',
  offsite_meetings: 'オフサイトミーティング',
  offsite_meeting_people: 'オフサイトミーティングの参加者',
  mentor_assignments: 'メンター',
  mentor_offers: 'メンターの申し出',
  handovers: '引き継ぎ',
  paper_drafts: '共同論文の草稿',
  facilitator_requests: '世話人派遣の依頼',
  facilitator_offers: '世話人派遣の申し出',
  notifications: 'お知らせ',
};
const sectionLabels = new Map<string, string>(sheetSections);

type CatalogColumn = { table: string; column: string; kind: 'text' | 'json' | null };
type ForeignKey = { table: string; column: string; parent: string; parentColumn: string };
type Hop = { column: string; parent: string; parentColumn: string };
type TeamPath = { hops: Hop[]; teamColumn: string };

export async function checkStoredText(): Promise<TextCheck> {
  return getDb().transaction(
    async (transaction) => {
      const tx = transaction as unknown as Db;
      const columns = await selectRows<CatalogColumn>(catalogColumns, tx);
      if (!columns.some((c) => c.table === 'teams')) {
        throw new Error('teams 表がありません。マイグレーション前のデータベースではありませんか（このコマンドはマイグレーションを行いません）');
      }
      const keys = await selectRows<{ table: string; column: string }>(catalogPrimaryKeys, tx);
      const foreignKeys = await selectRows<ForeignKey>(catalogForeignKeys, tx);
      const scanned = columns.filter((c) => c.kind && !secretColumn.test(c.column));
      const tables = [...new Set(scanned.map((c) => c.table))];
      const hits: TextHit[] = [];
      for (const table of tables) {
        const key = keys.filter((k) => k.table === table && !secretColumn.test(k.column)).map((k) => k.column);
        const path = teamPath(table, columns, foreignKeys);
        hits.push(
          ...(await scanTable(
            tx,
            table,
            scanned.filter((c) => c.table === table),
            key,
            path,
          )),
        );
      }
      const labels = await teamLabels(tx, [...new Set(hits.flatMap((h) => (h.teamId === null ? [] : [h.teamId])))]);
      for (const hit of hits) hit.team = hit.teamId === null ? null : (labels.get(hit.teamId) ?? `チーム ${hit.teamId}`);
      return {
        hits: hits.sort(byTeamThenRecord),
        tables: tables.length,
        columns: scanned.length,
        skippedColumns: columns.filter((c) => c.kind && secretColumn.test(c.column)).map((c) => `${c.table}.${c.column}`),
      };
    },
    { isolationLevel: 'repeatable read', accessMode: 'read only' },
  );
}

async function scanTable(tx: Db, table: string, columns: CatalogColumn[], key: string[], path: TeamPath | null) {
  const ref = (alias: number, column: string) => sql`${sql.raw(`t${alias}`)}.${sql.identifier(column)}`;
  const values = columns.map((c) => (c.kind === 'text' ? sql`${ref(0, c.column)}::text` : sql`to_jsonb(${ref(0, c.column)})::text`));
  // jsonb text shows U+FFFD as itself and control characters as \u0001, \b or \f escapes.
  const matches = values.map((value, i) =>
    columns[i]!.kind === 'text' ? sql`${value} ~ ${suspectTextPattern}` : sql`${value} ~ ${'\\uFFFD|\\\\u00[01]|\\\\[bf]'}`,
  );
  const recordId = key.length
    ? sql`concat_ws(',', ${sql.join(
        key.map((k) => sql`${ref(0, k)}::text`),
        sql`, `,
      )})`
    : sql`t0.ctid::text`;
  const joins = (path?.hops ?? []).map(
    (hop, i) => sql` left join ${sql.identifier(hop.parent)} ${sql.raw(`t${i + 1}`)} on ${ref(i + 1, hop.parentColumn)} = ${ref(i, hop.column)}`,
  );
  const teamId = path ? sql`${ref(path.hops.length, path.teamColumn)}::int` : sql`null::int`;
  const rows = await selectRows<{ recordId: string; teamId: number | null } & Record<string, string | null>>(
    sql`
    select ${recordId} as "recordId", ${teamId} as "teamId",
      ${sql.join(
        values.map((value, i) => sql`case when ${matches[i]} then ${value} end as ${sql.identifier(`v${i}`)}`),
        sql`, `,
      )}
    from ${sql.identifier(table)} t0${sql.join(joins, sql``)}
    where ${sql.join(matches, sql` or `)}`,
    tx,
  );
  return rows.flatMap((row) =>
    columns.flatMap((c, i) => {
      const value = row[`v${i}`];
      if (value == null) return [];
      const places = c.kind === 'text' ? [[c.column, value] as const] : [...suspectStrings(JSON.parse(value), c.column)];
      return places
        .filter(([, text]) => hasSuspectText(text))
        .map(([column, text]): TextHit => ({
          table,
          tableLabel: tableLabels[table] ?? table,
          recordKey: key.length ? key.join(',') : 'ctid',
          recordId: row.recordId,
          column,
          columnLabel: c.kind === 'json' ? (sectionLabels.get(column.split(/[.[]/)[1] ?? '') ?? null) : null,
          teamId: row.teamId,
          team: null,
          codes: suspectCodes(text),
          excerpt: suspectExcerpt(text),
        }));
    }),
  );
}

// Team by team (rows of no team last), then table, record and column.
function byTeamThenRecord(a: TextHit, b: TextHit): number {
  return (
    Number(a.team === null) - Number(b.team === null) ||
    (a.team ?? '').localeCompare(b.team ?? '', 'ja') ||
    a.table.localeCompare(b.table) ||
    a.recordId.localeCompare(b.recordId, 'en', { numeric: true }) ||
    a.column.localeCompare(b.column, 'en', { numeric: true })
  );
}

/** The strings (values and keys) inside a json value that hold a suspect character, with their place. */
function* suspectStrings(value: unknown, place: string): Generator<readonly [string, string]> {
  if (typeof value === 'string') {
    if (hasSuspectText(value)) yield [place, value];
  } else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) yield* suspectStrings(item, `${place}[${i}]`);
  } else if (value !== null && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) {
      if (hasSuspectText(key)) yield [`${place}（項目名）`, key];
      yield* suspectStrings(item, `${place}.${key}`);
    }
  }
}

/**
 * How a row of `table` reaches its team: its own team_id (or teams.id itself), else through up to
 * three single-column foreign keys (interview_homework → interviews, change_moments → change_chains).
 */
function teamPath(table: string, columns: CatalogColumn[], foreignKeys: ForeignKey[]): TeamPath | null {
  const direct = (t: string) =>
    t === 'teams'
      ? 'id'
      : columns.some((c) => c.table === t && c.column === 'team_id')
        ? 'team_id'
        : foreignKeys.find((k) => k.table === t && k.parent === 'teams' && k.parentColumn === 'id')?.column;
  const queue: { table: string; hops: Hop[] }[] = [{ table, hops: [] }];
  const seen = new Set([table]);
  for (let next = queue.shift(); next; next = queue.shift()) {
    const teamColumn = direct(next.table);
    if (teamColumn) return { hops: next.hops, teamColumn };
    if (next.hops.length === 3) continue;
    for (const k of foreignKeys.filter((f) => f.table === next!.table && !seen.has(f.parent))) {
      seen.add(k.parent);
      queue.push({ table: k.parent, hops: [...next.hops, { column: k.column, parent: k.parent, parentColumn: k.parentColumn }] });
    }
  }
  return null;
}

async function teamLabels(tx: Db, ids: number[]): Promise<Map<number, string>> {
  if (!ids.length) return new Map();
  const rows = await tx
    .select({ id: teams.id, name: municipalities.name, fiscalYear: teams.fiscalYear })
    .from(teams)
    .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
    .where(inArray(teams.id, ids));
  return new Map(rows.map((t) => [t.id, `${t.name} ${formatFiscalYear(t.fiscalYear)}`]));
}

const inSchema = sql`n.nspname = current_schema() and c.relkind in ('r', 'p') and not c.relispartition`;

// Every column of every table, with the kind of those that hold text (domains over text included).
const catalogColumns: SQL = sql`
  select c.relname as "table", a.attname as "column",
    case when t.typcategory = 'S' then 'text'
      when t.typname in ('json', 'jsonb') or e.typcategory = 'S' or e.typname in ('json', 'jsonb') then 'json' end as kind
  from pg_class c
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum > 0 and not a.attisdropped
  join pg_type t on t.oid = a.atttypid
  left join pg_type e on e.oid = t.typelem and t.typcategory = 'A'
  where ${inSchema}
  order by c.relname, a.attnum`;

const catalogPrimaryKeys: SQL = sql`
  select c.relname as "table", a.attname as "column"
  from pg_index i
  join pg_class c on c.oid = i.indrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_attribute a on a.attrelid = c.oid and a.attnum = any(i.indkey)
  where i.indisprimary and ${inSchema}
  order by c.relname, array_position(i.indkey::int2[], a.attnum)`;

// Single-column foreign keys, the NOT NULL ones first: they always lead somewhere.
const catalogForeignKeys: SQL = sql`
  select c.relname as "table", a.attname as "column", p.relname as parent, pa.attname as "parentColumn"
  from pg_constraint k
  join pg_class c on c.oid = k.conrelid
  join pg_namespace n on n.oid = c.relnamespace
  join pg_class p on p.oid = k.confrelid and p.relnamespace = n.oid
  join pg_attribute a on a.attrelid = k.conrelid and a.attnum = k.conkey[1]
  join pg_attribute pa on pa.attrelid = k.confrelid and pa.attnum = k.confkey[1]
  where k.contype = 'f' and cardinality(k.conkey) = 1 and ${inSchema}
  order by c.relname, a.attnotnull desc, a.attname`;
