import type { SurveySource } from './codes';
import type { SurveyQuestionKind } from './paper-survey';

// How a survey's CSV is read (docs/csv.md, アンケート結果): one row per respondent, one column per
// question, as Microsoft Forms, Google フォーム and LoGoフォーム give it. The questions come from the header,
// each question's kind from its answers; the preview lets the team correct a kind. Counting is done in
// SQL (app/models/survey-import.server.ts); this module only reads.

export type SurveyLayout = Exclude<SurveySource, 'manual'>;

export const surveyLimits = {
  /**
   * The file's text in UTF-8 bytes: what the preview sends back with the confirmation must fit the 3 MB a
   * request to an import may carry (server.mjs), whatever the file's own encoding was.
   */
  bytes: 2_500_000,
  rows: 20_000,
  questions: 200,
  /** Options of one choice question: more is not a question anyone reads as a bar (a list of names, a free answer). */
  options: 100,
  headerChars: 1_000,
  cellChars: 10_000,
} as const;

const norm = (s: string) =>
  s
    .normalize('NFKC')
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

// Columns that say who answered and when: never a question, never kept (a respondent's email or name
// has no place in the team's records).
const metaHeaders: Record<SurveyLayout, string[]> = {
  microsoft_forms: [
    'id',
    '開始時刻',
    '完了時刻',
    'メール',
    '名前',
    '最終変更時刻',
    '合計ポイント',
    'クイズのフィードバック',
    'start time',
    'completion time',
    'email',
    'name',
    'last modified time',
  ],
  google_forms: ['タイムスタンプ', 'メールアドレス', 'スコア', 'timestamp', 'email address', 'score'],
  csv: [
    '受付番号',
    '回答id',
    '回答番号',
    '回答日時',
    '送信日時',
    '受付日時',
    '申込日時',
    '登録日時',
    '回答者',
    'ipアドレス',
    'タイムスタンプ',
    'メールアドレス',
  ],
};
/** Columns whose cells date the answers, to suggest the survey's dates. */
const timeHeaders = [
  '開始時刻',
  '完了時刻',
  'タイムスタンプ',
  '回答日時',
  '送信日時',
  '受付日時',
  '申込日時',
  '登録日時',
  'start time',
  'completion time',
  'timestamp',
];

/** Microsoft Forms: ID, 開始時刻, 完了時刻 …; Google フォーム: タイムスタンプ first; anything else (LoGoフォーム) the generic layout. */
export function detectLayout(header: string[]): SurveyLayout {
  const names = new Set(header.map(norm));
  if (names.has('id') && (names.has('開始時刻') || names.has('start time')) && (names.has('完了時刻') || names.has('completion time')))
    return 'microsoft_forms';
  if (['タイムスタンプ', 'timestamp'].includes(norm(header[0] ?? ''))) return 'google_forms';
  return 'csv';
}

/** Comma, or TAB for Excel's 「Unicode テキスト」 (UTF-16, tab-separated): whichever the header line holds. */
export function delimiterOf(text: string): ',' | '\t' {
  const first = text.slice(0, text.search(/\r|\n|$/));
  return first.includes('\t') && !first.includes(',') ? '\t' : ',';
}

/** A, B … Z, AA …: the column as Excel names it. */
export function columnLetter(index: number): string {
  let n = index + 1;
  let out = '';
  while (n > 0) {
    const r = (n - 1) % 26;
    out = String.fromCharCode(65 + r) + out;
    n = Math.floor((n - 1) / 26);
  }
  return out;
}

export type SheetQuestion = { position: number; text: string; columns: number[] };
export type HeaderReading = {
  questions: SheetQuestion[];
  /** Header names of the columns left out (who answered, when). */
  ignored: string[];
  /** The columns whose cells date the answers. */
  timeColumns: number[];
  /** Columns without a header before the first one that has one (they must hold nothing). */
  headless: number[];
  /** Whether the second row names the parts of merged header cells (it is then not an answer). */
  subHeader: boolean;
};

/**
 * The questions a header names. A blank header cell after a filled one is part of that cell (Excel writes a
 * merged cell's text in its first column only): the columns are one question, unless the row below names
 * each of them (a second header row, blank under the unmerged headers), when each is a question of its own
 * 「見出し：小見出し」.
 */
export function readHeader(header: string[], below: string[] | undefined, layout: SurveyLayout): HeaderReading {
  const cells = header.map((c) => c.replace(/^\uFEFF/, '').trim());
  const spans: { text: string; columns: number[] }[] = [];
  const headless: number[] = [];
  cells.forEach((text, i) => {
    if (text) spans.push({ text, columns: [i] });
    else if (spans.length) spans[spans.length - 1]!.columns.push(i);
    else headless.push(i);
  });
  const meta = new Set(metaHeaders[layout].concat(layout === 'csv' ? [] : metaHeaders.csv));
  const isMeta = (span: { text: string }) => meta.has(norm(span.text));
  const merged = spans.filter((s) => !isMeta(s) && s.columns.length > 1);
  const sub = (i: number) => (below?.[i] ?? '').trim();
  const subHeader =
    merged.length > 0 &&
    merged.every((s) => s.columns.every((i) => sub(i) !== '')) &&
    spans.filter((s) => s.columns.length === 1).every((s) => sub(s.columns[0]!) === '');
  const questions: SheetQuestion[] = [];
  for (const span of spans.filter((s) => !isMeta(s))) {
    if (subHeader && span.columns.length > 1) {
      for (const i of span.columns) questions.push({ position: questions.length, text: `${span.text}：${sub(i)}`, columns: [i] });
    } else questions.push({ position: questions.length, text: span.text, columns: span.columns });
  }
  return {
    questions,
    ignored: spans.filter(isMeta).map((s) => s.text),
    timeColumns: spans.filter((s) => timeHeaders.includes(norm(s.text))).map((s) => s.columns[0]!),
    headless,
    subHeader,
  };
}

/** What one respondent wrote for a question: its cells' text, blanks left out (a merged question has several). */
export function partsOf(question: SheetQuestion, row: string[]): string[] {
  return question.columns.map((i) => (row[i] ?? '').trim()).filter((cell) => cell !== '');
}

const yesNoPairs: [string, string][] = [
  ['はい', 'いいえ'],
  ['y', 'n'],
  ['yes', 'no'],
];
const yesNoLabels: Record<string, string> = { はい: 'はい', いいえ: 'いいえ', y: 'Y', n: 'N', yes: 'Yes', no: 'No' };
const scalePattern = /^[1-5]$/;
const scaleOf = (text: string) => text.normalize('NFKC').trim();

/** The separators a layout writes between the options of one multiple-choice answer, most likely first. */
export function separatorsOf(layout: SurveyLayout): string[] {
  if (layout === 'microsoft_forms') return [';'];
  if (layout === 'google_forms') return [', '];
  return [';', '\n', ', ', '、', ','];
}

function split(text: string, separator: string) {
  return text
    .split(separator)
    .map((p) => p.trim())
    .filter((p) => p !== '');
}

/** The pair a yes/no question's answers come from, or null when some answer is neither. */
function yesNoPair(values: string[]): [string, string] | null {
  const seen = new Set(values.map(norm));
  return yesNoPairs.find((pair) => [...seen].every((v) => pair.includes(v))) ?? null;
}

const length = (values: string[]) => values.reduce((sum, v) => sum + [...v].length, 0) / Math.max(1, values.length);

/** Answers that read as choices: few distinct ones, short, repeated. Many distinct long answers are free text. */
function choiceLike(values: string[]) {
  const distinct = new Set(values).size;
  const n = values.length;
  if (distinct > 30 || length(values) > 40) return false;
  if (distinct <= 10) return !(distinct === n && n >= 5 && length(values) > 12);
  return distinct * 3 <= n;
}

export type KindReading = { kind: SurveyQuestionKind; separator: string | null };

/** The kind a question's answers suggest (one list of parts per respondent who answered), or null when nobody did. */
export function inferKind(answers: string[][], layout: SurveyLayout): KindReading | null {
  const answered = answers.filter((parts) => parts.length > 0);
  if (answered.length === 0) return null;
  // A merged question with several cells filled in one row: each filled cell is a chosen option.
  if (answered.some((parts) => parts.length > 1)) return { kind: 'multiple', separator: null };
  const values = answered.map((parts) => parts[0]!);
  if (yesNoPair(values)) return { kind: 'yes_no', separator: null };
  if (values.every((v) => scalePattern.test(scaleOf(v)))) return { kind: 'scale', separator: null };
  // Some answer names several options joined by the form's separator, and the options read as choices
  // (free text with commas splits into many distinct long parts, and stays free text).
  for (const separator of separatorsOf(layout)) {
    if (!values.some((v) => split(v, separator).length > 1)) continue;
    if (choiceLike(values.flatMap((v) => split(v, separator)))) return { kind: 'multiple', separator };
  }
  if (choiceLike(values)) return { kind: 'single', separator: null };
  return { kind: 'free_text', separator: null };
}

/** The separator a multiple-choice question is split by when the team chose that kind in the preview. */
export function separatorFor(answers: string[][], layout: SurveyLayout): string | null {
  const values = answers.filter((p) => p.length === 1).map((p) => p[0]!);
  return separatorsOf(layout).find((s) => values.some((v) => v.includes(s))) ?? null;
}

export type QuestionReading = {
  /** For each respondent, in the order given: the options chosen (choice kinds) or the answer (free text); [] when not answered. */
  values: string[][];
  /** The options in their order before counting: yes then no, 1 to 5; empty for choices found in the answers. */
  declared: string[];
  errors: string[];
};

const examples = (bad: string[]) =>
  [...new Set(bad)]
    .slice(0, 3)
    .map((v) => `「${[...v].slice(0, 20).join('')}」`)
    .join('');

/** A question's answers read as `kind`: what each respondent chose, or why the answers do not fit that kind. */
export function readAnswers(answers: string[][], kind: SurveyQuestionKind, separator: string | null): QuestionReading {
  const given = answers.flat();
  const each = (read: (parts: string[]) => string[]) => answers.map((parts) => (parts.length ? read(parts) : []));
  const refused = (message: string): QuestionReading => ({ values: [], declared: [], errors: [message] });
  switch (kind) {
    case 'yes_no': {
      const pair = yesNoPair(given);
      if (!pair || answers.some((p) => p.length > 1)) {
        const bad = given.filter((v) => !yesNoPairs.some((p) => p.includes(norm(v))));
        return refused(`はい／いいえ で答えていない回答があります${examples(bad)}。選択式にしてください`);
      }
      // The labels as the file writes them (はい, Y …), the missing one as the pair's.
      const label = (code: string) => given.find((v) => norm(v) === code) ?? yesNoLabels[code] ?? code;
      return { values: each((p) => [label(norm(p[0]!))]), declared: pair.map(label), errors: [] };
    }
    case 'scale': {
      const bad = given.filter((v) => !scalePattern.test(scaleOf(v)));
      if (bad.length || answers.some((p) => p.length > 1)) return refused(`1〜5 の数字でない回答があります${examples(bad)}。選択式にしてください`);
      return { values: each((p) => [scaleOf(p[0]!)]), declared: ['1', '2', '3', '4', '5'], errors: [] };
    }
    case 'single':
      if (answers.some((p) => p.length > 1)) return refused('1人で複数の選択肢に答えている行があります。複数選択にしてください');
      return { values: each((p) => [p[0]!]), declared: [], errors: [] };
    case 'multiple':
      return { values: each((parts) => [...new Set(parts.flatMap((p) => (separator ? split(p, separator) : [p])))]), declared: [], errors: [] };
    case 'free_text':
      return { values: each((parts) => [parts.join('／')]), declared: [], errors: [] };
  }
}

/** 'YYYY-MM-DD' of a timestamp cell as the forms write it (2026/6/15 9:41:23, 2026-06-15T09:41, 6/15/26 9:41), or null. */
export function dayOf(cell: string): string | null {
  const text = cell.normalize('NFKC').trim();
  let y: number, m: number, d: number;
  const ymd = /^(\d{4})[/.-](\d{1,2})[/.-](\d{1,2})(?!\d)/.exec(text) ?? /^(\d{4})年(\d{1,2})月(\d{1,2})日/.exec(text);
  const mdy = /^(\d{1,2})\/(\d{1,2})\/(\d{2}|\d{4})(?!\d)/.exec(text);
  if (ymd) [y, m, d] = [Number(ymd[1]), Number(ymd[2]), Number(ymd[3])];
  else if (mdy) [y, m, d] = [Number(mdy[3]!.length === 2 ? `20${mdy[3]}` : mdy[3]), Number(mdy[1]), Number(mdy[2])];
  else return null;
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d || y < 2000 || y > 2200) return null;
  return date.toISOString().slice(0, 10);
}

/** The title a file's name suggests: 「全職員アンケート（回答）.csv」 → 全職員アンケート（回答）. */
export function titleOfFile(name: string): string {
  return name
    .replace(/\.(csv|txt|tsv)$/i, '')
    .replace(/[_\s]+/g, ' ')
    .trim()
    .slice(0, 200);
}
