import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, changeChains, changeMoments, moyamoyaCheckins, teamMoyamoya } from '../../db/schema';
import { action as moyamoyaAction, loader as moyamoyaLoader } from '../../app/routes/teams.$teamId.moyamoya';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as moyamoyaCsv } from '../../app/routes/teams.$teamId.moyamoya[.csv]';
import { action as newChangeAction } from '../../app/routes/teams.$teamId.changes.new';
import { action as changeAction } from '../../app/routes/teams.$teamId.changes.$changeId';
import { action as changesAction, loader as changesLoader } from '../../app/routes/teams.$teamId.changes._index';
import { addTeamMember, createMoyamoyaCheckin, createPerson, createSession, createTeamMoyamoya, createUser } from '../factories';
import { actionArgs, loaderArgs, loaded } from '../helpers';
import { buildWorld, cookieFor, sessionCookie, type Role, type World } from '../world';
import { todayInTokyo } from '../../app/utils/clock';

let world: World;
let second: { userId: number; personId: number };
beforeAll(async () => {
  world = await buildWorld();
  const person = await createPerson(getDb(), { municipalityId: world.cityA.id, fullName: '二宮 花子' });
  await addTeamMember(getDb(), { teamId: world.teamA.id, personId: person.id });
  const user = await createUser(getDb(), { personId: person.id, email: 'member2@example.jp', passwordHash: null });
  second = { userId: user.id, personId: person.id };
});

const params = (extra: Record<string, string> = {}) => ({ teamId: String(world.teamA.id), ...extra });
const headersOf = async (who: Role | 'second') => (who === 'second' ? { Cookie: await sessionCookie(second.userId) } : cookieFor(world, who));

async function call(
  run: (args: ReturnType<typeof actionArgs>) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
  who: Role | 'second',
  extra: Record<string, string> = {},
) {
  try {
    const result = await run(actionArgs(path, form, { params: params(extra), headers: await headersOf(who) }));
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), errors: null };
    const r = result as { data: { result?: { error?: Record<string, string[]> }; error?: Record<string, string[]> }; init: { status: number } };
    return { status: r.init.status, location: null, errors: r.data.result?.error ?? r.data.error ?? null };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: null, errors: null };
    throw thrown;
  }
}

const moyamoyaPath = () => `/teams/${world.teamA.id}/moyamoya`;

describe('モヤモヤ指数', () => {
  it('keeps one check-in per member per day: a second entry the same day replaces the first', async () => {
    const today = todayInTokyo();
    expect((await call(moyamoyaAction, moyamoyaPath(), { intent: 'checkin', level: '80', note: '何から手をつければ' }, 'member')).status).toBe(302);
    expect((await call(moyamoyaAction, moyamoyaPath(), { intent: 'checkin', level: '65', note: '少し見えてきた' }, 'member')).status).toBe(302);
    expect((await call(moyamoyaAction, moyamoyaPath(), { intent: 'checkin', level: '90' }, 'second')).status).toBe(302);
    const rows = await getDb()
      .select()
      .from(moyamoyaCheckins)
      .where(and(eq(moyamoyaCheckins.teamId, world.teamA.id), eq(moyamoyaCheckins.checkedOn, today)));
    expect(rows.map((r) => [r.personId, r.level, r.note]).sort()).toEqual(
      [
        [world.users.member.personId, 65, '少し見えてきた'],
        [second.personId, 90, ''],
      ].sort(),
    );
    const audits = await getDb().select({ action: auditLog.action }).from(auditLog).where(eq(auditLog.entityType, 'moyamoya_checkin'));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'create']);
  });

  it('refuses a level outside 0–100 with a Japanese message, and writes from non-members', async () => {
    const bad = await call(moyamoyaAction, moyamoyaPath(), { intent: 'checkin', level: '120' }, 'member');
    expect(bad.status).toBe(400);
    expect(bad.errors?.level).toEqual(['モヤモヤ指数は0から100の間で入力してください']);
    for (const role of ['organizer', 'hr', 'alumni', 'partner', 'outsider'] as const) {
      expect([403, 404]).toContain((await call(moyamoyaAction, moyamoyaPath(), { intent: 'checkin', level: '50' }, role)).status);
    }
  });

  it('refuses a check-in or a team figure without a level (the slider was never moved): asks for one in place and keeps the text', async () => {
    const before = await getDb().select().from(moyamoyaCheckins).where(eq(moyamoyaCheckins.teamId, world.teamA.id));
    const note = '数字はまだ決められないけれど、書いておきたいこと';
    for (const level of [undefined, '', '  ']) {
      const form = { intent: 'checkin', note, ...(level === undefined ? {} : { level }) };
      const result = (await moyamoyaAction(actionArgs(moyamoyaPath(), form, { params: params(), headers: await headersOf('second') }))) as {
        data: { form: string; result: { error: Record<string, string[]>; initialValue: Record<string, string> } };
        init: { status: number };
      };
      expect(result.init.status).toBe(400);
      expect(result.data.form).toBe('checkin');
      expect(result.data.result.error.level).toEqual(['モヤモヤ指数を選んでください']);
      expect(result.data.result.initialValue.note).toBe(note);
    }
    expect(await getDb().select().from(moyamoyaCheckins).where(eq(moyamoyaCheckins.teamId, world.teamA.id))).toEqual(before);
    const team = await call(moyamoyaAction, moyamoyaPath(), { intent: 'team', sessionId: String(world.session.id), reflection: '霧の中' }, 'member');
    expect([team.status, team.errors?.level]).toEqual([400, ['チームのモヤモヤ指数を選んでください']]);
  });

  it("records the team figure once per session (upsert) and only for a session of the team's year", async () => {
    const session = await createSession(getDb(), { fiscalYear: world.year, number: 4, startsOn: `${world.year}-10-20` });
    const other = await createSession(getDb(), { fiscalYear: world.year - 1, number: 4, startsOn: `${world.year - 1}-10-20` });
    expect(
      (await call(moyamoyaAction, moyamoyaPath(), { intent: 'team', sessionId: String(session.id), level: '60', reflection: '輪郭が見えてきた頃' }, 'member'))
        .status,
    ).toBe(302);
    expect(
      (await call(moyamoyaAction, moyamoyaPath(), { intent: 'team', sessionId: String(session.id), level: '55', reflection: '絞り込みを始めた頃' }, 'second'))
        .status,
    ).toBe(302);
    const rows = await getDb().select().from(teamMoyamoya).where(eq(teamMoyamoya.teamId, world.teamA.id));
    expect(rows.map((r) => [r.sessionId, r.level, r.reflection])).toEqual([[session.id, 55, '絞り込みを始めた頃']]);
    const wrongYear = await call(moyamoyaAction, moyamoyaPath(), { intent: 'team', sessionId: String(other.id), level: '50' }, 'member');
    expect(wrongYear.status).toBe(400);
    expect(wrongYear.errors?.sessionId).toEqual(['この年度の研究会を選んでください']);
  });

  it('draws on the モヤモヤ page the same chart as on 概要, for each viewer', async () => {
    for (const role of ['member', 'hr', 'organizer'] as const) {
      const headers = await cookieFor(world, role);
      const page = await loaded(moyamoyaLoader(loaderArgs(moyamoyaPath(), { params: params(), headers })));
      const home = await loaded(overviewLoader(loaderArgs(`/teams/${world.teamA.id}`, { params: params(), headers })));
      expect(page.chart, role).toEqual(home.dashboard!.moyamoya);
      expect(page.chart.series.flatMap((s) => s.points).length, role).toBeGreaterThan(0);
    }
  });

  it("shows members' own figures to HR, alumni and organizers only when the team chose so, in the page and in the CSV", async () => {
    await createMoyamoyaCheckin(getDb(), {
      teamId: world.teamA.id,
      personId: second.personId,
      checkedOn: `${world.year}-05-01`,
      level: 77,
      note: 'ひみつのメモ',
    });
    await createTeamMoyamoya(getDb(), { teamId: world.teamA.id, sessionId: world.session.id /* 第1回 of the year */, level: 85 });
    const read = async (role: Role) => {
      const page = await loaded(moyamoyaLoader(loaderArgs(moyamoyaPath(), { params: params(), headers: await cookieFor(world, role) })));
      const csv = await (await moyamoyaCsv(loaderArgs(`${moyamoyaPath()}.csv`, { params: params(), headers: await cookieFor(world, role) }))).text();
      // The chart's first line is the team's figure, then one line per member whose figures the viewer may see.
      const [teamLine, ...memberLines] = page.chart.series;
      return { checkins: memberLines.flatMap((l) => l.points).length, teamEntries: teamLine!.points.length, csvHasNote: csv.includes('ひみつのメモ'), csv };
    };
    // Default: the team figure only.
    for (const role of ['hr', 'alumni', 'organizer'] as const) {
      const seen = await read(role);
      expect(seen, role).toMatchObject({ checkins: 0, csvHasNote: false });
      expect(seen.teamEntries).toBeGreaterThan(0);
    }
    expect(await read('member')).toMatchObject({ csvHasNote: true });
    expect((await read('member')).checkins).toBeGreaterThan(0);

    expect((await call(moyamoyaAction, moyamoyaPath(), { intent: 'visibility', moyamoyaVisibility: 'members_visible' }, 'member')).status).toBe(302);
    for (const role of ['hr', 'alumni', 'organizer'] as const) expect(await read(role), role).toMatchObject({ csvHasNote: true });
    expect((await read('hr')).checkins).toBeGreaterThan(0);

    expect((await call(moyamoyaAction, moyamoyaPath(), { intent: 'visibility', moyamoyaVisibility: 'team_figure_only' }, 'second')).status).toBe(302);
    expect(await read('hr')).toMatchObject({ checkins: 0, csvHasNote: false });
    // Only members change the setting.
    expect([403, 404]).toContain((await call(moyamoyaAction, moyamoyaPath(), { intent: 'visibility', moyamoyaVisibility: 'members_visible' }, 'hr')).status);
  });

  it('exports CSV with a BOM and Japanese headers', async () => {
    const response = await moyamoyaCsv(loaderArgs(`${moyamoyaPath()}.csv`, { params: params(), headers: await cookieFor(world, 'member') }));
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes.slice(3)).split('\r\n');
    expect(lines[0]).toBe('区分,日付,研究会,メンバー,モヤモヤ指数,ひとこと・この頃の自分たち');
    expect(lines.some((l) => l.startsWith('チーム,') && l.includes('第1回研究会'))).toBe(true);
    expect(lines.some((l) => l.startsWith('メンバー,') && l.includes('二宮 花子'))).toBe(true);
  });
});

describe('創り出した変化', () => {
  const path = () => `/teams/${world.teamA.id}/changes`;
  const form = {
    title: '職員課と新任研修を変えた',
    'moments[0].stage': 'trigger',
    'moments[0].occurredOn': '2026-12-26',
    'moments[0].description': '職員課に提案',
    'moments[1].stage': 'turning_point',
    'moments[1].occurredOn': '',
    'moments[1].description': '',
    'moments[2].stage': 'change',
    'moments[2].occurredOn': '2027-03-01',
    'moments[2].description': '研修に対話の時間が入った',
    reflection: '対話 → 共感 → 自分事化',
    coCreationStep: 'empathy',
  };

  it('adds, edits, archives and restores a chain, each with its audit entry', async () => {
    const created = await call(newChangeAction, `${path()}/new`, form, 'member');
    expect(created.status).toBe(302);
    const [chain] = await getDb().select().from(changeChains).where(eq(changeChains.title, '職員課と新任研修を変えた'));
    expect(chain).toMatchObject({ teamId: world.teamA.id, coCreationStep: 'empathy', reflection: '対話 → 共感 → 自分事化' });
    let moments = await getDb().select().from(changeMoments).where(eq(changeMoments.chainId, chain!.id));
    expect(moments.map((m) => m.stage)).toEqual(['trigger', 'change']);

    const edited = await call(
      changeAction,
      `${path()}/${chain!.id}`,
      {
        ...form,
        baseVersion: '1',
        'moments[1].occurredOn': '2027-02-01',
        'moments[1].description': '職員課から案が届いた',
        coCreationStep: '',
      },
      'member',
      { changeId: String(chain!.id) },
    );
    expect(edited.status).toBe(302);
    // A second form still on version 1 is refused (409), its text kept; nothing it sent is written.
    const stale = await call(changeAction, `${path()}/${chain!.id}`, { ...form, baseVersion: '1', reflection: '古い版からの考察' }, 'member', {
      changeId: String(chain!.id),
    });
    expect(stale.status).toBe(409);
    expect((await getDb().select().from(changeChains).where(eq(changeChains.id, chain!.id)))[0]).toMatchObject({
      reflection: '対話 → 共感 → 自分事化',
      version: 2,
    });
    moments = await getDb().select().from(changeMoments).where(eq(changeMoments.chainId, chain!.id));
    expect(moments.sort((a, b) => a.position - b.position).map((m) => m.stage)).toEqual(['trigger', 'turning_point', 'change']);
    expect((await getDb().select().from(changeChains).where(eq(changeChains.id, chain!.id)))[0]!.coCreationStep).toBeNull();

    expect((await call(changeAction, `${path()}/${chain!.id}`, { intent: 'archive' }, 'member', { changeId: String(chain!.id) })).status).toBe(302);
    const hrView = await loaded(changesLoader(loaderArgs(path(), { params: params(), headers: await cookieFor(world, 'hr') })));
    expect(hrView.changes.map((c) => c.id)).not.toContain(chain!.id);
    expect(hrView.canWrite).toBe(false);
    expect((await call(changesAction, path(), { intent: 'restore', changeId: String(chain!.id) }, 'member')).status).toBe(302);
    const memberView = await loaded(changesLoader(loaderArgs(path(), { params: params(), headers: await cookieFor(world, 'member') })));
    expect(memberView.changes.find((c) => c.id === chain!.id)?.moments).toHaveLength(3);
    const audits = await getDb()
      .select({ action: auditLog.action })
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'change_chain'), eq(auditLog.entityId, String(chain!.id))));
    expect(audits.map((a) => a.action)).toEqual(['create', 'update', 'archive', 'restore']);
  });

  it('refuses a chain without title or moments, and a moment without its date, in Japanese', async () => {
    const bad = await call(newChangeAction, `${path()}/new`, { title: '', 'moments[0].stage': 'trigger', 'moments[0].description': '提案した' }, 'member');
    expect(bad.status).toBe(400);
    expect(bad.errors?.title).toEqual(['タイトルを入力してください']);
    expect(bad.errors?.['moments[0].occurredOn']).toEqual(['きっかけの日付を入力してください']);
    const empty = await call(newChangeAction, `${path()}/new`, { title: '何もない' }, 'member');
    expect(empty.errors?.moments?.[0]).toContain('少なくとも1つ');
    expect([403, 404]).toContain((await call(newChangeAction, `${path()}/new`, form, 'organizer')).status);
  });
});
