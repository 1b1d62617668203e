import { and, eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, selectRows } from '../../db/client';
import { activities, surveyAnswers, surveyOptions, surveyQuestions, surveyResponses, surveys } from '../../db/schema';
import { action as importAction } from '../../app/routes/teams.$teamId.surveys.import';
import type { SurveyPreview } from '../../app/components/surveys/SurveyImportPreview';
import { planSurveyImport } from '../../app/models/survey-import.server';
import { createActivity } from '../factories';
import { actionArgs, request } from '../helpers';
import { encodeShiftJis, encodeUtf16be, encodeUtf16le } from '../encodings';
import { buildWorld, sessionCookie, type World } from '../world';
import { outcome } from './setup-helpers';

// Survey CSVs as the forms give them (docs/csv.md, アンケート結果): each layout and encoding is read, the
// answers counted in SQL (the counts equal a count done here in JavaScript), and each bad file refused
// whole with a Japanese message, never a 500 and never half a survey.

type Reply = { csv: string; preview: SurveyPreview; header: Record<string, string>; result: { error?: Record<string, string[]> } | null };

let world: World;
let member: Record<string, string>;
let teamId: number;

beforeAll(async () => {
  world = await buildWorld();
  teamId = world.teamA.id;
  member = { Cookie: await sessionCookie(world.users.member.id) };
});

const params = () => ({ teamId: String(teamId) });

/** Uploads a file for its preview (multipart, as the browser sends it). */
async function upload(bytes: Uint8Array, name = 'アンケート.csv') {
  const form = new FormData();
  form.set('intent', 'preview');
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], name, { type: 'text/csv' }));
  const req = request(`/teams/${teamId}/surveys/import`, { method: 'POST', body: form, headers: { ...member, Origin: 'http://localhost' } });
  return outcome(() => importAction({ request: req, params: params(), context: { cspNonce: 'test' } }));
}

const header = (title: string, extra: Record<string, string> = {}) => ({
  title,
  heldOn: `${world.year}-06-15`,
  visibility: 'team',
  audience: '全職員',
  ...extra,
});

/** Sends the confirmation the preview's form sends: the text, the kinds chosen, the survey's fields. */
function commit(csv: string, fields: Record<string, string>, kinds: Record<number, string> = {}) {
  const form: Record<string, string> = { intent: 'commit', csv, fileName: 'アンケート.csv', encoding: 'UTF-8', ...fields };
  for (const [position, kind] of Object.entries(kinds)) form[`kind:${position}`] = kind;
  return outcome(() => importAction(actionArgs(`/teams/${teamId}/surveys/import`, form, { headers: member, params: params() })));
}

async function surveyCount() {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(surveys)
    .where(eq(surveys.teamId, teamId));
  return row!.n;
}

/** The survey's questions and options as stored. */
async function stored(surveyId: number) {
  const questions = await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, surveyId)).orderBy(surveyQuestions.position);
  const out = [];
  for (const q of questions) {
    const options = await getDb().select().from(surveyOptions).where(eq(surveyOptions.questionId, q.id)).orderBy(surveyOptions.position);
    const answers = await getDb().select().from(surveyAnswers).where(eq(surveyAnswers.questionId, q.id)).orderBy(surveyAnswers.position);
    out.push({
      text: q.text,
      kind: q.kind,
      answered: q.answered,
      options: options.map((o) => ({ label: o.label, count: o.count, percent: Number(o.percent) })),
      answers: answers.map((a) => a.body),
    });
  }
  return out;
}

const surveyIdOf = (location: string | null) => Number(/\/surveys\/(\d+)$/.exec(location ?? '')?.[1]);

// A deterministic set of answers: respondent i answers by a small rule, so the expected counts are known.
const satisfaction = ['満足', 'やや満足', 'やや不満', '不満'];
const reasons = ['仕事量', '人間関係', '給与', '成長の機会'];
function answersOf(i: number) {
  return {
    yesNo: i % 5 === 0 ? 'いいえ' : 'はい',
    single: satisfaction[i % 4]!,
    multiple: reasons.filter((_, k) => (i + k) % 3 === 0),
    scale: String((i % 5) + 1),
    free: i % 7 === 0 ? `自由記述の回答その${i}。職場の対話がもっと必要だと思う。` : '',
  };
}

/** The counts a person would make by hand: for each option, how many chose it, and its share of those who answered. */
function countInJs(values: string[][]) {
  const answered = values.filter((v) => v.length).length;
  const counts = new Map<string, number>();
  for (const v of values) for (const option of new Set(v)) counts.set(option, (counts.get(option) ?? 0) + 1);
  return { answered, counts, percent: (label: string) => Math.round(((counts.get(label) ?? 0) * 1000) / answered) / 10 };
}

describe('Google フォーム, Shift_JIS', () => {
  const n = 60;
  const rows = Array.from({ length: n }, (_, i) => {
    const a = answersOf(i);
    return [
      `2026/06/${String(15 + (i % 3)).padStart(2, '0')} 9:${String(i % 60).padStart(2, '0')}:00`,
      a.yesNo,
      a.single,
      a.multiple.join(', '),
      a.scale,
      a.free,
    ];
  });
  const csv = [
    ['タイムスタンプ', '市役所について満足していますか？', '職場の満足度', '不満の理由（複数選択）', '挑戦できる風土がある（5段階）', 'ご意見をお書きください'],
    ...rows,
  ]
    .map((r) => r.map((c) => (c.includes(',') ? `"${c}"` : c)).join(','))
    .join('\r\n');

  it('reads the questions and their kinds from the file, and counts each option as a count in JavaScript does', async () => {
    const before = await surveyCount();
    const preview = await upload(encodeShiftJis(csv), '全職員アンケート（回答）.csv');
    expect(preview.status).toBe(200);
    const body = preview.body as Reply;
    expect(body.preview.layout).toBe('google_forms');
    expect(body.preview.encoding).toBe('Shift_JIS');
    expect(body.preview.respondents).toBe(n);
    expect(body.preview.ignored).toEqual(['タイムスタンプ']);
    expect(body.preview.questions.map((q) => q.kind)).toEqual(['yes_no', 'single', 'multiple', 'scale', 'free_text']);
    // The survey's fields are suggested from the file: its name, the days it was answered.
    expect(body.header).toMatchObject({ title: '全職員アンケート（回答）', heldOn: '2026-06-15', heldUntil: '2026-06-17' });
    expect(await surveyCount()).toBe(before);

    const done = await commit(body.csv, header('全職員アンケート'));
    expect(done.status).toBe(302);
    const id = surveyIdOf(done.location);
    const saved = await stored(id);
    const answers = Array.from({ length: n }, (_, i) => answersOf(i));
    const checks: [number, string[][]][] = [
      [0, answers.map((a) => [a.yesNo])],
      [1, answers.map((a) => [a.single])],
      [2, answers.map((a) => a.multiple)],
      [3, answers.map((a) => [a.scale])],
    ];
    for (const [q, values] of checks) {
      const js = countInJs(values);
      expect(saved[q]!.answered, saved[q]!.text).toBe(js.answered);
      for (const option of saved[q]!.options) {
        expect(option.count, `${saved[q]!.text} ${option.label}`).toBe(js.counts.get(option.label) ?? 0);
        expect(option.percent).toBe(js.percent(option.label));
      }
      expect(new Set(saved[q]!.options.map((o) => o.label))).toEqual(new Set([...js.counts.keys(), ...(q === 3 ? ['1', '2', '3', '4', '5'] : [])]));
    }
    // Yes before no; the scale from 1 to 5; other choices by how many chose them.
    expect(saved[0]!.options.map((o) => o.label)).toEqual(['はい', 'いいえ']);
    expect(saved[3]!.options.map((o) => o.label)).toEqual(['1', '2', '3', '4', '5']);
    const singles = saved[1]!.options.map((o) => o.count!);
    expect(singles).toEqual([...singles].sort((a, b) => b - a));
    expect(saved[4]!.answers).toEqual(answers.filter((a) => a.free).map((a) => a.free));
    // Entered once: the survey's own entry in the log, and no respondent rows kept unless asked.
    const own = await getDb().select().from(activities).where(eq(activities.surveyId, id));
    expect(own).toMatchObject([{ kind: 'survey', title: '全職員アンケート', occurredOn: `${world.year}-06-15` }]);
    expect(await getDb().select().from(surveyResponses).where(eq(surveyResponses.surveyId, id))).toEqual([]);
    expect(await getDb().select().from(surveys).where(eq(surveys.id, id))).toMatchObject([{ source: 'google_forms', respondents: n, keepsResponses: false }]);
  });

  it('takes the kind the team chose in the preview, and counts again with it', async () => {
    const preview = await upload(encodeShiftJis(csv));
    const body = preview.body as Reply;
    const again = await outcome(() =>
      importAction(
        actionArgs(`/teams/${teamId}/surveys/import`, { intent: 'preview', csv: body.csv, 'kind:3': 'single' }, { headers: member, params: params() }),
      ),
    );
    const q = (again.body as Reply).preview.questions[3]!;
    expect(q).toMatchObject({ readKind: 'scale', kind: 'single' });
    const done = await commit(body.csv, header('種別を直したアンケート'), { 3: 'single' });
    expect(done.status).toBe(302);
    expect((await stored(surveyIdOf(done.location)))[3]!.kind).toBe('single');
  });

  it('keeps the respondents’ rows only when asked, without the columns that identify them', async () => {
    const done = await commit(csv, header('回答も保存するアンケート', { keepResponses: 'on' }));
    const id = surveyIdOf(done.location);
    const rows = await getDb().select().from(surveyResponses).where(eq(surveyResponses.surveyId, id)).orderBy(surveyResponses.line);
    expect(rows).toHaveLength(n);
    expect(rows[0]).toMatchObject({ line: 2, answers: ['いいえ', '満足', '仕事量, 成長の機会', '1', '自由記述の回答その0。職場の対話がもっと必要だと思う。'] });
    expect(JSON.stringify(rows)).not.toContain('2026/06');
  });

  it('refuses the survey’s fields in place, keeping what was typed, and writes nothing', async () => {
    const before = await surveyCount();
    const refused = await commit(csv, header('', { heldOn: '2026-02-30', audience: '若手職員' }));
    expect(refused.status).toBe(400);
    const body = refused.body as Reply;
    expect(body.result?.error).toMatchObject({ title: ['タイトルを入力してください'], heldOn: ['実施日に存在しない日付が入力されています'] });
    expect(body.header).toMatchObject({ audience: '若手職員', heldOn: '2026-02-30' });
    expect(body.preview.questions).toHaveLength(5);
    expect(await surveyCount()).toBe(before);
  });
});

describe('Microsoft Forms, UTF-8 with a BOM', () => {
  it('leaves out ID, times, email and name, and splits multiple choice at ;', async () => {
    const csv =
      '\uFEFFID,開始時刻,完了時刻,メール,名前,部会を知っていますか,参加したい研修（複数選択）\r\n' +
      '1,2026/7/1 10:00:00,2026/7/1 10:03:00,anonymous,,はい,ファシリテーション;対話;\r\n' +
      '2,2026/7/1 11:00:00,2026/7/1 11:05:00,anonymous,,いいえ,対話;\r\n' +
      '3,2026/7/2 9:00:00,2026/7/2 9:02:00,anonymous,,はい,ファシリテーション;データ活用;対話;\r\n';
    const preview = await upload(new TextEncoder().encode(csv));
    const body = preview.body as Reply;
    expect(body.preview).toMatchObject({ layout: 'microsoft_forms', respondents: 3, ignored: ['ID', '開始時刻', '完了時刻', 'メール', '名前'] });
    expect(body.preview.questions.map((q) => [q.kind, q.options.map((o) => `${o.label}:${o.count}`)])).toEqual([
      ['yes_no', ['はい:2', 'いいえ:1']],
      ['multiple', ['対話:3', 'ファシリテーション:2', 'データ活用:1']],
    ]);
    expect(body.preview.questions[1]!.options[0]!.percent).toBe(100);
    expect(body.header).toMatchObject({ heldOn: '2026-07-01', heldUntil: '2026-07-02' });
    const done = await commit(body.csv, header('マネ友アンケート'));
    expect(done.status).toBe(302);
    expect(JSON.stringify(await stored(surveyIdOf(done.location)))).not.toContain('anonymous');
  });
});

describe('LoGoフォーム and other one-row-per-respondent files, UTF-16', () => {
  const text =
    '受付番号\t回答日時\t所属\t職場で対話の時間がありますか\r\n1\t2026/8/3 12:00\t総務部\tY\r\n2\t2026/8/3 12:30\t企画部\tN\r\n3\t2026/8/4 8:00\t総務部\tY\r\n';

  for (const [what, bytes] of [
    ['UTF-16LE with a BOM (Excel「Unicode テキスト」, tab-separated)', encodeUtf16le(text)],
    ['UTF-16BE with a BOM', encodeUtf16be(text)],
    ['UTF-16LE without a BOM', encodeUtf16le(text, false)],
    ['UTF-16BE without a BOM', encodeUtf16be(text, false)],
  ] as const) {
    it(`reads ${what}`, async () => {
      const preview = await upload(bytes);
      expect(preview.status).toBe(200);
      const body = preview.body as Reply;
      expect(body.preview).toMatchObject({ layout: 'csv', respondents: 3, ignored: ['受付番号', '回答日時'] });
      expect(body.preview.questions.map((q) => [q.text, q.kind, q.options.map((o) => `${o.label}:${o.count}`)])).toEqual([
        ['所属', 'single', ['総務部:2', '企画部:1']],
        ['職場で対話の時間がありますか', 'yes_no', ['Y:2', 'N:1']],
      ]);
    });
  }
});

describe('bad files: a clear Japanese answer or a correct reading, all or nothing, never a 500', () => {
  const generic = (head: string[], rows: string[][]) => [head, ...rows].map((r) => r.join(',')).join('\r\n');

  it('10,000 respondents are read and counted', async () => {
    const rows = Array.from({ length: 10_000 }, (_, i) => [String(i + 1), i % 3 ? 'はい' : 'いいえ', satisfaction[i % 4]!, String((i % 5) + 1)]);
    const csv = generic(['受付番号', '満足していますか', '満足度', '評価'], rows);
    const started = performance.now();
    const done = await commit(csv, header('1万人アンケート'));
    expect(done.status).toBe(302);
    expect(performance.now() - started).toBeLessThan(20_000);
    const saved = await stored(surveyIdOf(done.location));
    expect(saved[0]!.options).toEqual([
      { label: 'はい', count: 6666, percent: 66.7 },
      { label: 'いいえ', count: 3334, percent: 33.3 },
    ]);
    expect(saved[2]!.options.map((o) => o.count)).toEqual([2000, 2000, 2000, 2000, 2000]);
  });

  it('200 question columns are read; 201 are refused', async () => {
    const head = Array.from({ length: 200 }, (_, k) => `質問${k + 1}`);
    const rows = Array.from({ length: 20 }, (_, i) => head.map((_, k) => ((i + k) % 2 ? 'はい' : 'いいえ')));
    const ok = await commit(generic(head, rows), header('200問のアンケート'));
    expect(ok.status).toBe(302);
    expect(await stored(surveyIdOf(ok.location))).toHaveLength(200);
    const before = await surveyCount();
    const over = await commit(
      generic(
        [...head, '質問201'],
        rows.map((r) => [...r, 'はい']),
      ),
      header('201問'),
    );
    expect(over.status).toBe(400);
    expect((over.body as Reply).preview.fileErrors).toEqual(['質問の列が201列あります。一度に読み込めるのは200問までです']);
    expect(await surveyCount()).toBe(before);
  });

  it('merged header cells: the blank cells after a filled one are its columns, one question — or, with a row of parts below, one each', async () => {
    // 「参加したい研修」 merged over three columns, one per option, as Excel writes a merged header.
    const merged = generic(
      ['受付番号', '参加したい研修', '', '', '満足していますか'],
      [
        ['1', 'ファシリテーション', '', 'データ活用', 'はい'],
        ['2', '', '対話', '', 'いいえ'],
        ['3', 'ファシリテーション', '対話', '', 'はい'],
      ],
    );
    const one = ((await commit(merged, { ...header('結合セル'), intent: 'preview' })).body as Reply).preview;
    expect(one.questions.map((q) => [q.text, q.columns, q.kind, q.options.map((o) => `${o.label}:${o.count}`)])).toEqual([
      ['参加したい研修', 'B〜D', 'multiple', ['ファシリテーション:2', '対話:2', 'データ活用:1']],
      ['満足していますか', 'E', 'yes_no', ['はい:2', 'いいえ:1']],
    ]);
    const withParts = generic(
      ['受付番号', '職場の状況（5段階）', '', '満足していますか'],
      [
        ['', '風通し', '挑戦', ''],
        ['1', '4', '2', 'はい'],
        ['2', '5', '1', 'いいえ'],
      ],
    );
    const parts = ((await commit(withParts, { ...header('小見出し'), intent: 'preview' })).body as Reply).preview;
    expect(parts.respondents).toBe(2);
    expect(parts.questions.map((q) => [q.text, q.kind])).toEqual([
      ['職場の状況（5段階）：風通し', 'scale'],
      ['職場の状況（5段階）：挑戦', 'scale'],
      ['満足していますか', 'yes_no'],
    ]);
  });

  it('an empty column is left out and said; a column without a header holding answers is refused', async () => {
    const empty = generic(
      ['受付番号', '使わなかった質問', '満足していますか', ''],
      [
        ['1', '', 'はい', ''],
        ['2', '', 'いいえ', ''],
      ],
    );
    const read = ((await commit(empty, { ...header('空の列'), intent: 'preview' })).body as Reply).preview;
    expect(read.unanswered).toEqual([{ text: '使わなかった質問', columns: 'B' }]);
    expect(read.questions.map((q) => q.text)).toEqual(['満足していますか']);
    const headless = generic(['', '満足していますか'], [['メモ', 'はい']]);
    const refused = await commit(headless, header('見出しなし'));
    expect(refused.status).toBe(400);
    expect((refused.body as Reply).preview.fileErrors).toEqual(['A列の1行目に質問がありません。見出しのない列は読み込めません']);
  });

  it('a question with 500 options reads as free text; chosen as a choice, it is refused with what to do', async () => {
    const rows = Array.from({ length: 1000 }, (_, i) => [String(i), `部署${i % 500}`, i % 2 ? 'はい' : 'いいえ']);
    const csv = generic(['受付番号', '所属部署', '満足していますか'], rows);
    const read = ((await commit(csv, { ...header('500'), intent: 'preview' })).body as Reply).preview;
    expect(read.questions[0]).toMatchObject({ kind: 'free_text', answerCount: 1000 });
    const before = await surveyCount();
    const refused = await commit(csv, header('500の選択肢'), { 0: 'single' });
    expect(refused.status).toBe(400);
    expect((refused.body as Reply).preview.questions[0]!.errors).toEqual([
      '選択肢が500種類あります。選択式で読み込めるのは100個までです。形式を「自由記述」にしてください',
    ]);
    expect(await surveyCount()).toBe(before);
  });

  it('answers that do not fit the chosen kind are refused with examples', async () => {
    const csv = generic(
      ['受付番号', '評価'],
      [
        ['1', '5'],
        ['2', 'とても良い'],
      ],
    );
    const refused = await commit(csv, header('種別違い'), { 0: 'scale' });
    expect((refused.body as Reply).preview.questions[0]!.errors).toEqual(['1〜5 の数字でない回答があります「とても良い」。選択式にしてください']);
  });

  it('refuses files that cannot be read, whole, with a Japanese message', async () => {
    const before = await surveyCount();
    const cases: [Uint8Array, string][] = [
      [new Uint8Array([0x41, 0x2c, 0x82, 0xff, 0x0d, 0x0a]), '文字コードを読み取れません'],
      [new TextEncoder().encode('受付番号,質問\r\n1,"閉じていない\r\n'), 'CSVとして読み取れません'],
      [new TextEncoder().encode(''), 'CSVファイルを選んでください'],
      [new TextEncoder().encode('受付番号,質問\r\n'), '回答の行がありません'],
      [new TextEncoder().encode(`受付番号,質問\r\n${'1,はい\r\n'.repeat(400_000)}`), 'ファイルが大きすぎます'],
      [new TextEncoder().encode('受付番号,質問\r\n1,文字化け\uFFFDした回答\r\n'), '2行目: 文字化け'],
    ];
    for (const [bytes, said] of cases) {
      const answer = await upload(bytes);
      expect(answer.status, said).toBe(400);
      const p = (answer.body as Reply).preview;
      expect([...p.fileErrors, ...p.lineErrors.map((e) => `${e.line}行目: ${e.messages.join('／')}`)].join('\n')).toContain(said);
    }
    expect(await surveyCount()).toBe(before);
  });
});

describe('entered once', () => {
  it('a survey may become an アンケート entry already in the log instead of adding one', async () => {
    const logged = await createActivity(getDb(), {
      teamId,
      kind: 'survey',
      title: '全庁アンケート実施',
      occurredOn: `${world.year}-06-10`,
      durationMinutes: 90,
    });
    const csv = '受付番号,満足していますか\r\n1,はい\r\n2,いいえ\r\n';
    const before = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(activities)
      .where(eq(activities.teamId, teamId));
    const done = await commit(csv, header('全庁アンケート', { activityId: String(logged.id) }));
    expect(done.status).toBe(302);
    const id = surveyIdOf(done.location);
    const after = await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(activities)
      .where(eq(activities.teamId, teamId));
    expect(after[0]!.n).toBe(before[0]!.n);
    expect(await getDb().select().from(activities).where(eq(activities.id, logged.id))).toMatchObject([
      { surveyId: id, title: '全庁アンケート', occurredOn: `${world.year}-06-15`, durationMinutes: 90 },
    ]);
    // Taken now: offering it again is refused in place.
    const again = await commit(csv, header('もう一度', { activityId: String(logged.id) }));
    expect(again.status).toBe(400);
    expect((again.body as Reply).result?.error?.activityId).toBeDefined();
  });

  it('the database refuses a survey’s entry of another kind, and a second entry of the same survey', async () => {
    const [first] = await selectRows<{ id: number; survey_id: number }>(sql`select id, survey_id from activities where survey_id is not null limit 1`);
    await expect(getDb().update(activities).set({ kind: 'meeting' }).where(eq(activities.id, first!.id))).rejects.toThrow();
    await expect(createActivity(getDb(), { teamId, kind: 'survey', surveyId: first!.survey_id })).rejects.toThrow();
    // A survey of another team cannot be linked (same-team foreign key).
    await expect(createActivity(getDb(), { teamId: world.teamC.id, kind: 'survey', surveyId: first!.survey_id })).rejects.toThrow();
  });
});

describe('planSurveyImport alone', () => {
  it('writes nothing', async () => {
    const before = await surveyCount();
    const plan = await planSurveyImport('受付番号,満足していますか\r\n1,はい\r\n');
    expect(plan.questions).toHaveLength(1);
    expect(await surveyCount()).toBe(before);
    expect(and).toBeDefined();
  });
});
