import { parse } from 'csv-parse/sync';
import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, surveyAnswers, surveyOptions, surveyQuestions, surveys } from '../../db/schema';
import { loadViewer } from '../../app/models/viewers.server';
import { surveysForPaper } from '../../app/models/surveys.server';
import NewSurvey, { action as newAction, loader as newLoader } from '../../app/routes/teams.$teamId.surveys.new';
import EditSurvey, { action as editAction, loader as editLoader } from '../../app/routes/teams.$teamId.surveys_.$surveyId.edit';
import SurveyPage, { action as pageAction, loader as pageLoader } from '../../app/routes/teams.$teamId.surveys.$surveyId';
import Surveys, { loader as listLoader } from '../../app/routes/teams.$teamId.surveys._index';
import ImportSurvey, { loader as importLoader } from '../../app/routes/teams.$teamId.surveys.import';
import { loader as csvLoader } from '../../app/routes/teams.$teamId.surveys_.$surveyId.results[.csv]';
import { surveyResultsCsvHeader } from '../../app/models/team-csv-files.server';
import { loader as activitiesLoader } from '../../app/routes/teams.$teamId.activities._index';
import { loader as sheetLoader } from '../../app/routes/teams.$teamId.sheet._index';
import { action as sheetEditAction, loader as sheetEditLoader } from '../../app/routes/teams.$teamId.sheet.edit';
import { teamAccess } from '../../app/utils/permissions';
import { createSurvey } from '../factories';
import { actionArgs, loaded, loaderArgs, renderPage } from '../helpers';
import { buildWorld, cookieFor, roles, type World } from '../world';
import { fieldErrors, outcome } from './setup-helpers';

// Surveys: typed by hand, edited with the version check, read as the interviews' visibility levels allow
// (the page, the list, the CSV, the log, the sheet's evidence, and what the joint paper is given).

let world: World;
let teamId: number;
const byVisibility: Record<'team' | 'municipality' | 'program', number> = { team: 0, municipality: 0, program: 0 };

beforeAll(async () => {
  world = await buildWorld();
  teamId = world.teamA.id;
  for (const visibility of ['team', 'municipality', 'program'] as const) {
    byVisibility[visibility] = (
      await createSurvey(getDb(), {
        teamId,
        visibility,
        title: `${visibility}のアンケート`,
        heldOn: `${world.year}-0${visibility === 'team' ? 5 : visibility === 'municipality' ? 6 : 7}-10`,
        questions: [
          {
            text: `${visibility}の質問`,
            kind: 'yes_no',
            answered: 10,
            options: [
              { label: 'はい', count: 3, percent: 30 },
              { label: 'いいえ', count: 7, percent: 70 },
            ],
          },
          {
            text: `${visibility}の自由記述`,
            kind: 'free_text',
            answered: 2,
            answers: [{ body: `${visibility}の引用した回答`, quoted: true }, `${visibility}の引用していない回答`],
          },
        ],
      })
    ).id;
  }
});

const member = () => cookieFor(world, 'member');
const p = (extra: Record<string, string> = {}) => ({ teamId: String(teamId), ...extra });

describe('who reads a survey', () => {
  it('follows the interviews’ visibility levels as each role, on the page, the list, the CSV and the log', async () => {
    for (const role of roles.filter((r) => r !== 'anonymous' && r !== 'outsider')) {
      const headers = await cookieFor(world, role);
      const viewer = await loadViewer(world.users[role].id);
      const readable = teamAccess(viewer, world.teamA).interviewVisibilities;
      const list = JSON.stringify(await loaded(await listLoader(loaderArgs(`/teams/${teamId}/surveys`, { params: p(), headers }))));
      for (const [visibility, id] of Object.entries(byVisibility)) {
        const may = readable.includes(visibility as never);
        expect(list.includes(`${visibility}のアンケート`), `${role} list ${visibility}`).toBe(may);
        const page = await outcome(() => pageLoader(loaderArgs(`/teams/${teamId}/surveys/${id}`, { params: p({ surveyId: String(id) }), headers })));
        expect(page.status, `${role} page ${visibility}`).toBe(may ? 200 : 404);
        const csv = await outcome(() => csvLoader(loaderArgs(`/teams/${teamId}/surveys/${id}/results.csv`, { params: p({ surveyId: String(id) }), headers })));
        expect(csv.status, `${role} csv ${visibility}`).toBe(may ? 200 : 404);
      }
      if (teamAccess(viewer, world.teamA).readProgress) {
        const log = JSON.stringify(await loaded(await activitiesLoader(loaderArgs(`/teams/${teamId}/activities`, { params: p(), headers }))));
        for (const visibility of Object.keys(byVisibility)) {
          expect(log.includes(`${visibility}のアンケート`), `${role} log ${visibility}`).toBe(readable.includes(visibility as never));
        }
        expect(log.includes('（公開範囲外のアンケート）')).toBe(readable.length < 3);
      }
    }
  });

  it('gives the joint paper only the surveys the viewer may read, oldest first, and only the quoted answers', async () => {
    const all = await surveysForPaper(teamId, ['team', 'municipality', 'program']);
    const ours = all.filter((s) => Object.values(byVisibility).includes(s.id));
    expect(ours.map((s) => s.title)).toEqual(['teamのアンケート', 'municipalityのアンケート', 'programのアンケート']);
    expect(ours[0]!.questions).toEqual([
      {
        id: expect.any(Number),
        position: 0,
        text: 'teamの質問',
        kind: 'yes_no',
        options: [
          { label: 'はい', count: 3, percent: 30 },
          { label: 'いいえ', count: 7, percent: 70 },
        ],
        quotedAnswers: [],
      },
      { id: expect.any(Number), position: 1, text: 'teamの自由記述', kind: 'free_text', options: [], quotedAnswers: ['teamの引用した回答'] },
    ]);
    expect((await surveysForPaper(teamId, ['program'])).map((s) => s.title)).toEqual(['programのアンケート']);
    expect(await surveysForPaper(teamId, [])).toEqual([]);
  });
});

describe('the pages', () => {
  it('render with what their loaders give, as a member (every part shown)', async () => {
    const headers = await member();
    const id = byVisibility.municipality;
    const sp = p({ surveyId: String(id) });
    const pages: [string, Parameters<typeof renderPage>[0], unknown, string][] = [
      ['list', Surveys, await loaded(await listLoader(loaderArgs(`/teams/${teamId}/surveys`, { params: p(), headers }))), 'municipalityのアンケート'],
      ['page', SurveyPage, await loaded(await pageLoader(loaderArgs(`/teams/${teamId}/surveys/${id}`, { params: sp, headers }))), '引用を外す'],
      ['new', NewSurvey, await loaded(await newLoader(loaderArgs(`/teams/${teamId}/surveys/new`, { params: p(), headers }))), '質問と結果'],
      [
        'edit',
        EditSurvey,
        await loaded(await editLoader(loaderArgs(`/teams/${teamId}/surveys/${id}/edit`, { params: sp, headers }))),
        'ファイルから集計した結果',
      ],
      ['import', ImportSurvey, await loaded(await importLoader(loaderArgs(`/teams/${teamId}/surveys/import`, { params: p(), headers }))), 'CSVファイル'],
    ];
    for (const [name, Component, data, shows] of pages) {
      const html = await renderPage(Component, data);
      expect(html, name).toContain(shows);
    }
  });
});

describe('the results CSV', () => {
  it('is UTF-8 with a BOM and CRLF: a row per option, a row per free-text answer with its 引用 mark', async () => {
    const id = byVisibility.municipality;
    const res = (await csvLoader(
      loaderArgs(`/teams/${teamId}/surveys/${id}/results.csv`, { params: p({ surveyId: String(id) }), headers: await member() }),
    )) as Response;
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain('\r\n');
    expect(parse(text, { bom: true })).toEqual([
      [...surveyResultsCsvHeader],
      ['Q1', 'municipalityの質問', 'はい／いいえ', '10', 'はい', '3', '30', ''],
      ['Q1', 'municipalityの質問', 'はい／いいえ', '10', 'いいえ', '7', '70', ''],
      ['Q2', 'municipalityの自由記述', '自由記述', '2', 'municipalityの引用した回答', '', '', '○'],
      ['Q2', 'municipalityの自由記述', '自由記述', '2', 'municipalityの引用していない回答', '', '', ''],
    ]);
  });
});

describe('a summary typed by hand', () => {
  const fields = () => ({
    title: '若手職員アンケート',
    heldOn: `${world.year}-08-01`,
    heldUntil: `${world.year}-08-10`,
    audience: '入庁10年目までの職員',
    respondents: '84',
    visibility: 'municipality',
    durationMinutes: '90',
    'questions[0].text': '一関市役所について満足していますか？',
    'questions[0].kind': 'yes_no',
    'questions[0].options': 'Y:16%/N:84%',
    'questions[1].text': '参加したい研修',
    'questions[1].kind': 'multiple',
    'questions[1].options': 'ファシリテーション 62\n対話 55.5\nデータ活用　３０％',
    'questions[2].text': '',
    'questions[2].kind': 'single',
    'questions[2].options': '',
    'questions[3].text': '理由',
    'questions[3].kind': 'free_text',
    'questions[3].options': '上司に相談しやすい\n\n挑戦が評価されない',
  });

  it('is saved with its percentages and its own entry in the log', async () => {
    const done = await outcome(async () => newAction(actionArgs(`/teams/${teamId}/surveys/new`, fields(), { params: p(), headers: await member() })));
    expect(done.status).toBe(302);
    const id = Number(/surveys\/(\d+)$/.exec(done.location!)?.[1]);
    const [survey] = await getDb().select().from(surveys).where(eq(surveys.id, id));
    expect(survey).toMatchObject({ source: 'manual', respondents: 84, visibility: 'municipality', heldUntil: `${world.year}-08-10` });
    const questions = await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, id)).orderBy(surveyQuestions.position);
    expect(questions.map((q) => [q.text, q.kind, q.answered])).toEqual([
      ['一関市役所について満足していますか？', 'yes_no', null],
      ['参加したい研修', 'multiple', null],
      ['理由', 'free_text', null],
    ]);
    const options = await getDb().select().from(surveyOptions).where(eq(surveyOptions.questionId, questions[1]!.id)).orderBy(surveyOptions.position);
    expect(options.map((o) => [o.label, o.count, Number(o.percent)])).toEqual([
      ['ファシリテーション', null, 62],
      ['対話', null, 55.5],
      ['データ活用', null, 30],
    ]);
    const answers = await getDb().select().from(surveyAnswers).where(eq(surveyAnswers.questionId, questions[2]!.id));
    expect(answers.map((a) => a.body)).toEqual(['上司に相談しやすい', '挑戦が評価されない']);
    expect(await getDb().select().from(activities).where(eq(activities.surveyId, id))).toMatchObject([
      { kind: 'survey', title: '若手職員アンケート', occurredOn: `${world.year}-08-01`, durationMinutes: 90 },
    ]);
  });

  it('refuses in place, in Japanese, keeping what was typed, and writes nothing', async () => {
    const before = (await getDb().select().from(surveys)).length;
    const bad = {
      ...fields(),
      'questions[0].options': 'はい 60\nいいえ 50',
      'questions[1].options': 'ファシリテーション たくさん',
      'questions[3].text': '',
    };
    const refused = await outcome(async () => newAction(actionArgs(`/teams/${teamId}/surveys/new`, bad, { params: p(), headers: await member() })));
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)).toMatchObject({
      'questions[0].options': ['割合の合計が100%を超えています（110%）。1人が複数選べる質問なら、形式を「複数選択」にしてください'],
      'questions[1].options': ['「ファシリテーション たくさん」を読み取れません（例: はい 16）'],
      'questions[3].text': ['質問を入力してください（不要な質問は「削除」を選んでください）'],
    });
    expect((refused.body as { initialValue: Record<string, unknown> }).initialValue).toMatchObject({ title: '若手職員アンケート' });
    expect((await getDb().select().from(surveys)).length).toBe(before);
    const none = await outcome(async () =>
      newAction(
        actionArgs(
          `/teams/${teamId}/surveys/new`,
          { title: '質問なし', heldOn: `${world.year}-08-01`, visibility: 'team' },
          { params: p(), headers: await member() },
        ),
      ),
    );
    expect(fieldErrors(none.body)).toMatchObject({ questions: ['質問を1つ以上入力してください'] });
  });
});

describe('hostile input to the forms', () => {
  it('is a field error or a 400, never a 500, and writes nothing', async () => {
    const before = (await getDb().select().from(surveys)).length;
    const base = { title: '試験', heldOn: `${world.year}-08-01`, visibility: 'team', 'questions[0].text': '質問', 'questions[0].kind': 'single' };
    const cases: Record<string, string>[] = [
      { ...base, 'questions[0].options': 'はい\u0000 50' },
      { ...base, title: 'NUL\u0000入り', 'questions[0].options': 'はい 50' },
      { ...base, 'questions[0].options': Array.from({ length: 101 }, (_, i) => `選択肢${i} 0.5`).join('\n') },
      { ...base, 'questions[0].text': '長'.repeat(1001), 'questions[0].options': 'はい 50' },
      { ...base, 'questions[0].kind': 'no_such_kind', 'questions[0].options': 'はい 50' },
      { ...base, 'questions[0].options': 'はい 150' },
      { ...base, heldOn: '2026-13-01', 'questions[0].options': 'はい 50' },
      { ...base, 'questions[0].options': 'はい 50', activityId: '2147483648' },
      { ...base, 'questions[0].options': 'はい 50', respondents: '-3' },
    ];
    for (const form of cases) {
      const answer = await outcome(async () => newAction(actionArgs(`/teams/${teamId}/surveys/new`, form, { params: p(), headers: await member() })));
      expect(answer.status, JSON.stringify(form).slice(0, 80)).toBe(400);
      expect(Object.keys(fieldErrors(answer.body)).length).toBeGreaterThan(0);
    }
    const id = byVisibility.team;
    for (const answerId of ['2147483648', '-1', 'x']) {
      const answer = await outcome(async () =>
        pageAction(
          actionArgs(
            `/teams/${teamId}/surveys/${id}`,
            { intent: 'quote', answerId, quoted: 'on' },
            { params: p({ surveyId: String(id) }), headers: await member() },
          ),
        ),
      );
      expect(answer.status).toBe(400);
    }
    expect((await getDb().select().from(surveys)).length).toBe(before);
  });
});

describe('editing, with the version check', () => {
  it('saves against the version shown, and refuses a stale one with 409, keeping the person’s text beside the newer one', async () => {
    const survey = await createSurvey(getDb(), {
      teamId,
      source: 'manual',
      title: '管理職アンケート',
      questions: [
        {
          text: '部下と対話していますか',
          kind: 'yes_no',
          options: [
            { label: 'はい', percent: 40 },
            { label: 'いいえ', percent: 60 },
          ],
        },
      ],
    });
    const id = survey.id;
    const qid = survey.questions[0]!.id;
    const edit = await loaded(
      await editLoader(loaderArgs(`/teams/${teamId}/surveys/${id}/edit`, { params: p({ surveyId: String(id) }), headers: await member() })),
    );
    expect(edit.questions[0]).toMatchObject({ id: qid, counted: false, options: 'はい 40\nいいえ 60' });
    const form = (title: string, options: string, baseVersion: string) => ({
      title,
      heldOn: survey.heldOn,
      visibility: 'team',
      baseVersion,
      'questions[0].id': String(qid),
      'questions[0].text': '部下と対話していますか',
      'questions[0].kind': 'yes_no',
      'questions[0].options': options,
    });
    const first = await outcome(async () =>
      editAction(
        actionArgs(`/teams/${teamId}/surveys/${id}/edit`, form('管理職アンケート（確定版）', 'はい 45\nいいえ 55', '1'), {
          params: p({ surveyId: String(id) }),
          headers: await member(),
        }),
      ),
    );
    expect(first.status).toBe(302);
    const stale = await outcome(async () =>
      editAction(
        actionArgs(`/teams/${teamId}/surveys/${id}/edit`, form('管理職アンケート（古い画面）', 'はい 41\nいいえ 59', '1'), {
          params: p({ surveyId: String(id) }),
          headers: await member(),
        }),
      ),
    );
    expect(stale.status).toBe(409);
    const body = stale.body as { stale: { fields: { label: string; latest: string; mine: string }[] }; version: number };
    expect(body.version).toBe(2);
    expect(body.stale.fields.find((f) => f.label === 'タイトル')).toEqual({
      label: 'タイトル',
      latest: '管理職アンケート（確定版）',
      mine: '管理職アンケート（古い画面）',
    });
    const [row] = await getDb().select().from(surveys).where(eq(surveys.id, id));
    expect(row).toMatchObject({ title: '管理職アンケート（確定版）', version: 2 });
    const options = await getDb().select().from(surveyOptions).where(eq(surveyOptions.questionId, qid)).orderBy(surveyOptions.position);
    expect(options.map((o) => Number(o.percent))).toEqual([45, 55]);
    // The question keeps its id (the sheet may cite it); the log follows the title.
    expect(await getDb().select({ title: activities.title }).from(activities).where(eq(activities.surveyId, id))).toEqual([
      { title: '管理職アンケート（確定版）' },
    ]);
  });

  it('keeps a counted question’s results: only its text changes', async () => {
    const id = byVisibility.program;
    const [q] = await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, id)).orderBy(surveyQuestions.position);
    const [current] = await getDb().select().from(surveys).where(eq(surveys.id, id));
    const done = await outcome(async () =>
      editAction(
        actionArgs(
          `/teams/${teamId}/surveys/${id}/edit`,
          {
            title: current!.title,
            heldOn: current!.heldOn,
            visibility: 'program',
            baseVersion: String(current!.version),
            'questions[0].id': String(q!.id),
            'questions[0].text': 'programの質問（言い換え）',
            // A crafted post of results for a counted question is ignored.
            'questions[0].kind': 'yes_no',
            'questions[0].options': 'はい 99\nいいえ 1',
          },
          { params: p({ surveyId: String(id) }), headers: await member() },
        ),
      ),
    );
    expect(done.status).toBe(302);
    const options = await getDb().select().from(surveyOptions).where(eq(surveyOptions.questionId, q!.id)).orderBy(surveyOptions.position);
    expect(options.map((o) => [o.count, Number(o.percent)])).toEqual([
      [3, 30],
      [7, 70],
    ]);
    // The free-text question was not in the form: it is left as it was.
    expect((await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, id))).length).toBe(2);
  });
});

describe('引用 (quoted) answers', () => {
  it('are tagged and untagged by the team’s members, without moving the survey’s version', async () => {
    const id = byVisibility.team;
    const [answer] = await getDb()
      .select({ id: surveyAnswers.id })
      .from(surveyAnswers)
      .innerJoin(surveyQuestions, eq(surveyQuestions.id, surveyAnswers.questionId))
      .where(eq(surveyAnswers.body, 'teamの引用していない回答'));
    const [before] = await getDb().select({ version: surveys.version }).from(surveys).where(eq(surveys.id, id));
    const post = async (quoted: boolean) =>
      outcome(async () =>
        pageAction(
          actionArgs(
            `/teams/${teamId}/surveys/${id}`,
            { intent: 'quote', answerId: String(answer!.id), ...(quoted ? { quoted: 'on' } : {}) },
            { params: p({ surveyId: String(id) }), headers: await member() },
          ),
        ),
      );
    expect((await post(true)).status).toBe(302);
    expect((await surveysForPaper(teamId, ['team'])).find((s) => s.id === id)!.questions[1]!.quotedAnswers).toEqual([
      'teamの引用した回答',
      'teamの引用していない回答',
    ]);
    expect((await post(false)).status).toBe(302);
    expect((await surveysForPaper(teamId, ['team'])).find((s) => s.id === id)!.questions[1]!.quotedAnswers).toEqual(['teamの引用した回答']);
    const [after] = await getDb().select({ version: surveys.version }).from(surveys).where(eq(surveys.id, id));
    expect(after!.version).toBe(before!.version);
    // An answer of another survey, through this one's address: not found.
    const other = await getDb().select({ id: surveyAnswers.id }).from(surveyAnswers).where(eq(surveyAnswers.body, 'programの引用した回答'));
    const wrong = await outcome(async () =>
      pageAction(
        actionArgs(
          `/teams/${teamId}/surveys/${id}`,
          { intent: 'quote', answerId: String(other[0]!.id), quoted: 'on' },
          { params: p({ surveyId: String(id) }), headers: await member() },
        ),
      ),
    );
    expect(wrong.status).toBe(404);
  });
});

describe('the sheet cites a survey question', () => {
  it('as 「アンケート『…』Q1」 linked to the survey, masked like an interview for a reader who may not read it', async () => {
    const questionOf = async (visibility: keyof typeof byVisibility) =>
      (await getDb().select().from(surveyQuestions).where(eq(surveyQuestions.surveyId, byVisibility[visibility])).orderBy(surveyQuestions.position))[0]!;
    const team = await questionOf('team');
    const program = await questionOf('program');
    const cited = [
      { kind: 'survey_question' as const, id: team.id },
      { kind: 'survey_question' as const, id: program.id },
    ];
    // A member cites them from the editor (they are among its choices) …
    const editor = await loaded(await sheetEditLoader(loaderArgs(`/teams/${teamId}/sheet/edit`, { params: p(), headers: await member() })));
    const values = editor.choices.surveys.map((c: { value: string }) => c.value);
    expect(values).toEqual(expect.arrayContaining([`survey_question:${team.id}`, `survey_question:${program.id}`]));
    const version = editor.current?.version ?? 0;
    const saved = await outcome(async () =>
      sheetEditAction(
        actionArgs(
          `/teams/${teamId}/sheet/edit`,
          {
            baseVersion: String(version),
            message: 'アンケートを根拠に',
            'focusInitiatives[0].text': '対話の場',
            'focusInitiatives[0].evidence': cited.map((c) => `survey_question:${c.id}`),
          },
          { params: p(), headers: await member() },
        ),
      ),
    );
    expect(saved.status, JSON.stringify(saved.body)).toBe(302);
    // … and each reader sees them as they may.
    for (const role of ['member', 'hr', 'partner'] as const) {
      const sheet = await loaded(await sheetLoader(loaderArgs(`/teams/${teamId}/sheet`, { params: p(), headers: await cookieFor(world, role) })));
      const labels = sheet.labels as Record<string, { label: string; href: string | null }>;
      const readable = teamAccess(await loadViewer(world.users[role].id), world.teamA).interviewVisibilities;
      expect(labels[`survey_question:${program.id}`]).toEqual({
        value: `survey_question:${program.id}`,
        label: 'アンケート『programのアンケート』Q1',
        href: `/teams/${teamId}/surveys/${byVisibility.program}#q-${program.id}`,
      });
      expect(labels[`survey_question:${team.id}`]!.label, role).toBe(readable.includes('team') ? 'アンケート『teamのアンケート』Q1' : 'アンケート（非公開）');
      expect(JSON.stringify(sheet).includes('teamのアンケート'), role).toBe(readable.includes('team'));
    }
  });
});
