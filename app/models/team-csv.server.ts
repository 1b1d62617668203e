import { parse } from 'csv-parse/sync';
import { excelRows, failedRow } from '~/domain/csv-rows';
import { municipalityKinds, type MunicipalityKind } from '~/domain/codes';
import { email as emailField, z } from '~/schemas/fields';
import { municipalitySchema } from '~/schemas/municipality';
import { newMemberSchema } from '~/schemas/team-setup';

// The columns of the teams-and-members CSV (docs/csv.md). One row per member; a row with neither
// name nor email only registers the team.
export const teamCsvColumns = ['自治体名', '都道府県', '区分', '氏名', 'メールアドレス', '部署', '課・係', '人事担当課枠'] as const;
const requiredColumns = ['自治体名', '都道府県', '区分', '氏名', 'メールアドレス'] as const;
const yes = new Set(['○', '〇', '◯', '1', 'はい', 'true', 'TRUE', 'yes', '✓', 'Y', 'y']);

export type CsvMember = { line: number; fullName: string; email: string; department: string; section: string; isHrSlot: boolean };
export type CsvTeam = { line: number; name: string; prefecture: string; kind: MunicipalityKind; members: CsvMember[] };
export type LineError = { line: number; message: string };

const kindByLabel = new Map(municipalityKinds.codes.map((c) => [municipalityKinds.label[c], c] as const));

/** Parses and checks the file on its own (the database is checked later); lines are Excel's rows, the header is 1. */
export function parseTeamCsv(text: string): { teams: CsvTeam[]; errors: LineError[] } {
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, trim: true }) as string[][];
  } catch (error) {
    return { teams: [], errors: [{ line: failedRow(error) ?? 0, message: 'CSVの形式が正しくありません（引用符「"」の閉じ忘れなど）' }] };
  }
  const [header, ...body] = excelRows(records).map(({ cells, line }) => ({ record: cells, line }));
  if (!header) return { teams: [], errors: [{ line: 0, message: 'CSVが空です' }] };
  // Excel and hand edits bring half-width variants (･) of the headers; compare them normalized.
  const index = new Map(header.record.map((h, i) => [h.normalize('NFKC'), i] as const));
  const missing = requiredColumns.filter((c) => !index.has(c.normalize('NFKC')));
  if (missing.length) {
    return { teams: [], errors: [{ line: header.line, message: `見出しの行に「${missing.join('」「')}」の列がありません（列の並びは docs/csv.md を参照）` }] };
  }
  const cell = (record: string[], column: (typeof teamCsvColumns)[number]) => {
    const i = index.get(column.normalize('NFKC'));
    return i === undefined ? '' : (record[i] ?? '').trim();
  };
  const errors: LineError[] = [];
  const teams = new Map<string, CsvTeam>();
  const emails = new Map<string, number>();
  for (const { record, line } of body) {
    const name = cell(record, '自治体名');
    const prefecture = cell(record, '都道府県');
    const kindLabel = cell(record, '区分');
    const fullName = cell(record, '氏名');
    const rawEmail = cell(record, 'メールアドレス');
    const problems: string[] = [];
    // The same limits as the forms (自治体の登録, メンバーの追加): a 60,000-character name is a line error, not a row.
    const check = (field: z.ZodType, value: string) => {
      const parsed = field.safeParse(value);
      if (!parsed.success) problems.push(parsed.error.issues[0]?.message ?? '入力できない値があります');
    };
    if (!name) problems.push('自治体名が空です');
    else check(municipalitySchema.shape.name, name);
    if (!prefecture) problems.push('都道府県が空です');
    else check(municipalitySchema.shape.prefecture, prefecture);
    const kind = kindByLabel.get(kindLabel);
    if (!kind) problems.push(`区分は ${municipalityKinds.codes.map((c) => municipalityKinds.label[c]).join('・')} のどれかにしてください（「${kindLabel}」）`);
    let email = '';
    if (fullName || rawEmail) {
      if (!fullName) problems.push('氏名が空です');
      else check(newMemberSchema.shape.fullName, fullName);
      check(newMemberSchema.shape.department, cell(record, '部署'));
      check(newMemberSchema.shape.section, cell(record, '課・係'));
      const parsed = emailField().safeParse(rawEmail);
      if (!parsed.success) problems.push(parsed.error.issues[0]?.message ?? 'メールアドレスが正しくありません');
      else email = parsed.data;
      if (email && emails.has(email)) problems.push(`メールアドレス ${email} が${emails.get(email)}行目と重複しています`);
    }
    if (problems.length) {
      errors.push({ line, message: problems.join('。') });
      continue;
    }
    const key = `${prefecture}\u0000${name}`;
    let team = teams.get(key);
    if (!team) teams.set(key, (team = { line, name, prefecture, kind: kind!, members: [] }));
    else if (team.kind !== kind) {
      errors.push({ line, message: `${name}の区分が${team.line}行目（${municipalityKinds.label[team.kind]}）と違います` });
      continue;
    }
    if (!email) continue;
    emails.set(email, line);
    team.members.push({
      line,
      fullName,
      email,
      department: cell(record, '部署'),
      section: cell(record, '課・係'),
      isHrSlot: yes.has(cell(record, '人事担当課枠')),
    });
  }
  if (body.length === 0) errors.push({ line: header.line + 1, message: 'データの行がありません' });
  return { teams: [...teams.values()], errors };
}
