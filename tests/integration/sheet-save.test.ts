import { and, asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, sheets, sheetVersions } from '../../db/schema';
import { action as editAction } from '../../app/routes/teams.$teamId.sheet.edit';
import { action as historyAction } from '../../app/routes/teams.$teamId.sheet.history';
import { action as sheetAction, loader as sheetLoader } from '../../app/routes/teams.$teamId.sheet._index';
import type { Conflict } from '../../app/components/sheet/ConflictView';
import { emptySheet } from '../../app/domain/sheet';
import {
  addTeamMember,
  createActivity,
  createInterview,
  createMunicipality,
  createPerson,
  createSession,
  createSheetWithVersions,
  createTeam,
  createUser,
} from '../factories';
import { actionArgs, loaderArgs, loaded, noticeOf } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// No lost update: a save names its base version and the server moves the counter with a
// conditional UPDATE, so of many saves on one base exactly one lands and the rest get 409
// with their own text handed back.

// A refused save's reply carries the conflict (null unless it was stale); a saved one redirects.
type Outcome = { status: number; location: string | null; notice: string | null; body: { conflict: Conflict | null } | null };

async function run(fn: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await fn();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), notice: await noticeOf(result), body: null };
  const r = result as { data: { conflict: Conflict | null }; init?: { status?: number } };
  return { status: r.init?.status ?? 200, location: null, notice: null, body: r.data };
}

let world: World;
let memberCookie: string;
let member2Cookie: string;

const save = (teamId: number, cookie: string, form: Record<string, string | string[]>) =>
  run(() => editAction(actionArgs(`/teams/${teamId}/sheet/edit`, form, { params: { teamId: String(teamId) }, headers: { Cookie: cookie } })));

async function versionsOf(teamId: number) {
  return getDb()
    .select({
      version: sheetVersions.version,
      content: sheetVersions.content,
      message: sheetVersions.message,
      restoredFromVersion: sheetVersions.restoredFromVersion,
    })
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .where(eq(sheets.teamId, teamId))
    .orderBy(asc(sheetVersions.version));
}

beforeAll(async () => {
  world = await buildWorld();
  memberCookie = await sessionCookie(world.users.member.id);
  const person = await createPerson(getDb(), { municipalityId: world.cityA.id });
  await addTeamMember(getDb(), { teamId: world.teamA.id, personId: person.id });
  member2Cookie = await sessionCookie((await createUser(getDb(), { personId: person.id, passwordHash: null })).id);
});

describe('saving the sheet', () => {
  it('accepts exactly one of 20 concurrent saves on the same base version; the other 19 get 409 with their own text', async () => {
    const teamId = world.teamA.id;
    const texts = Array.from({ length: 20 }, (_, i) => `同時に保存した${i + 1}人目の現状。夜中に書いた段落です。`);
    const outcomes = await Promise.all(
      texts.map((text, i) => save(teamId, i % 2 ? member2Cookie : memberCookie, { baseVersion: '2', currentState: text, message: `保存${i + 1}` })),
    );
    const won = outcomes.filter((o) => o.status === 302);
    const refused = outcomes.filter((o) => o.status === 409);
    expect(won).toHaveLength(1);
    expect(refused).toHaveLength(19);
    expect(won[0]).toMatchObject({ location: `/teams/${teamId}/sheet`, notice: '第3版として保存しました。' });

    const versions = await versionsOf(teamId);
    expect(versions.map((v) => v.version)).toEqual([1, 2, 3]);
    const winnerText = versions[2]!.content.currentState;
    const winner = texts.indexOf(winnerText);
    expect(winner).toBeGreaterThanOrEqual(0);
    expect(versions[2]!.message).toBe(`保存${winner + 1}`);
    const [sheet] = await getDb().select().from(sheets).where(eq(sheets.teamId, teamId));
    expect(sheet!.currentVersion).toBe(3);

    // Every refused text goes back to its own author, beside the version that won.
    outcomes.forEach((o, i) => {
      if (i === winner) return;
      expect(o.status).toBe(409);
      expect(o.body?.conflict?.mine.currentState).toBe(texts[i]);
      expect(o.body?.conflict?.theirs.currentState).toBe(winnerText);
      expect(o.body?.conflict?.latest.version).toBe(3);
      expect(o.body?.conflict?.conflicts).toContain('currentState');
    });

    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'sheet_version'), eq(auditLog.action, 'create')));
    expect(audits.filter((a) => (a.detail as { teamId?: number }).teamId === teamId)).toHaveLength(1);
  });

  it('saves a merge against the newer version, and refuses it again if that too is stale', async () => {
    const teamId = world.teamA.id;
    const merged = await save(teamId, member2Cookie, { baseVersion: '3', currentState: '二人の文章をまとめた現状。', message: 'まとめた' });
    expect(merged.status).toBe(302);
    const stale = await save(teamId, memberCookie, { baseVersion: '3', currentState: '古い版をもとにした文章。' });
    expect(stale.status).toBe(409);
    expect(stale.body?.conflict?.theirs.currentState).toBe('二人の文章をまとめた現状。');
    expect((await versionsOf(teamId)).map((v) => v.version)).toEqual([1, 2, 3, 4]);
  });

  it('takes the other side for a field only one side changed', async () => {
    const teamId = world.teamA.id;
    const base = (await versionsOf(teamId)).at(-1)!;
    expect(
      (await save(teamId, memberCookie, { baseVersion: String(base.version), currentState: base.content.currentState, oneYearGoal: '1年後の状態を書いた。' }))
        .status,
    ).toBe(302);
    const mine = await save(teamId, member2Cookie, { baseVersion: String(base.version), currentState: '現状だけ書き換えた。' });
    expect(mine.status).toBe(409);
    expect(mine.body?.conflict?.merged.currentState).toBe('現状だけ書き換えた。');
    expect(mine.body?.conflict?.merged.oneYearGoal).toBe('1年後の状態を書いた。');
    expect(mine.body?.conflict?.conflicts).toEqual([]);
    expect(mine.body?.conflict?.theirsOnly).toContain('oneYearGoal');
  });

  it('lets only one of several concurrent first saves create a sheet', async () => {
    const team = await createTeam(getDb(), { municipalityId: (await createMunicipality(getDb())).id, fiscalYear: world.year });
    const user = await createUser(getDb(), { passwordHash: null });
    await addTeamMember(getDb(), { teamId: team.id, personId: user.personId });
    const cookie = await sessionCookie(user.id);
    const outcomes = await Promise.all([1, 2, 3, 4, 5].map((i) => save(team.id, cookie, { baseVersion: '0', currentState: `最初の版${i}` })));
    expect(outcomes.filter((o) => o.status === 302)).toHaveLength(1);
    expect(outcomes.filter((o) => o.status === 409)).toHaveLength(4);
    expect((await versionsOf(team.id)).map((v) => v.version)).toEqual([1]);
  });

  it('stores lists with their evidence, and refuses to cite another team’s records', async () => {
    const teamId = world.teamA.id;
    const db = getDb();
    const activity = await createActivity(db, { teamId, kind: 'survey', title: '全庁アンケート' });
    const foreign = await createInterview(db, { teamId: world.teamB.id, interviewee: '熊本市の部長', roleCategory: 'head', visibility: 'program' });
    const current = (await versionsOf(teamId)).at(-1)!.version;
    const refused = await save(teamId, memberCookie, {
      baseVersion: String(current),
      'focusInitiatives[0].text': '対話の場をつくる',
      'focusInitiatives[0].evidence': [`interview:${foreign.id}`],
    });
    expect(refused.status).toBe(400);
    expect(JSON.stringify(refused.body)).toContain('このチームのインタビュー・アンケート・活動記録だけ');
    expect((await versionsOf(teamId)).at(-1)!.version).toBe(current);

    const ok = await save(teamId, memberCookie, {
      baseVersion: String(current),
      'focusInitiatives[0].text': '対話の場をつくる',
      'focusInitiatives[0].evidence': [`interview:${world.interviews.team.id}`, `activity:${activity.id}`],
      'focusInitiatives[1].text': '',
      'actionPlan.first[0].text': 'まず3人でランチ対話会を試行する',
      'actionPlan.next[0].text': '関係課と検討する',
      'scenario.official': '人事課と連携する',
      'keywords.firstPerson': '自分たちを主語にした',
    });
    expect(ok.status).toBe(302);
    const saved = (await versionsOf(teamId)).at(-1)!.content;
    expect(saved.focusInitiatives).toEqual([
      {
        text: '対話の場をつくる',
        evidence: [
          { kind: 'interview', id: world.interviews.team.id },
          { kind: 'activity', id: activity.id },
        ],
      },
    ]);
    expect(saved.actionPlan.first[0]!.text).toBe('まず3人でランチ対話会を試行する');
    expect(saved.scenario.official).toBe('人事課と連携する');
    expect(saved.keywords.firstPerson).toBe('自分たちを主語にした');

    // Shown beside the item; a partner sees that a team-only interview is cited, not whose it is.
    const asMember = await loaded(sheetLoader(loaderArgs(`/teams/${teamId}/sheet`, { params: { teamId: String(teamId) }, headers: { Cookie: memberCookie } })));
    expect((asMember.labels as Record<string, { label: string }>)[`interview:${world.interviews.team.id}`]!.label).toContain('teamの相手');
    const partnerCookie = await sessionCookie(world.users.partner.id);
    const asPartner = await loaded(
      sheetLoader(loaderArgs(`/teams/${teamId}/sheet`, { params: { teamId: String(teamId) }, headers: { Cookie: partnerCookie } })),
    );
    expect((asPartner.labels as Record<string, { label: string }>)[`interview:${world.interviews.team.id}`]!.label).toBe('インタビュー（非公開）');
    expect(JSON.stringify(asPartner.labels)).not.toContain('teamの相手');
  });
});

describe('history', () => {
  it('restores an old version as a new version, leaving history as it was', async () => {
    const teamId = world.teamA.id;
    const before = await versionsOf(teamId);
    const current = before.at(-1)!.version;
    const res = await run(() =>
      historyAction(
        actionArgs(
          `/teams/${teamId}/sheet/history`,
          { intent: 'restore', version: '1', baseVersion: String(current) },
          { params: { teamId: String(teamId) }, headers: { Cookie: memberCookie } },
        ),
      ),
    );
    expect(res.status).toBe(302);
    const after = await versionsOf(teamId);
    expect(after.slice(0, before.length)).toEqual(before);
    expect(after.at(-1)).toMatchObject({ version: current + 1, restoredFromVersion: 1, content: before[0]!.content });

    const stale = await run(() =>
      historyAction(
        actionArgs(
          `/teams/${teamId}/sheet/history`,
          { intent: 'restore', version: '2', baseVersion: String(current) },
          { params: { teamId: String(teamId) }, headers: { Cookie: memberCookie } },
        ),
      ),
    );
    expect(stale.status).toBe(409);
    expect(await versionsOf(teamId)).toHaveLength(after.length);
  });

  it('tags a version as a session submission of the team’s own year only', async () => {
    const teamId = world.teamA.id;
    const db = getDb();
    const fourth = await createSession(db, { fiscalYear: world.year, number: 4 });
    const other = await createSession(db, { fiscalYear: world.year - 1, number: 4 });
    const tag = (form: Record<string, string>) =>
      run(() =>
        historyAction(
          actionArgs(`/teams/${teamId}/sheet/history`, { intent: 'tag', ...form }, { params: { teamId: String(teamId) }, headers: { Cookie: memberCookie } }),
        ),
      );
    expect((await tag({ version: '2', sessionId: String(other.id) })).status).toBe(400);
    expect((await tag({ version: '2', sessionId: String(fourth.id), tag: '' })).status).toBe(302);
    const [row] = await db
      .select()
      .from(sheetVersions)
      .where(and(eq(sheetVersions.sheetId, world.sheet.id), eq(sheetVersions.version, 2)));
    expect(row).toMatchObject({ tag: '第4回提出版', sessionId: fourth.id });
    expect((await tag({ version: '999', tag: '幻の版' })).status).toBe(404);
  });
});

describe('handover', () => {
  it('starts a new team’s sheet from the previous generation’s final version and records where it came from', async () => {
    const db = getDb();
    const city = await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: world.year - 1 });
    const pastInterview = await createInterview(db, { teamId: past.id, interviewee: '前の期の市長', roleCategory: 'head', visibility: 'team' });
    const final = {
      ...emptySheet(),
      currentState: '前の期がたどり着いた現状認識。',
      focusInitiatives: [{ text: '対話の文化', evidence: [{ kind: 'interview' as const, id: pastInterview.id }] }],
    };
    const pastSheet = await createSheetWithVersions(db, { teamId: past.id, versions: [{}, { content: final, tag: '最終版' }] });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: world.year });
    const user = await createUser(db, { passwordHash: null });
    await addTeamMember(db, { teamId: team.id, personId: user.personId });
    const cookie = await sessionCookie(user.id);
    const args = (form: Record<string, string>) =>
      actionArgs(`/teams/${team.id}/sheet`, form, { params: { teamId: String(team.id) }, headers: { Cookie: cookie } });

    const page = await loaded(sheetLoader(loaderArgs(`/teams/${team.id}/sheet`, { params: { teamId: String(team.id) }, headers: { Cookie: cookie } })));
    expect(page.previous).toMatchObject({ fiscalYear: world.year - 1, version: 2, tag: '最終版' });
    expect((await run(() => sheetAction(args({ intent: 'handover' })))).status).toBe(302);

    const [sheet] = await db.select().from(sheets).where(eq(sheets.teamId, team.id));
    expect(sheet!.copiedFromVersionId).toBe(pastSheet.versions[1]!.id);
    const [copy] = await versionsOf(team.id);
    expect(copy!.content.currentState).toBe('前の期がたどり着いた現状認識。');
    expect(copy!.content.focusInitiatives).toEqual([{ text: '対話の文化', evidence: [] }]);
    const shown = await loaded(sheetLoader(loaderArgs(`/teams/${team.id}/sheet`, { params: { teamId: String(team.id) }, headers: { Cookie: cookie } })));
    // A finished year's sheet is open to everyone who has been on a team (issue 8's network scope),
    // so the new team can follow the link to where its sheet came from.
    expect(shown.origin).toMatchObject({ fiscalYear: world.year - 1, version: 2, tag: '最終版', readable: true });

    // A second handover changes nothing.
    expect((await run(() => sheetAction(args({ intent: 'handover' })))).status).toBe(302);
    expect(await versionsOf(team.id)).toHaveLength(1);
  });
});
