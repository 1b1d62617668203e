import { beforeAll, describe, expect, it } from 'vitest';
import { readDocx } from '../docx';
import { getDb } from '../../db/client';
import { activityKinds } from '../../app/domain/codes';
import { emptySheet } from '../../app/domain/sheet';
import { loadPaperDraft } from '../../app/models/paper-content.server';
import { getTeamRef } from '../../app/models/teams.server';
import { loadViewer } from '../../app/models/viewers.server';
import { buildPaperDocx } from '../../app/utils/paper-docx.server';
import { teamAccess } from '../../app/utils/permissions';
import {
  addTeamMember,
  createActivities,
  createChangeChain,
  createInterview,
  createMunicipality,
  createPaperDraft,
  createPerson,
  createSession,
  createSheetWithVersions,
  createSurvey,
  createTeam,
  createTeamMoyamoya,
  createUser,
} from '../factories';
import { addDays, currentFiscalYear } from '../factories/util';

// Issue 18's bar: the draft of a team with 80 activities, 10 interviews (their content ticked), 3 changes and 10
// sheet versions is written in under 2 s on this machine (2 shared cores). The surveys come from the surveys branch;
// until it lands there are none to time. `npm run bench:paper` times the same over HTTP on the benchmark's data.

const fy = currentFiscalYear();
const budgetMs = 2000;
let team: NonNullable<Awaited<ReturnType<typeof getTeamRef>>>;
let memberUserId: number;

beforeAll(async () => {
  const db = getDb();
  const created = await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '計測市' })).id, fiscalYear: fy });
  const people = [];
  for (let i = 0; i < 3; i++) people.push(await createPerson(db));
  for (const person of people) await addTeamMember(db, { teamId: created.id, personId: person.id, department: '総務部', section: '人事課' });
  memberUserId = (await createUser(db, { personId: people[0]!.id, passwordHash: 'x' })).id;
  const sessions = [];
  for (let n = 1; n <= 6; n++) sessions.push(await createSession(db, { fiscalYear: fy, number: n, startsOn: addDays(`${fy}-04-24`, (n - 1) * 50) }));
  for (const [i, s] of sessions.entries())
    await createTeamMoyamoya(db, { teamId: created.id, sessionId: s.id, level: 90 - i * 8, reflection: `この頃の自分たち${i}` });
  const kinds = activityKinds.codes.filter((k) => k !== 'interview');
  await createActivities(
    db,
    Array.from({ length: 70 }, (_, i) => ({
      teamId: created.id,
      kind: kinds[i % kinds.length]!,
      occurredOn: addDays(`${fy}-04-05`, i * 4),
      durationMinutes: 30 + (i % 6) * 30,
      title: `活動${i}`,
      notes: '議論したこと：人材育成の方向性。\n'.repeat(6),
    })),
  );
  const interviews = [];
  for (let i = 0; i < 10; i++) {
    interviews.push(
      await createInterview(db, {
        teamId: created.id,
        interviewedOn: addDays(`${fy}-06-01`, i * 12),
        interviewee: `部長級職員（${i}）`,
        roleCategory: 'manager',
        visibility: i % 2 ? 'program' : 'team',
        content: '職員が挑戦できる風土をつくりたい。\n'.repeat(20),
        insights: '対話の場が足りない。',
        unease: 'まだ手探り。',
        homework: ['若手の声を集める', '人事課と話す'],
      }),
    );
  }
  for (let i = 0; i < 3; i++) await createChangeChain(db, { teamId: created.id, title: `変化${i}` });
  await createSheetWithVersions(db, {
    teamId: created.id,
    versions: Array.from({ length: 10 }, (_, v) => ({
      content: {
        ...emptySheet(),
        currentState: '現状とその背景。'.repeat(60),
        idealIn10Years: `ありたい姿${v}`,
        focusInitiatives: [{ text: '対話会', evidence: [] }],
      },
    })),
  });
  // Three surveys, each with a chart per choice question (five questions: yes/no, single, multiple, scale, free text).
  const surveyIds = [];
  for (let i = 0; i < 3; i++) {
    const survey = await createSurvey(db, {
      teamId: created.id,
      title: `職員アンケート${i}`,
      visibility: 'program',
      heldOn: `${fy}-0${6 + i}-10`,
      questions: [
        {
          text: 'やりがいを感じていますか？',
          kind: 'yes_no',
          answered: 300,
          options: [
            { label: 'はい', count: 160, percent: 53.3 },
            { label: 'いいえ', count: 140, percent: 46.7 },
          ],
        },
        {
          text: '所属は？',
          kind: 'single',
          answered: 300,
          options: ['総務', '企画', '福祉', '建設', '教育'].map((label, k) => ({ label, count: 60, percent: 20 + k * 0 })),
        },
        {
          text: '必要なものは？（複数回答）',
          kind: 'multiple',
          answered: 300,
          options: ['対話', '研修', '時間', '仲間'].map((label) => ({ label, count: 150, percent: 50 })),
        },
        { text: '満足度（1〜5）', kind: 'scale', answered: 300, options: ['1', '2', '3', '4', '5'].map((label) => ({ label, count: 60, percent: 20 })) },
        { text: 'ご意見', kind: 'free_text', answered: 3, answers: [{ body: '対話の場がほしい', quoted: true }, '特になし', '忙しい'] },
      ],
    });
    surveyIds.push(survey.id);
  }
  await createPaperDraft(db, {
    teamId: created.id,
    surveyIds,
    aboutMunicipality: '人口約18万人。'.repeat(20),
    findings: '対話 ＝ 聴く × 話す',
    interviewIds: interviews.map((i) => i.id),
  });
  team = (await getTeamRef(created.id))!;
});

describe('writing the draft', () => {
  it(`takes under ${budgetMs / 1000} s for a team of 80 activities, 10 interviews, 3 surveys and 10 sheet versions`, async () => {
    const access = teamAccess(await loadViewer(memberUserId), team);
    const write = async () => buildPaperDocx(await loadPaperDraft(team, access));
    // The first paper imports docx and resvg; it holds every chart: activity hours, モヤモヤ, 4 per survey.
    const first = readDocx(await write());
    // (Word keeps one file for identical pictures: the three surveys' charts are counted where they are drawn.)
    expect(first.text('word/document.xml').match(/<pic:pic\b/g)?.length).toBeGreaterThanOrEqual(2 + 3 * 4);
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      const started = performance.now();
      const bytes = await write();
      times.push(performance.now() - started);
      expect(bytes.length).toBeGreaterThan(20_000);
    }
    const median = [...times].sort((a, b) => a - b)[1]!;
    expect(median, `times: ${times.map((t) => Math.round(t)).join(', ')} ms`).toBeLessThan(budgetMs);
  });
});
