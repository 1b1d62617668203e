import { and, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, activityAttendees, auditLog } from '../../db/schema';
import { action as indexAction, loader as indexLoader } from '../../app/routes/teams.$teamId.activities._index';
import { action as newAction } from '../../app/routes/teams.$teamId.activities.new';
import { action as overviewAction, loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { action as entryAction, loader as entryLoader } from '../../app/routes/teams.$teamId.activities.$activityId';
import { loader as archivedLoader } from '../../app/routes/teams.$teamId.activities.archived';
import { loader as summaryLoader } from '../../app/routes/teams.$teamId.activities.summary';
import { now } from '../../app/utils/clock';
import { addTeamMember, createActivity, createSession, createTeam } from '../factories';
import { actionArgs, loaderArgs, loaded, noticedIdOf, thrownResponse } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

type Reply = { data: { status?: string; error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: { status: number } };

let world: World;
let member: Record<string, string>;
let hr: Record<string, string>;
let teamId: string;
beforeAll(async () => {
  world = await buildWorld();
  member = { Cookie: await sessionCookie(world.users.member.id) };
  hr = { Cookie: await sessionCookie(world.users.hr.id) };
  teamId = String(world.teamA.id);
});

const post = (path: string, form: Record<string, string | string[]>, headers = member, params: Record<string, string> = {}) =>
  actionArgs(path, form, { headers, params: { teamId, ...params } });

async function quickAdd(form: Record<string, string>, headers = member) {
  return indexAction(post(`/teams/${teamId}/activities`, { intent: 'quick', ...form }, headers));
}

async function timeline(query = '', headers = member) {
  return loaded(indexLoader(loaderArgs(`/teams/${teamId}/activities${query}`, { headers, params: { teamId } })));
}

const full = (overrides: Record<string, string | string[]> = {}) => ({
  intent: 'save',
  kind: 'meeting',
  occurredOn: `${world.year}-06-03`,
  startsAt: '18:30',
  durationPick: '90',
  title: '全庁アンケートの設問づくり',
  guests: '人事課長',
  notes: '',
  ...overrides,
});

describe('adding, editing, deleting and restoring activities', () => {
  it('quick add: kind, date and an optional title, saved with its audit entry', async () => {
    const result = (await quickAdd({ kind: 'meeting', occurredOn: `${world.year}-05-20`, title: '廊下で打合せ', durationPick: '30' })) as Response;
    expect(result.status).toBe(302);
    const id = (await noticedIdOf(result))!;
    const [row] = await getDb().select().from(activities).where(eq(activities.id, id));
    expect(row).toMatchObject({
      teamId: world.teamA.id,
      kind: 'meeting',
      occurredOn: `${world.year}-05-20`,
      title: '廊下で打合せ',
      durationMinutes: 30,
      createdByUserId: world.users.member.id,
    });
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'activity'), eq(auditLog.entityId, String(id))));
    expect(audit.map((a) => a.action)).toEqual(['create']);
    // Typed minutes win over the pick, and a title may be left out.
    const typed = (await quickAdd({ kind: 'survey', occurredOn: `${world.year}-05-21`, durationPick: '60', durationMinutes: '45' })) as Response;
    const typedId = (await noticedIdOf(typed))!;
    const [t] = await getDb().select().from(activities).where(eq(activities.id, typedId));
    expect(t).toMatchObject({ title: '', durationMinutes: 45 });
  });

  it('quick add from 概要 (the page a member opens first): saved onto the timeline, refused in place with what was typed', async () => {
    const overview = await loaded(overviewLoader(loaderArgs(`/teams/${teamId}`, { headers: member, params: { teamId } })));
    expect([overview.canWrite, (await loaded(overviewLoader(loaderArgs(`/teams/${teamId}`, { headers: hr, params: { teamId } })))).canWrite]).toEqual([
      true,
      false,
    ]);
    const saved = (await overviewAction(
      post(`/teams/${teamId}`, { intent: 'quick', kind: 'meeting', occurredOn: `${world.year}-05-22`, title: '概要から記録', durationPick: '30' }),
    )) as Response;
    expect([saved.status, saved.headers.get('Location')]).toEqual([302, `/teams/${teamId}/activities`]);
    const [row] = await getDb()
      .select()
      .from(activities)
      .where(eq(activities.id, (await noticedIdOf(saved))!));
    expect(row).toMatchObject({ teamId: world.teamA.id, title: '概要から記録', durationMinutes: 30 });
    const refused = (await overviewAction(
      post(`/teams/${teamId}`, { intent: 'quick', kind: 'meeting', occurredOn: '2026-02-30', title: '消えない題名' }),
    )) as unknown as Reply;
    expect(refused.init.status).toBe(400);
    expect(refused.data.initialValue?.title).toBe('消えない題名');
  });

  it('refuses a bad quick add with Japanese field errors and keeps what was typed', async () => {
    const reply = (await quickAdd({ kind: 'nonsense', occurredOn: '2026-02-30', title: '残す題名' })) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.error?.kind?.[0]).toBe('種別を選んでください');
    expect(reply.data.error?.occurredOn?.[0]).toContain('存在しない日付');
    expect(reply.data.initialValue?.title).toBe('残す題名');
    const noLength = (await quickAdd({ kind: 'meeting', occurredOn: `${world.year}-05-20` })) as unknown as Reply;
    expect(noLength.data.error?.durationMinutes?.[0]).toBe('時間を選ぶか、分数を入力してください');
    const tooLong = (await quickAdd({ kind: 'meeting', occurredOn: `${world.year}-05-20`, durationMinutes: '1441' })) as unknown as Reply;
    expect(tooLong.data.error?.durationMinutes?.[0]).toBe('時間は1,440分（24時間）以内にしてください');
    const interview = (await quickAdd({ kind: 'interview', occurredOn: `${world.year}-05-20`, durationPick: '60' })) as unknown as Reply;
    expect(interview.init.status).toBe(400);
    expect(interview.data.error?.kind?.[0]).toContain('インタビューの記録から');
  });

  it('full form: attendees, guests, a session of the year, 20,000+ characters of notes kept as typed', async () => {
    const session = await createSession(getDb(), { fiscalYear: world.year });
    const notes = `<script>alert("x")</script>${'対話の記録。'.repeat(3_500)}`;
    expect(notes.length).toBeGreaterThan(20_000);
    const result = (await newAction(
      post(`/teams/${teamId}/activities/new`, full({ notes, attendeeIds: [String(world.users.member.personId)], sessionId: String(session.id) })),
    )) as Response;
    expect(result.status).toBe(302);
    const id = (await noticedIdOf(result))!;
    const [row] = await getDb().select().from(activities).where(eq(activities.id, id));
    expect(row).toMatchObject({ notes, startsAt: '18:30:00', durationMinutes: 90, guests: '人事課長', sessionId: session.id });
    const attendees = await getDb().select().from(activityAttendees).where(eq(activityAttendees.activityId, id));
    expect(attendees.map((a) => a.personId)).toEqual([world.users.member.personId]);
    const page = await entryLoader(loaderArgs(`/teams/${teamId}/activities/${id}`, { headers: member, params: { teamId, activityId: String(id) } }));
    expect(page.activity.notes).toBe(notes);
    expect(page.editable).toBe(true);
  });

  it('refuses attendees from outside the team, a session of another year and too long notes', async () => {
    const other = await addTeamMember(getDb(), { teamId: world.teamC.id });
    const oldSession = await createSession(getDb(), { fiscalYear: world.year - 1 });
    const reply = (await newAction(
      post(`/teams/${teamId}/activities/new`, full({ attendeeIds: [String(other.personId)], sessionId: String(oldSession.id) })),
    )) as unknown as Reply;
    expect(reply.init.status).toBe(400);
    expect(reply.data.error?.attendeeIds?.[0]).toBe('参加者はチームのメンバーから選んでください');
    expect(reply.data.error?.sessionId?.[0]).toBe('この年度の研究会から選んでください');
    const long = (await newAction(post(`/teams/${teamId}/activities/new`, full({ title: '', notes: 'あ'.repeat(50_001) })))) as unknown as Reply;
    expect(long.init.status).toBe(400);
    expect(long.data.error?.title?.[0]).toBe('タイトルを入力してください');
    expect(long.data.error?.notes?.[0]).toBe('メモは50,000文字以内で入力してください');
  });

  it('edits, archives (a restorable delete) and restores, each with its audit entry', async () => {
    const created = await createActivity(getDb(), { teamId: world.teamA.id, title: '編集前', durationMinutes: 60 });
    const params = { activityId: String(created.id) };
    const path = `/teams/${teamId}/activities/${created.id}`;
    const edit = (await entryAction(
      post(
        path,
        full({ baseVersion: '1', title: '編集後', durationPick: '', durationMinutes: '75', attendeeIds: [String(world.users.member.personId)] }),
        member,
        params,
      ),
    )) as Response;
    expect(edit.status).toBe(302);
    let [row] = await getDb().select().from(activities).where(eq(activities.id, created.id));
    expect(row).toMatchObject({ title: '編集後', durationMinutes: 75 });

    expect(((await entryAction(post(path, { intent: 'archive' }, member, params))) as Response).status).toBe(302);
    [row] = await getDb().select().from(activities).where(eq(activities.id, created.id));
    expect(row!.archivedAt).not.toBeNull();
    expect((await timeline()).entries.map((e) => e.id)).not.toContain(created.id);
    const archived = await loaded(archivedLoader(loaderArgs(`/teams/${teamId}/activities/archived`, { headers: member, params: { teamId } })));
    expect(archived.entries.map((e) => e.id)).toContain(created.id);
    // Readers do not see deleted entries.
    const hidden = await thrownResponse(() => entryLoader(loaderArgs(path, { headers: hr, params: { teamId, ...params } })));
    expect(hidden.status).toBe(404);

    expect(((await entryAction(post(path, { intent: 'restore' }, member, params))) as Response).status).toBe(302);
    expect((await timeline()).entries.map((e) => e.id)).toContain(created.id);
    const audit = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'activity'), eq(auditLog.entityId, String(created.id))));
    expect(audit.map((a) => a.action)).toEqual(['update', 'archive', 'restore']);
  });

  it('refuses an edit based on an older version with 409 and the text kept, beside what the other person saved', async () => {
    const created = await createActivity(getDb(), { teamId: world.teamA.id, title: '定例ミーティング', durationMinutes: 60 });
    const params = { activityId: String(created.id) };
    const path = `/teams/${teamId}/activities/${created.id}`;
    const first = (await entryAction(
      post(path, full({ baseVersion: '1', title: '定例ミーティング', notes: '一人目のメモ：議題1\n議題2' }), member, params),
    )) as Response;
    expect(first.status).toBe(302);
    const second = (await entryAction(
      post(path, full({ baseVersion: '1', title: '定例ミーティング（第2回）', notes: '二人目のメモ' }), member, params),
    )) as unknown as {
      data: { result: { initialValue: Record<string, unknown> }; stale: { fields: { label: string; latest: string; mine: string }[] }; version: number };
      init: { status: number };
    };
    expect(second.init.status).toBe(409);
    expect(second.data.version).toBe(2);
    expect(second.data.result.initialValue.notes).toBe('二人目のメモ');
    expect(second.data.stale.fields.find((f) => f.label === 'メモ')).toEqual({ label: 'メモ', latest: '一人目のメモ：議題1\n議題2', mine: '二人目のメモ' });
    const [row] = await getDb().select().from(activities).where(eq(activities.id, created.id));
    expect(row).toMatchObject({ notes: '一人目のメモ：議題1\n議題2', version: 2 });
    // Two saves at once on the same version: exactly one lands.
    const both = await Promise.all(
      ['A', 'B'].map((who) => entryAction(post(path, full({ baseVersion: '2', title: `${who}さんの記録` }), member, params)) as Promise<unknown>),
    );
    expect(both.map((r) => (r instanceof Response ? r.status : (r as { init: { status: number } }).init.status)).sort()).toEqual([302, 409]);
  });

  it("leaves an interview's own activity to the interview form", async () => {
    const own = world.interviews.team.activity;
    const res = await thrownResponse(() =>
      entryAction(post(`/teams/${teamId}/activities/${own.id}`, { intent: 'archive' }, member, { activityId: String(own.id) })),
    );
    expect(res.status).toBe(400);
  });

  it('HR reads the log but cannot write, and sees no text of an interview kept to the team', async () => {
    const denied = await thrownResponse(() => quickAdd({ kind: 'meeting', occurredOn: `${world.year}-05-20`, durationPick: '60' }, hr));
    // HR sees the team, so the refusal of a write is a 403 (a team they could not see would be a 404).
    expect(denied.status).toBe(403);
    const { entries, canWrite } = await timeline('', hr);
    expect(canWrite).toBe(false);
    const teamOnly = entries.find((e) => e.interviewId === world.interviews.team.id)!;
    expect(teamOnly.title).toBe('（公開範囲外のインタビュー）');
    expect(teamOnly.interviewee).toBeNull();
    const opened = entries.find((e) => e.interviewId === world.interviews.municipality.id)!;
    expect(opened.title).toBe('municipalityの相手へのインタビュー');
    expect((await timeline(`?q=${encodeURIComponent('teamの相手')}`, hr)).entries).toHaveLength(0);
    expect((await timeline(`?q=${encodeURIComponent('teamの相手')}`)).entries).toHaveLength(1);
  });
});

describe('searching and filtering the timeline', () => {
  const ids: Record<string, number> = {};
  beforeAll(async () => {
    const db = getDb();
    const add = async (key: string, values: Partial<typeof activities.$inferInsert>, attendeeIds: number[] = []) => {
      ids[key] = (await createActivity(db, { teamId: world.teamA.id, occurredOn: `${world.year}-07-01`, ...values, attendeeIds })).id;
    };
    await add('title', { kind: 'partner_meeting', title: '熊本市と対話', durationMinutes: 90 }, [world.users.member.personId]);
    await add('notes', { kind: 'meeting', title: '定例', notes: '課長との対話で気付いたこと' });
    await add('guests', { kind: 'alumni_dialogue', title: 'マネ友と', guests: '湖南 太郎さん' });
    await add('percent', { kind: 'survey', title: '回答率100%達成' });
    await add('percentLook', { kind: 'survey', title: '回答率100件達成' });
    await add('underscore', { kind: 'meeting', title: 'ファイル名 a_b 決定' });
    await add('underscoreLook', { kind: 'meeting', title: 'ファイル名 axb 決定' });
    await add('long', { kind: 'survey', title: '若手職員アンケート設計' });
    // Another team's entry with the same word never shows.
    ids.other = (await createActivity(db, { teamId: world.teamC.id, title: '対話の会' })).id;
  });

  const found = async (query: string) => (await timeline(query)).entries.map((e) => e.id);

  it('finds a 2-character Japanese word (対話) in titles and notes, only in this team', async () => {
    const hits = await found(`?q=${encodeURIComponent('対話')}`);
    expect(hits).toEqual(expect.arrayContaining([ids.title, ids.notes]));
    expect(hits).not.toContain(ids.other);
    expect(hits).not.toContain(ids.long);
  });

  it('finds 1-character and 3+-character words, and in guests', async () => {
    expect(await found(`?q=${encodeURIComponent('湖')}`)).toEqual([ids.guests]);
    expect(await found(`?q=${encodeURIComponent('アンケート設計')}`)).toEqual([ids.long]);
  });

  it('takes % and _ typed by the user literally', async () => {
    expect(await found(`?q=${encodeURIComponent('100%')}`)).toEqual([ids.percent]);
    expect(await found(`?q=${encodeURIComponent('a_b')}`)).toEqual([ids.underscore]);
    expect(await found(`?q=${encodeURIComponent('\\')}`)).toEqual([]);
  });

  it('filters by kind and by member, together with the search', async () => {
    const survey = await timeline('?kind=survey');
    expect(survey.entries.every((e) => e.kind === 'survey')).toBe(true);
    expect(survey.entries.map((e) => e.id)).toEqual(expect.arrayContaining([ids.percent, ids.long]));
    const mine = await found(`?member=${world.users.member.personId}&q=${encodeURIComponent('対話')}`);
    expect(mine).toContain(ids.title);
    expect(mine).not.toContain(ids.notes); // 対話 in its notes, but the member did not attend
  });
});

describe('the year summary (1年間の活動回数・時間)', () => {
  it('counts activities and hours per kind and in total with the last day, leaving out deleted ones', async () => {
    const team = await createTeam(getDb(), { municipalityId: world.cityA.id, fiscalYear: world.year + 1 });
    const user = world.users.member;
    await addTeamMember(getDb(), { teamId: team.id, personId: user.personId });
    const db = getDb();
    const y = world.year + 1;
    for (const [kind, minutes, occurredOn] of [
      ['meeting', 60, `${y}-05-10`],
      ['meeting', 90, `${y + 1}-01-20`],
      ['study_session', 300, `${y}-04-20`],
      ['survey', 30, `${y}-11-03`],
    ] as const) {
      await createActivity(db, { teamId: team.id, kind, durationMinutes: minutes, occurredOn });
    }
    const gone = await createActivity(db, { teamId: team.id, kind: 'meeting', durationMinutes: 600, occurredOn: `${y + 1}-03-01` });
    await db.update(activities).set({ archivedAt: now() }).where(eq(activities.id, gone.id));
    const cookie = { Cookie: await sessionCookie(user.id) };
    const { summary } = await summaryLoader(loaderArgs(`/teams/${team.id}/activities/summary`, { headers: cookie, params: { teamId: String(team.id) } }));
    expect(summary.byKind).toEqual([
      { kind: 'study_session', count: 1, minutes: 300 },
      { kind: 'meeting', count: 2, minutes: 150 },
      { kind: 'survey', count: 1, minutes: 30 },
    ]);
    // The last day of a kept activity (概要's 最終記録日), not the deleted one's later day.
    expect(summary.total).toEqual({ count: 4, minutes: 480, lastOn: `${y + 1}-01-20` });
  });
});
