import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, auditLog, interviewHomework, interviews } from '../../db/schema';
import { action as newAction } from '../../app/routes/teams.$teamId.interviews.new';
import { action as editAction } from '../../app/routes/teams.$teamId.interviews_.$interviewId.edit';
import { action as detailAction, loader as detailLoader } from '../../app/routes/teams.$teamId.interviews.$interviewId';
import { action as indexAction, loader as indexLoader } from '../../app/routes/teams.$teamId.interviews._index';
import { loader as csvLoader } from '../../app/routes/teams.$teamId.interviews[.csv]';
import { loader as teamLoader } from '../../app/routes/teams.$teamId._index';
import { actionArgs, loaderArgs, thrownResponse, loaded } from '../helpers';
import { buildWorld, cookieFor, roles, type Role, type World } from '../world';

let world: World;
beforeAll(async () => {
  world = await buildWorld();
});

const base = () => `/teams/${world.teamA.id}/interviews`;
const params = (extra: Record<string, string> = {}) => ({ teamId: String(world.teamA.id), ...extra });

async function post(
  run: (args: ReturnType<typeof actionArgs>) => Promise<unknown>,
  path: string,
  form: Record<string, string>,
  role: Role,
  extra: Record<string, string> = {},
) {
  try {
    const result = await run(actionArgs(path, form, { params: params(extra), headers: await cookieFor(world, role) }));
    if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), data: null };
    const r = result as { data: { error?: Record<string, string[] | null>; initialValue?: Record<string, unknown> }; init: { status: number } };
    return { status: r.init.status, location: null, data: r.data };
  } catch (thrown) {
    if (thrown instanceof Response) return { status: thrown.status, location: thrown.headers.get('Location'), data: null };
    throw thrown;
  }
}

const mayorForm = {
  interviewedOn: '2026-06-10',
  interviewee: '市長',
  roleCategory: 'head',
  durationMinutes: '45',
  purpose: '市長が職員に期待することを伺う',
  questions: '1. 10年後の市役所の姿は？',
  content: '挑戦する職員を応援したい。<script>alert(1)</script>',
  insights: '市長も同じ課題を感じていた',
  unease: '',
  visibility: 'team',
  'homework[0].body': '若手職員の声を集めて報告してほしい',
  'homework[0].status': 'todo',
  'homework[0].dueOn': '2026-07-31',
  'homework[1].body': '他市の事例を調べてほしい',
  'homework[1].status': 'doing',
  'homework[2].body': '',
  'homework[2].status': 'todo',
};

async function ownActivities(interviewId: number) {
  return getDb()
    .select()
    .from(activities)
    .where(and(eq(activities.interviewId, interviewId), eq(activities.kind, 'interview')));
}

describe('recording a key-person interview', () => {
  it('creates the interview, two homework items and exactly one activity, with one audit entry, and edits propagate', async () => {
    const created = await post(newAction, `${base()}/new`, mayorForm, 'member');
    expect(created.status).toBe(302);
    const id = Number(/interviews\/(\d+)/.exec(created.location!)![1]);
    const [row] = await getDb().select().from(interviews).where(eq(interviews.id, id));
    expect(row).toMatchObject({ teamId: world.teamA.id, interviewee: '市長', roleCategory: 'head', visibility: 'team' });
    const homework = await getDb().select().from(interviewHomework).where(eq(interviewHomework.interviewId, id));
    expect(homework.map((h) => [h.body, h.status, h.dueOn]).sort()).toEqual([
      ['他市の事例を調べてほしい', 'doing', null],
      ['若手職員の声を集めて報告してほしい', 'todo', '2026-07-31'],
    ]);
    let own = await ownActivities(id);
    expect(own).toHaveLength(1);
    // The log names the role, not the person: HR reads the log even when the interview is the team's own.
    expect(own[0]).toMatchObject({ teamId: world.teamA.id, occurredOn: '2026-06-10', durationMinutes: 45, title: '市長インタビュー' });
    const audits = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'interview'), eq(auditLog.entityId, String(id))));
    expect(audits.map((a) => a.action)).toEqual(['create']);
    expect(JSON.stringify(audits[0]!.detail)).not.toContain('挑戦');

    // Edit: new date and role, one homework item done, the other removed, a third added.
    const [first, second] = homework.sort((a, b) => a.position - b.position);
    const edited = await post(
      editAction,
      `${base()}/${id}/edit`,
      {
        ...mayorForm,
        baseVersion: '1',
        interviewedOn: '2026-06-12',
        interviewee: '副市長',
        roleCategory: 'deputy_head',
        durationMinutes: '90',
        'homework[0].id': String(first!.id),
        'homework[0].status': 'done',
        'homework[0].followUp': '7月に報告済み',
        'homework[1].id': String(second!.id),
        'homework[1].remove': 'on',
        'homework[2].body': '次回は部長も交えて',
      },
      'member',
      { interviewId: String(id) },
    );
    expect(edited.status).toBe(302);
    own = await ownActivities(id);
    expect(own).toHaveLength(1);
    expect(own[0]).toMatchObject({ occurredOn: '2026-06-12', durationMinutes: 90, title: '副市長インタビュー' });
    const after = await getDb().select().from(interviewHomework).where(eq(interviewHomework.interviewId, id));
    expect(after.map((h) => [h.id === first!.id, h.body, h.status, h.followUp]).sort()).toEqual([
      [false, '次回は部長も交えて', 'todo', ''],
      [true, '若手職員の声を集めて報告してほしい', 'done', '7月に報告済み'],
    ]);

    // Archive hides both; restore brings both back.
    expect((await post(detailAction, `${base()}/${id}`, { intent: 'archive' }, 'member', { interviewId: String(id) })).status).toBe(302);
    expect((await ownActivities(id))[0]!.archivedAt).not.toBeNull();
    const hidden = await thrownResponse(async () =>
      detailLoader(loaderArgs(`${base()}/${id}`, { params: params({ interviewId: String(id) }), headers: await cookieFor(world, 'member') })),
    );
    expect(hidden.status).toBe(404);
    expect((await post(indexAction, base(), { intent: 'restore', interviewId: String(id) }, 'member')).status).toBe(302);
    expect((await ownActivities(id))[0]!.archivedAt).toBeNull();
  });

  it('refuses a bad form with Japanese field errors and keeps what was typed; long text is accepted', async () => {
    const bad = await post(
      newAction,
      `${base()}/new`,
      {
        ...mayorForm,
        interviewee: ' ',
        interviewedOn: '2026-02-30',
        roleCategory: '',
        durationMinutes: 'abc',
        'homework[2].dueOn': '2026-08-01',
      },
      'member',
    );
    expect(bad.status).toBe(400);
    const errors = bad.data!.error!;
    expect(errors.interviewee).toEqual(['インタビューの相手を入力してください']);
    expect(errors.interviewedOn?.[0]).toContain('存在しない日付');
    expect(errors.roleCategory).toEqual(['相手の立場を選んでください']);
    expect(errors.durationMinutes?.[0]).toContain('所要時間');
    expect(errors['homework[2].body']?.[0]).toContain('宿題の内容を入力してください');
    expect(JSON.stringify(bad.data!.initialValue)).toContain('市長が職員に期待することを伺う');

    const long = 'あ'.repeat(20_000);
    const ok = await post(newAction, `${base()}/new`, { ...mayorForm, content: long, insights: long, unease: long }, 'member');
    expect(ok.status).toBe(302);
    const tooLong = await post(newAction, `${base()}/new`, { ...mayorForm, insights: 'あ'.repeat(20_001) }, 'member');
    expect(tooLong.status).toBe(400);
    expect(tooLong.data!.error!.insights?.[0]).toContain('20,000文字以内');
  });

  it("lets only the team's members write; nobody else, not even organizers", async () => {
    for (const role of roles.filter((r) => r !== 'member' && r !== 'anonymous')) {
      const result = await post(newAction, `${base()}/new`, mayorForm, role);
      expect([403, 404], role).toContain(result.status);
    }
  });
});

describe('who reads which interviews', () => {
  const expected: Record<Exclude<Role, 'anonymous'>, ('team' | 'municipality' | 'program')[]> = {
    member: ['team', 'municipality', 'program'],
    hr: ['municipality', 'program'],
    alumni: ['municipality', 'program'],
    organizer: ['program'],
    partner: ['program'],
    outsider: [],
  };

  for (const [role, visible] of Object.entries(expected) as [Exclude<Role, 'anonymous'>, string[]][]) {
    it(`${role}: list, detail, homework and CSV show only ${visible.join('/') || 'nothing'}`, async () => {
      const headers = await cookieFor(world, role);
      const ids = Object.fromEntries(Object.entries(world.interviews).map(([v, i]) => [v, i.id]));
      if (visible.length === 0) {
        expect((await thrownResponse(() => indexLoader(loaderArgs(base(), { params: params(), headers })))).status).toBe(404);
        expect((await thrownResponse(() => csvLoader(loaderArgs(`${base()}.csv`, { params: params(), headers })))).status).toBe(404);
        return;
      }
      const page = await loaded(indexLoader(loaderArgs(base(), { params: params(), headers })));
      const world3 = new Set(Object.values(ids));
      expect(
        page.interviews
          .filter((i) => world3.has(i.id))
          .map((i) => i.visibility)
          .sort(),
      ).toEqual([...visible].sort());
      expect(new Set(page.homework.items.map((h) => h.interviewId)).size).toBeGreaterThan(0);
      for (const h of page.homework.items) expect(page.interviews.some((i) => i.id === h.interviewId)).toBe(true);
      for (const [visibility, id] of Object.entries(ids)) {
        const args = loaderArgs(`${base()}/${id}`, { params: params({ interviewId: String(id) }), headers });
        if (visible.includes(visibility)) expect((await loaded(detailLoader(args))).interview.id).toBe(id);
        else expect((await thrownResponse(() => detailLoader(args))).status).toBe(404);
      }
      const csv = await (await csvLoader(loaderArgs(`${base()}.csv`, { params: params(), headers }))).text();
      for (const visibility of ['team', 'municipality', 'program']) {
        expect(csv.includes(`${visibility}の相手`), `${role} CSV ${visibility}`).toBe(visible.includes(visibility));
      }
    });
  }

  it('counts coverage from readable interviews, and says how many more exist that the viewer may not read', async () => {
    const hrPage = await loaded(indexLoader(loaderArgs(base(), { params: params(), headers: await cookieFor(world, 'hr') })));
    const head = hrPage.coverage.roles.find((c) => c.role === 'head')!;
    expect(head.label).toBe('首長（市長）');
    expect(head.count).toBe(2); // the municipality and program interviews; the team's own is not counted
    expect(hrPage.coverage.roles.find((c) => c.role === 'council')!.count).toBe(0);
    // ... but HR is told how many it may not read (those kept to the team), and the same figures are on 概要.
    const teamOnly = await getDb()
      .select({ id: interviews.id })
      .from(interviews)
      .where(and(eq(interviews.teamId, world.teamA.id), eq(interviews.visibility, 'team'), isNull(interviews.archivedAt)));
    expect(teamOnly.length).toBeGreaterThan(0);
    expect(hrPage.coverage.hidden).toBe(teamOnly.length);
    const dashboard = (await teamLoader(loaderArgs(base().replace('/interviews', ''), { params: params(), headers: await cookieFor(world, 'hr') }))) as {
      dashboard: { coverage: unknown } | null;
    };
    expect(dashboard.dashboard!.coverage).toEqual(hrPage.coverage);
    const memberPage = await loaded(indexLoader(loaderArgs(base(), { params: params(), headers: await cookieFor(world, 'member') })));
    expect(memberPage.coverage.hidden).toBe(0);
    expect(memberPage.coverage.roles.find((c) => c.role === 'head')!.count).toBeGreaterThan(head.count);
  });
});

describe('interview CSV', () => {
  it('is UTF-8 with a BOM and Japanese headers, and escapes nothing into HTML', async () => {
    const response = await csvLoader(loaderArgs(`${base()}.csv`, { params: params(), headers: await cookieFor(world, 'member') }));
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toContain("filename*=UTF-8''");
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes.slice(3));
    expect(text.split('\r\n')[0]).toBe('実施日,相手,相手の立場,公開範囲,所要時間（分）,目的,質問,内容,気付き,モヤモヤ,宿題');
    expect(text).toContain('【未着手】市長からの宿題');
  });
});

describe('two people editing one interview', () => {
  const versionOf = async (id: number) => (await getDb().select({ version: interviews.version }).from(interviews).where(eq(interviews.id, id)))[0]!.version;
  const homeworkOf = async (id: number) =>
    (await getDb().select().from(interviewHomework).where(eq(interviewHomework.interviewId, id))).sort((a, b) => a.id - b.id);

  const fields = Object.fromEntries(Object.entries(mayorForm).filter(([key]) => !key.startsWith('homework')));

  async function newInterview() {
    const created = await post(newAction, `${base()}/new`, { ...fields, 'homework[0].body': '若手職員の声を集めて報告してほしい' }, 'member');
    return Number(/interviews\/(\d+)/.exec(created.location!)![1]);
  }

  it("keeps a teammate's new 宿題 when the form that did not show it is saved", async () => {
    const id = await newInterview();
    const [first] = await homeworkOf(id);
    // A teammate adds a 宿題 while the first form is open (it shows only the first row).
    const teammate = await post(
      editAction,
      `${base()}/${id}/edit`,
      {
        ...fields,
        baseVersion: '1',
        'homework[0].id': String(first!.id),
        'homework[0].body': first!.body,
        'homework[1].body': '市長からの宿題：他市の事例を調べる',
        _edited: JSON.stringify(['homework[1].body']),
      },
      'member',
      { interviewId: String(id) },
    );
    expect(teammate.status).toBe(302);
    // The first form saves its change to the first row.
    const mine = await post(
      editAction,
      `${base()}/${id}/edit`,
      {
        ...fields,
        baseVersion: '1',
        'homework[0].id': String(first!.id),
        'homework[0].body': first!.body,
        'homework[0].status': 'done',
        _edited: JSON.stringify(['homework[0].status']),
      },
      'member',
      { interviewId: String(id) },
    );
    expect(mine.status).toBe(302);
    expect((await homeworkOf(id)).map((h) => [h.body, h.status])).toEqual([
      ['若手職員の声を集めて報告してほしい', 'done'],
      ['市長からの宿題：他市の事例を調べる', 'todo'],
    ]);
  });

  it('refuses a save based on an older version with 409, keeps the text, and saves it when sent again', async () => {
    const id = await newInterview();
    const first = await post(
      editAction,
      `${base()}/${id}/edit`,
      { ...fields, baseVersion: '1', content: '一人目がまとめた内容', _edited: '["content"]' },
      'member',
      { interviewId: String(id) },
    );
    expect(first.status).toBe(302);
    expect(await versionOf(id)).toBe(2);
    const second = await post(
      editAction,
      `${base()}/${id}/edit`,
      { ...fields, baseVersion: '1', insights: '二人目の気付き', _edited: '["insights"]' },
      'member',
      { interviewId: String(id) },
    );
    expect(second.status).toBe(409);
    const reply = second.data as unknown as {
      result: { initialValue: Record<string, unknown> };
      stale: { fields: { label: string; latest: string; mine: string }[] };
      version: number;
    };
    expect(reply.version).toBe(2);
    expect(reply.result.initialValue.insights).toBe('二人目の気付き');
    // Listed: what this person changed, beside what is saved. The 内容 they did not touch comes back
    // as the first person saved it, so sending the form again cannot undo that save.
    expect(reply.stale.fields.map((f) => f.label)).toEqual(['気付き']);
    expect(reply.result.initialValue.content).toBe('一人目がまとめた内容');
    const [row] = await getDb().select().from(interviews).where(eq(interviews.id, id));
    expect(row).toMatchObject({ content: '一人目がまとめた内容', insights: mayorForm.insights, version: 2 });
    // Sent again on the newer version (after merging by hand), it lands.
    const again = await post(
      editAction,
      `${base()}/${id}/edit`,
      { ...fields, baseVersion: '2', content: '一人目がまとめた内容', insights: '二人目の気付き', _edited: '["insights"]' },
      'member',
      { interviewId: String(id) },
    );
    expect(again.status).toBe(302);
    expect((await getDb().select().from(interviews).where(eq(interviews.id, id)))[0]).toMatchObject({
      content: '一人目がまとめた内容',
      insights: '二人目の気付き',
      version: 3,
    });
  });

  it('lets exactly one of two concurrent saves on the same version land', async () => {
    const id = await newInterview();
    const saves = await Promise.all(
      ['A', 'B'].map((who) =>
        post(editAction, `${base()}/${id}/edit`, { ...fields, baseVersion: '1', content: `${who}さんの内容` }, 'member', { interviewId: String(id) }),
      ),
    );
    expect(saves.map((s) => s.status).sort()).toEqual([302, 409]);
    expect(await versionOf(id)).toBe(2);
  });
});
