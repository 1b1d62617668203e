import { parse } from 'csv-parse/sync';
import { sql } from 'drizzle-orm';
import { getDb, selectRows, transaction, type Db } from '../../db/client';
import { surveyQuestions, surveys } from '../../db/schema';
import { excelRows, failedRow } from '~/domain/csv-rows';
import { surveyQuestionKinds } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';
import {
  columnLetter,
  dayOf,
  delimiterOf,
  detectLayout,
  inferKind,
  partsOf,
  readAnswers,
  readHeader,
  separatorFor,
  surveyLimits,
  type SurveyLayout,
} from '~/domain/survey-csv';
import { hasSuspectText } from '~/utils/suspect-text';
import { recordAudit, type AuditActor } from './audit.server';
import { ActivityTaken, activityTaken, linkSurveyActivity, surveyValues, type ActivityLinkRefused, type SurveyHeader } from './surveys.server';

// A survey's results from the CSV its form gives (docs/csv.md): the questions and options are read from
// the file (app/domain/survey-csv.ts), the answers counted in SQL, and the respondents' rows left behind
// unless the team asks to keep them. All or nothing: one problem and nothing is written.

/** The kinds the team chose in the preview, by question (its position in the file). */
export type SurveyKindCorrections = Record<number, SurveyQuestionKind>;

export type PlannedQuestion = {
  position: number;
  text: string;
  /** The file's column(s): F, or F〜H for a merged header. */
  columns: string;
  readKind: SurveyQuestionKind;
  kind: SurveyQuestionKind;
  answered: number;
  options: { label: string; count: number; percent: number }[];
  answers: string[];
  errors: string[];
};

export type SurveyPlan = {
  fileErrors: string[];
  lineErrors: { line: number; messages: string[] }[];
  layout: SurveyLayout | null;
  respondents: number;
  firstOn: string | null;
  lastOn: string | null;
  /** The columns left out: who answered and when. */
  ignored: string[];
  /** Questions nobody answered: nothing to count, left out. */
  unanswered: { text: string; columns: string }[];
  questions: PlannedQuestion[];
  /** The respondents' answers, question by question, for keeping them when asked. */
  responses: { line: number; answers: string[] }[];
};

/** A reading with nothing in it yet (a file refused before it was read). */
export const emptySurveyPlan = (): SurveyPlan => ({
  fileErrors: [],
  lineErrors: [],
  layout: null,
  respondents: 0,
  firstOn: null,
  lastOn: null,
  ignored: [],
  unanswered: [],
  questions: [],
  responses: [],
});

const n = (count: number) => count.toLocaleString('ja-JP');
const lettersOf = (columns: number[]) =>
  columns.length > 1 ? `${columnLetter(columns[0]!)}〜${columnLetter(columns[columns.length - 1]!)}` : columnLetter(columns[0]!);

type Counted = { q: number; label: string; count: number; first: number; answered: number; percent: number };

/**
 * The counts, in SQL: each chosen option is a row (question, respondent, option) of a CTE of values, grouped
 * by question and option; the share is of the respondents who answered the question.
 */
async function countInSql(db: Db, cells: [number, number, string][]): Promise<Counted[]> {
  if (cells.length === 0) return [];
  const rows = await selectRows<Counted>(
    sql`with cells as (
          select (c->>0)::int as q, (c->>1)::int as r, c->>2 as v from jsonb_array_elements(${JSON.stringify(cells)}::jsonb) as c
        ), answered as (
          select q, count(distinct r)::int as n from cells group by q
        )
        select cells.q as q, cells.v as label, count(*)::int as count, min(cells.r)::int as first, answered.n as answered,
          round(count(*) * 100.0 / answered.n, 1)::float8 as percent
        from cells join answered on answered.q = cells.q
        group by cells.q, cells.v, answered.n`,
    db,
  );
  return rows.map((r) => ({ ...r, count: Number(r.count), first: Number(r.first), answered: Number(r.answered), percent: Number(r.percent) }));
}

/** What importing this file would make: the questions with their counts, or every problem; nothing is written. */
export async function planSurveyImport(text: string, corrections: SurveyKindCorrections = {}, db: Db = getDb()): Promise<SurveyPlan> {
  const plan = emptySurveyPlan();
  const refuse = (message: string) => ({ ...plan, fileErrors: [message] });
  if (text.length > surveyLimits.bytes || Buffer.byteLength(text, 'utf8') > surveyLimits.bytes)
    return refuse('ファイルが大きすぎます（2MB程度まで）。回答を分けるか、使わない列を除いてから読み込んでください');
  // PostgreSQL text cannot hold NUL: it means a binary file, or UTF-16 read as something else.
  if (text.includes('\u0000')) return refuse('CSVとして読めない文字（NUL）が含まれています。Excel の「CSV UTF-8（コンマ区切り）」で保存し直してください');
  let records: string[][];
  try {
    records = parse(text, { bom: true, relax_column_count: true, relax_quotes: true, delimiter: delimiterOf(text) }) as string[][];
  } catch (error) {
    const row = failedRow(error);
    return refuse(`${row ? `${row}行目を` : ''}CSVとして読み取れません（引用符「"」の閉じ忘れなど）`);
  }
  const rows = excelRows(records);
  const [header, second] = rows;
  if (!header) return refuse('データがありません');
  const longHeader = header.cells.findIndex((c) => [...c].length > surveyLimits.headerChars);
  if (longHeader >= 0)
    return refuse(
      `${header.line}行目${columnLetter(longHeader)}列の見出しが長すぎます（${n(surveyLimits.headerChars)}文字まで）。1行目が質問の行か確かめてください`,
    );
  const layout = detectLayout(header.cells);
  const reading = readHeader(header.cells, second?.cells, layout);
  const data = rows.slice(reading.subHeader ? 2 : 1);
  plan.layout = layout;
  plan.ignored = reading.ignored;
  if (reading.questions.length === 0) return refuse(`${header.line}行目（見出し）に質問の列がありません。1行目に質問を書いてください`);
  if (reading.questions.length > surveyLimits.questions)
    return refuse(`質問の列が${n(reading.questions.length)}列あります。一度に読み込めるのは${n(surveyLimits.questions)}問までです`);
  if (data.length === 0) return refuse('回答の行がありません（1行目の見出しの下に、1人1行で回答が必要です）');
  if (data.length > surveyLimits.rows) return refuse(`回答が${n(data.length)}行あります。一度に読み込めるのは${n(surveyLimits.rows)}行までです`);
  const headless = reading.headless.filter((i) => data.some((row) => (row.cells[i] ?? '').trim() !== ''));
  if (headless.length) return refuse(`${headless.map(columnLetter).join('・')}列の1行目に質問がありません。見出しのない列は読み込めません`);

  for (const { cells, line } of data) {
    const messages: string[] = [];
    // U+FFFD is what a wrongly decoded file leaves; it is never what a respondent wrote.
    if (cells.some(hasSuspectText)) messages.push('文字化け（�）か制御文字が含まれています。元のファイルの文字コードを確かめてください');
    const long = cells.findIndex((c) => [...c].length > surveyLimits.cellChars);
    if (long >= 0) messages.push(`${columnLetter(long)}列の回答が長すぎます（${n(surveyLimits.cellChars)}文字まで）`);
    if (messages.length) plan.lineErrors.push({ line, messages });
  }
  if (plan.lineErrors.length) return plan;

  // A respondent is a row with an answer to some question (a form's row of only its ID and times is not).
  const answering = data.filter((row) => reading.questions.some((q) => partsOf(q, row.cells).length > 0));
  plan.respondents = answering.length;
  if (answering.length === 0) return refuse('どの質問にも回答がありません');
  const days = answering.flatMap((row) => reading.timeColumns.map((i) => dayOf(row.cells[i] ?? ''))).filter((d): d is string => d !== null);
  plan.firstOn = days.length ? days.reduce((a, b) => (a < b ? a : b)) : null;
  plan.lastOn = days.length ? days.reduce((a, b) => (a > b ? a : b)) : null;

  const cells: [number, number, string][] = [];
  const declared = new Map<number, string[]>();
  for (const question of reading.questions) {
    const answers = answering.map((row) => partsOf(question, row.cells));
    const read = inferKind(answers, layout);
    const columns = lettersOf(question.columns);
    if (!read) {
      plan.unanswered.push({ text: question.text, columns });
      continue;
    }
    const chosen = corrections[question.position];
    const kind = chosen && surveyQuestionKinds.codes.includes(chosen) ? chosen : read.kind;
    const separator = kind === 'multiple' ? (read.kind === 'multiple' ? read.separator : separatorFor(answers, layout)) : null;
    const { values, declared: order, errors } = readAnswers(answers, kind, separator);
    const planned: PlannedQuestion = {
      position: question.position,
      text: question.text,
      columns,
      readKind: read.kind,
      kind,
      answered: values.filter((v) => v.length > 0).length,
      options: [],
      answers: kind === 'free_text' ? values.flatMap((v) => v) : [],
      errors,
    };
    if (kind !== 'free_text' && !errors.length) {
      const distinct = new Set(values.flat()).size;
      // A list of names or of free answers is no chart anyone reads: refused with what to do, rather than cut.
      if (distinct > surveyLimits.options)
        planned.errors.push(`選択肢が${n(distinct)}種類あります。選択式で読み込めるのは${surveyLimits.options}個までです。形式を「自由記述」にしてください`);
      else {
        values.forEach((chosen, respondent) => chosen.forEach((option) => cells.push([question.position, respondent, option])));
        declared.set(question.position, order);
      }
    }
    plan.questions.push(planned);
  }
  if (plan.questions.some((q) => q.errors.length)) return plan;

  const counted = await countInSql(db, cells);
  const byQuestion = new Map<number, Counted[]>();
  for (const row of counted) byQuestion.set(row.q, [...(byQuestion.get(row.q) ?? []), row]);
  for (const question of plan.questions) {
    if (question.kind === 'free_text') continue;
    const found = byQuestion.get(question.position) ?? [];
    const order = declared.get(question.position) ?? [];
    // Yes before no and 1 to 5, each shown even when nobody chose it; other choices by how many chose them.
    const options = order.length
      ? order.map((label) => found.find((f) => f.label === label) ?? { label, count: 0, percent: 0 })
      : [...found].sort((a, b) => b.count - a.count || a.first - b.first);
    question.options = options.map(({ label, count, percent }) => ({ label, count, percent }));
    question.answered = found[0]?.answered ?? question.answered;
  }
  plan.responses = answering.map((row) => ({
    line: row.line,
    answers: plan.questions.map((q) => partsOf(reading.questions[q.position]!, row.cells).join('／')),
  }));
  return plan;
}

export type SurveyImported = { kind: 'imported'; id: number; questions: number; respondents: number };
export type SurveyRefused = { kind: 'refused'; plan: SurveyPlan };

/**
 * Plans the file again and writes the survey, its questions and counts, its free-text answers (and, when
 * asked, the respondents' rows) with its entry in the log and the audit entry, in one transaction.
 */
export async function commitSurveyImport(
  actor: AuditActor,
  teamId: number,
  text: string,
  corrections: SurveyKindCorrections,
  header: SurveyHeader & { keepResponses: boolean },
): Promise<SurveyImported | SurveyRefused | ActivityLinkRefused> {
  return transaction(async (tx): Promise<SurveyImported | SurveyRefused> => {
    const plan = await planSurveyImport(text, corrections, tx);
    if (plan.fileErrors.length || plan.lineErrors.length || plan.questions.some((q) => q.errors.length)) return { kind: 'refused', plan };
    const [survey] = await tx
      .insert(surveys)
      .values({
        ...surveyValues(header),
        respondents: plan.respondents,
        source: plan.layout ?? 'csv',
        keepsResponses: header.keepResponses,
        teamId,
        createdByUserId: actor.userId,
      })
      .returning({ id: surveys.id });
    const surveyId = survey!.id;
    if (!(await linkSurveyActivity(tx, actor, teamId, surveyId, header))) throw new ActivityTaken();
    const created = await tx
      .insert(surveyQuestions)
      .values(plan.questions.map((q, position) => ({ surveyId, teamId, position, text: q.text, kind: q.kind, answered: q.answered })))
      .returning({ id: surveyQuestions.id, position: surveyQuestions.position });
    const idAt = new Map(created.map((q) => [q.position, q.id]));
    const options = plan.questions.flatMap((q, p) => q.options.map((o, position) => [idAt.get(p)!, position, o.label, o.count, o.percent]));
    const answers = plan.questions.flatMap((q, p) => q.answers.map((body, position) => [idAt.get(p)!, position, body]));
    // Thousands of rows in one statement each: a CTE of values from one parameter, not thousands of parameters.
    if (options.length) {
      await tx.execute(sql`insert into survey_options (question_id, team_id, position, label, count, percent)
        select (o->>0)::int, ${teamId}, (o->>1)::int, o->>2, (o->>3)::int, (o->>4)::numeric from jsonb_array_elements(${JSON.stringify(options)}::jsonb) as o`);
    }
    if (answers.length) {
      await tx.execute(sql`insert into survey_answers (question_id, team_id, position, body)
        select (a->>0)::int, ${teamId}, (a->>1)::int, a->>2 from jsonb_array_elements(${JSON.stringify(answers)}::jsonb) as a`);
    }
    if (header.keepResponses) {
      const responses = plan.responses.map((r) => [r.line, r.answers]);
      await tx.execute(sql`insert into survey_responses (survey_id, team_id, line, answers)
        select ${surveyId}, ${teamId}, (r->>0)::int, r->1 from jsonb_array_elements(${JSON.stringify(responses)}::jsonb) as r`);
    }
    // Never the answers: organizers read the audit log, and what staff wrote may be confidential.
    await recordAudit(tx, actor, {
      action: 'import',
      entityType: 'survey',
      entityId: surveyId,
      detail: { teamId, source: plan.layout, questions: plan.questions.length, respondents: plan.respondents, keepsResponses: header.keepResponses },
    });
    return { kind: 'imported', id: surveyId, questions: plan.questions.length, respondents: plan.respondents };
  }).catch(activityTaken);
}
