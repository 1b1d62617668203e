import { createSurvey, type SurveyQuestionInput } from '../../tests/factories';
import type { Db } from '../client';
import { addDays } from './calendar';
import { mulberry32 } from './random';
import type { DemoTeam } from './roster';

// The demo team's two surveys (甲府市, the current year): a 全職員アンケート as a Google フォーム file gives
// it (counted from 412 fictional respondents, some free-text answers tagged 引用), and a 若手職員アンケート
// of which only the summary exists (percentages typed by hand). Its own seeded PRNG, so the rest of the
// demo data is the same with or without it.

type Logged = { id: number; kind: string; title: string; occurredOn: string };

const satisfaction = ['満足', 'やや満足', 'どちらともいえない', 'やや不満', '不満'];
const troubles = ['業務量が多い', '部署間の連携が弱い', '相談できる相手がいない', '挑戦が評価されない', '研修の機会が少ない'];
const opinions: [string, boolean][] = [
  ['若手の提案を一度は聞いてもらえる場がほしい。', true],
  ['会議が報告ばかりで、話し合いになっていない。', true],
  ['忙しさを理由に、隣の係とも話す時間がない。', false],
  ['異動のたびに一から覚え直しで、経験が生かされていないと感じる。', false],
  ['市民の声を直接聞く機会が減っている。窓口以外の職員も地域に出たい。', true],
  ['研修で学んだことを職場で試せる雰囲気がない。', false],
  ['部長と話す機会があると、自分の仕事の意味が分かる。', false],
  ['テレワークが進んで、雑談から生まれる相談が減った。', false],
  ['失敗しても大丈夫と言ってもらえると挑戦できる。', false],
  ['庁内の情報が探しにくく、同じことを何度も聞いてしまう。', false],
  ['特になし', false],
];

/** Counts and shares of what `respondents` chose, options in their order (as the import counts them). */
function counted(options: string[], chosen: string[][], order: 'given' | 'count' = 'given') {
  const answered = chosen.filter((c) => c.length).length;
  const rows = options.map((label) => {
    const count = chosen.filter((c) => c.includes(label)).length;
    return { label, count, percent: Math.round((count * 1000) / answered) / 10 };
  });
  return { answered, options: order === 'count' ? [...rows].sort((a, b) => b.count - a.count) : rows };
}

function allStaffSurvey(): SurveyQuestionInput[] {
  const rng = mulberry32(20260609);
  const n = 412;
  const people = Array.from({ length: n }, () => {
    const engaged = rng.next();
    return {
      meaningful: engaged < 0.5 ? 'はい' : 'いいえ',
      satisfaction: satisfaction[Math.min(4, Math.floor(rng.next() * 2.6 + (engaged < 0.5 ? 0 : 1.5)))]!,
      troubles: troubles.filter((_, i) => rng.next() < [0.58, 0.46, 0.31, 0.27, 0.18][i]!),
      // 部署を越えて相談できる: about three in ten agree (4 or 5).
      across: String(1 + Math.min(4, Math.floor(rng.next() * 3.3 + (rng.next() < 0.4 ? 1.7 : 0)))),
    };
  });
  const yesNo = counted(
    ['はい', 'いいえ'],
    people.map((p) => [p.meaningful]),
  );
  const single = counted(
    satisfaction,
    people.map((p) => [p.satisfaction]),
  );
  const multiple = counted(
    troubles,
    people.map((p) => p.troubles),
    'count',
  );
  const scale = counted(
    ['1', '2', '3', '4', '5'],
    people.map((p) => [p.across]),
  );
  return [
    { text: '市役所の仕事にやりがいを感じていますか？', kind: 'yes_no', ...yesNo },
    { text: '今の職場の雰囲気に満足していますか？', kind: 'single', ...single },
    { text: '職場で困っていること（あてはまるものすべて）', kind: 'multiple', ...multiple },
    { text: '「部署を越えて相談できる」と感じる（1:そう思わない〜5:そう思う）', kind: 'scale', ...scale },
    {
      text: '市役所をより良くするために、ご意見をお書きください',
      kind: 'free_text',
      answered: opinions.length,
      answers: opinions.map(([body, quoted]) => ({ body, quoted })),
    },
  ];
}

const youngStaffSummary: SurveyQuestionInput[] = [
  {
    text: '5年後もこの市役所で働いていたいですか？',
    kind: 'yes_no',
    options: [
      { label: 'はい', percent: 68 },
      { label: 'いいえ', percent: 32 },
    ],
  },
  {
    text: '上司に相談しやすいですか？',
    kind: 'single',
    options: [
      { label: '相談しやすい', percent: 41 },
      { label: 'どちらともいえない', percent: 37 },
      { label: '相談しにくい', percent: 22 },
    ],
  },
  {
    text: '参加したい学びの場（複数回答）',
    kind: 'multiple',
    options: [
      { label: '他自治体の職員との交流', percent: 57 },
      { label: '庁内の勉強会', percent: 48 },
      { label: 'オンライン研修', percent: 35 },
    ],
  },
];

/**
 * The demo team's surveys, each the survey of an アンケート entry its log already has (entered once). Returns
 * the question the sheet cites (「やりがい」, Q1 of the 全職員アンケート).
 */
export async function seedSurveys(db: Db, team: DemoTeam, logged: Logged[]) {
  const surveyEntries = logged.filter((a) => a.kind === 'survey');
  const allStaffEntry = surveyEntries.find((a) => a.title === '全庁アンケート実施');
  const youngEntry = surveyEntries.find((a) => a.title === '若手職員アンケート実施');
  const heldOn = allStaffEntry?.occurredOn ?? `${team.fiscalYear}-06-10`;
  const allStaff = await createSurvey(db, {
    teamId: team.id,
    title: '全職員アンケート',
    heldOn,
    heldUntil: addDays(heldOn, 7),
    audience: '全職員（正規職員）',
    respondents: 412,
    visibility: 'municipality',
    source: 'google_forms',
    createdByUserId: team.userId,
    questions: allStaffSurvey(),
    ...(allStaffEntry ? { activityId: allStaffEntry.id } : { activity: { durationMinutes: 120 } }),
  });
  await createSurvey(db, {
    teamId: team.id,
    title: '若手職員アンケート',
    heldOn: youngEntry?.occurredOn ?? `${team.fiscalYear}-07-08`,
    audience: '入庁10年目までの職員',
    respondents: 96,
    visibility: 'program',
    source: 'manual',
    createdByUserId: team.userId,
    questions: youngStaffSummary,
    ...(youngEntry ? { activityId: youngEntry.id } : { activity: { durationMinutes: 90 } }),
  });
  return { citedQuestion: allStaff.questions[0]!.id };
}
