import { and, desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, dialogueGroups, dialogueGroupTeams, municipalities, organizers, people } from '../../db/schema';
import { action as municipalitiesAction, loader as municipalitiesLoader } from '../../app/routes/admin.municipalities';
import { action as organizersAction } from '../../app/routes/admin.organizers';
import { action as groupsAction, loader as groupsLoader } from '../../app/routes/admin.years.$fiscalYear.groups';
import { organizerRoles } from '../../app/domain/codes';
import { now } from '../../app/utils/clock';
import { createMunicipality, createOrganizer, createPerson, createTeam, createUser } from '../factories';
import { actionArgs, loaderArgs, loaded } from '../helpers';
import { sessionCookie } from '../world';
import { asRequired, hostileText, outcomeOf, runs } from './hostile-helpers';
import { fieldErrors, organizerCookie, outcome, tableCounts } from './setup-helpers';

// Organizers correct municipalities and roster entries, and bring back a dissolved dialogue group.

const lastAudit = async (entityType: string, entityId: number) =>
  (
    await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, entityType), eq(auditLog.entityId, String(entityId))))
      .orderBy(desc(auditLog.id))
      .limit(1)
  )[0];

async function memberCookie() {
  const db = getDb();
  const team = await createTeam(db);
  const person = await createPerson(db, { municipalityId: team.municipalityId });
  const user = await createUser(db, { personId: person.id, passwordHash: 'unused' });
  return { Cookie: await sessionCookie(user.id) };
}

describe('editing a municipality', () => {
  // Each save rests on the version the row has now (a stale one is tests/integration/admin-versions.test.ts).
  const edit = async (headers: Record<string, string>, id: number, form: Record<string, string>) => {
    const baseVersion = String((await getDb().select().from(municipalities).where(eq(municipalities.id, id)))[0]?.version ?? 1);
    return outcome(() => municipalitiesAction(actionArgs('/admin/municipalities', { intent: 'update', id: String(id), baseVersion, ...form }, { headers })));
  };

  it('saves name, prefecture and kind, audited as an update', async () => {
    const headers = await organizerCookie();
    const city = await createMunicipality(getDb(), { name: '小鹿野市', prefecture: '埼玉県', kind: 'city' });
    const saved = await edit(headers, city.id, { name: ' 小鹿野町 ', prefecture: '埼玉県', kind: 'town' });
    expect(saved).toMatchObject({ status: 302, location: '/admin/municipalities', notice: '保存しました' });
    const [row] = await getDb().select().from(municipalities).where(eq(municipalities.id, city.id));
    expect(row).toMatchObject({ name: '小鹿野町', prefecture: '埼玉県', kind: 'town' });
    const audit = await lastAudit('municipality', city.id);
    expect(audit).toMatchObject({ action: 'update', detail: { before: { name: '小鹿野市', kind: 'city' }, after: { name: '小鹿野町', kind: 'town' } } });

    // The list opens the row's form for ?edit= and marks the saved row (from the notice the save set).
    const withNotice = { Cookie: `${headers.Cookie}; ${saved.noticeCookie}` };
    const listed = (await loaded(municipalitiesLoader(loaderArgs(`/admin/municipalities?edit=${city.id}`, { headers: withNotice })))) as {
      editId: number;
      savedId: number;
    };
    expect(listed).toMatchObject({ editId: city.id, savedId: city.id });
  });

  it('refuses a name already registered in that prefecture, and bad values, changing nothing', async () => {
    const headers = await organizerCookie();
    const db = getDb();
    await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' });
    await createMunicipality(db, { name: '北杜市', prefecture: '山梨県', archivedAt: now() });
    const city = await createMunicipality(db, { name: '韮崎巿', prefecture: '山梨県' }); // a typo to correct
    const before = await tableCounts();

    const dup = await edit(headers, city.id, { name: '韮崎市', prefecture: '山梨県', kind: 'city' });
    expect(dup.status).toBe(400);
    expect(fieldErrors(dup.body).name).toEqual(['山梨県韮崎市はすでに登録されています']);
    // The typed text comes back for the form to show again.
    expect(dup.body).toMatchObject({ form: String(city.id), result: { initialValue: { name: '韮崎市' } } });
    const dupArchived = await edit(headers, city.id, { name: '北杜市', prefecture: '山梨県', kind: 'city' });
    expect(fieldErrors(dupArchived.body).name).toEqual(['山梨県北杜市はすでに登録されています（アーカイブ済み。元に戻せます）']);
    const blank = await edit(headers, city.id, { name: '  ', prefecture: '', kind: 'metropolis' });
    expect(blank.status).toBe(400);
    expect(fieldErrors(blank.body)).toMatchObject({
      name: ['自治体名を入力してください'],
      prefecture: ['都道府県を入力してください'],
      kind: ['区分を選んでください'],
    });

    expect(await tableCounts()).toEqual(before);
    const [row] = await db.select().from(municipalities).where(eq(municipalities.id, city.id));
    expect(row).toMatchObject({ name: '韮崎巿', prefecture: '山梨県', kind: 'city' });
  });

  it('answers 404 for a municipality that does not exist, and refuses an intent the page does not declare', async () => {
    const headers = await organizerCookie();
    expect((await edit(headers, 2_000_000_000, { name: '甲府市', prefecture: '山梨県', kind: 'city' })).status).toBe(404);
    expect((await edit(headers, 0, { name: '甲府市', prefecture: '山梨県', kind: 'city' })).status).toBe(404);
    const unknown = await outcome(() => municipalitiesAction(actionArgs('/admin/municipalities', { intent: 'rename', id: '1' }, { headers })));
    expect(unknown.status).toBe(403);
  });

  it('hostile values are saved exactly as trimmed, or refused with a field error and nothing changed', async () => {
    const headers = await organizerCookie();
    const city = await createMunicipality(getDb(), { name: '鹿児島市', prefecture: '鹿児島県' });
    const kind = fc.oneof(fc.constantFrom('city', 'town', 'village', 'prefecture', 'ward'), hostileText);
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, kind, async (name, prefecture, kind) => {
        const [before] = await getDb().select().from(municipalities).where(eq(municipalities.id, city.id));
        const result = await outcomeOf(() =>
          municipalitiesAction(
            actionArgs(
              '/admin/municipalities',
              { intent: 'update', id: String(city.id), baseVersion: String(before!.version), name, prefecture, kind },
              { headers },
            ),
          ),
        );
        const [after] = await getDb().select().from(municipalities).where(eq(municipalities.id, city.id));
        if (result.kind !== 'saved') {
          expect(result.kind).toBe('invalid');
          expect(after).toEqual(before);
          return;
        }
        expect(after).toMatchObject({ name: asRequired(name), prefecture: asRequired(prefecture), kind });
      }),
      {
        ...runs,
        examples: [
          ['NUL\u0000入り', '山梨県', 'city'],
          ['<script>alert(1)</script>', '１２３４５', 'town'],
        ],
      },
    );
  });
});

describe('editing a roster entry', () => {
  const edit = async (headers: Record<string, string>, id: number, form: Record<string, string>) => {
    const baseVersion = String((await getDb().select().from(organizers).where(eq(organizers.id, id)))[0]?.version ?? 1);
    return outcome(() => organizersAction(actionArgs('/admin/organizers', { intent: 'update', id: String(id), baseVersion, ...form }, { headers })));
  };

  it('saves name, role and affiliation, audited as an update', async () => {
    const headers = await organizerCookie();
    const person = await createPerson(getDb(), { fullName: '早瀬 ゆうき' });
    const entry = await createOrganizer(getDb(), { personId: person.id, role: 'kanji', affiliation: '' });
    const saved = await edit(headers, entry.id, { fullName: '早瀬 悠希', role: 'chair', affiliation: '元甲府市職員' });
    expect(saved).toMatchObject({ status: 302, location: '/admin/organizers', notice: '保存しました' });
    const [row] = await getDb()
      .select({ o: organizers, name: people.fullName })
      .from(organizers)
      .innerJoin(people, eq(people.id, organizers.personId))
      .where(eq(organizers.id, entry.id));
    expect(row).toMatchObject({ name: '早瀬 悠希', o: { role: 'chair', affiliation: '元甲府市職員', active: true } });
    const audit = await lastAudit('organizer', entry.id);
    expect(audit).toMatchObject({ action: 'update', detail: { changed: ['fullName', 'role', 'affiliation'], role: { before: 'kanji', after: 'chair' } } });
  });

  it('refuses a blank name, an unknown role and a long affiliation, changing nothing', async () => {
    const headers = await organizerCookie();
    const entry = await createOrganizer(getDb(), { role: 'kanji', affiliation: '早稲田大学マニフェスト研究所' });
    const before = await tableCounts();
    const bad = await edit(headers, entry.id, { fullName: ' ', role: 'boss', affiliation: '長'.repeat(201) });
    expect(bad.status).toBe(400);
    expect(fieldErrors(bad.body)).toMatchObject({
      fullName: ['氏名を入力してください'],
      role: ['役割を選んでください'],
      affiliation: ['所属は200文字以内で入力してください'],
    });
    expect(bad.body).toMatchObject({ form: String(entry.id) });
    expect(await tableCounts()).toEqual(before);
    const [row] = await getDb().select().from(organizers).where(eq(organizers.id, entry.id));
    expect(row).toMatchObject({ role: 'kanji', affiliation: '早稲田大学マニフェスト研究所' });
    expect((await edit(headers, 2_000_000_000, { fullName: '山田 花子', role: 'kanji', affiliation: '' })).status).toBe(404);
  });

  it('hostile values are saved exactly as trimmed, or refused with a field error and nothing changed', async () => {
    const headers = await organizerCookie();
    const entry = await createOrganizer(getDb());
    const current = () =>
      getDb()
        .select({ o: organizers, name: people.fullName })
        .from(organizers)
        .innerJoin(people, eq(people.id, organizers.personId))
        .where(eq(organizers.id, entry.id));
    const role = fc.oneof(fc.constantFrom(...organizerRoles.codes), hostileText);
    await fc.assert(
      fc.asyncProperty(hostileText, role, hostileText, async (fullName, role, affiliation) => {
        const [before] = await current();
        const result = await outcomeOf(() =>
          organizersAction(
            actionArgs(
              '/admin/organizers',
              { intent: 'update', id: String(entry.id), baseVersion: String(before!.o.version), fullName, role, affiliation },
              { headers },
            ),
          ),
        );
        const [after] = await current();
        if (result.kind !== 'saved') {
          expect(result.kind).toBe('invalid');
          expect(after).toEqual(before);
          return;
        }
        expect(after).toMatchObject({ name: asRequired(fullName), o: { role, affiliation: affiliation.trim() } });
      }),
      {
        ...runs,
        examples: [
          ['幹事\u0000', 'kanji', ''],
          ['<img src=x onerror=alert(1)>', 'advisor', '👨‍👩‍👧‍👦'],
        ],
      },
    );
  });
});

describe('restoring a dissolved dialogue group', () => {
  /** Teams of the year for municipalities named '甲府市/山梨県' (each one new: every test has its own year). */
  async function yearWithTeams(fiscalYear: number, places: string[]) {
    const db = getDb();
    const found = [];
    for (const place of places) {
      const [name, prefecture] = place.split('/') as [string, string];
      found.push(await createTeam(db, { fiscalYear, municipalityId: (await createMunicipality(db, { name, prefecture })).id }));
    }
    return found;
  }
  const post = (headers: Record<string, string>, fiscalYear: number, form: Record<string, string | string[]>) =>
    outcome(() => groupsAction(actionArgs(`/admin/years/${fiscalYear}/groups`, form, { headers, params: { fiscalYear: String(fiscalYear) } })));
  const newestGroup = async () => (await getDb().select().from(dialogueGroups).orderBy(desc(dialogueGroups.id)).limit(1))[0]!;
  const membersOf = async (groupId: number) =>
    (await getDb().select().from(dialogueGroupTeams).where(eq(dialogueGroupTeams.groupId, groupId))).map((m) => m.teamId).sort();

  it('brings the group back with the teams it had, audited, and lists it while dissolved', async () => {
    const headers = await organizerCookie();
    const [kofu, kumamoto, kagoshima] = await yearWithTeams(2070, ['甲府市/山梨県', '熊本市/熊本県', '鹿児島市/鹿児島県']);
    const ids = [kofu!.id, kumamoto!.id, kagoshima!.id];
    expect((await post(headers, 2070, { intent: 'create', name: '', teamIds: ids.map(String) })).status).toBe(302);
    const group = await newestGroup();
    expect((await post(headers, 2070, { intent: 'dissolve', groupId: String(group.id) })).status).toBe(302);
    expect(await membersOf(group.id)).toEqual([]);

    const page = (await groupsLoader(loaderArgs('/admin/years/2070/groups', { headers, params: { fiscalYear: '2070' } }))) as {
      groups: unknown[];
      dissolved: { id: number; name: string; teams: { name: string; nowInGroupId: number | null }[] }[];
    };
    expect(page.groups).toEqual([]);
    expect(page.dissolved).toMatchObject([{ id: group.id, name: '甲府市・熊本市・鹿児島市' }]);
    expect(page.dissolved[0]!.teams.map((t) => [t.name, t.nowInGroupId])).toEqual([
      ['熊本市', null],
      ['甲府市', null],
      ['鹿児島市', null],
    ]);

    const restored = await post(headers, 2070, { intent: 'restore', groupId: String(group.id) });
    expect(restored).toMatchObject({ status: 302, location: '/admin/years/2070/groups' });
    expect(await membersOf(group.id)).toEqual([...ids].sort());
    const [row] = await getDb().select().from(dialogueGroups).where(eq(dialogueGroups.id, group.id));
    expect(row?.archivedAt).toBeNull();
    expect(await lastAudit('dialogue_group', group.id)).toMatchObject({ action: 'restore', detail: { teamIds: ids } });
    // A second click changes nothing and is not an error.
    const before = await tableCounts();
    expect((await post(headers, 2070, { intent: 'restore', groupId: String(group.id) })).status).toBe(302);
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses when one of its teams has joined another group since, naming the team, and changes nothing', async () => {
    const headers = await organizerCookie();
    const [fuefuki, hitoyoshi, tomioka] = await yearWithTeams(2071, ['笛吹市/山梨県', '人吉市/熊本県', '富岡市/群馬県']);
    await post(headers, 2071, { intent: 'create', name: '', teamIds: [fuefuki!.id, hitoyoshi!.id].map(String) });
    const first = await newestGroup();
    await post(headers, 2071, { intent: 'dissolve', groupId: String(first.id) });
    await post(headers, 2071, { intent: 'create', name: '人吉・富岡', teamIds: [hitoyoshi!.id, tomioka!.id].map(String) });
    const second = await newestGroup();

    const page = (await groupsLoader(loaderArgs('/admin/years/2071/groups', { headers, params: { fiscalYear: '2071' } }))) as {
      dissolved: { teams: { name: string; nowInGroup: string | null }[] }[];
    };
    expect(page.dissolved[0]!.teams).toMatchObject([
      { name: '人吉市', nowInGroup: '人吉・富岡' },
      { name: '笛吹市', nowInGroup: null },
    ]);

    const before = await tableCounts();
    const refused = await post(headers, 2071, { intent: 'restore', groupId: String(first.id) });
    expect(refused.status).toBe(400);
    expect(refused.body).toEqual({
      form: `restore:${first.id}`,
      result: {
        status: 'error',
        error: { groupId: ['人吉市（人吉・富岡）はいまほかのグループに入っているため、元に戻せません。1つのチームが入れるグループは1年度に1つです'] },
      },
    });
    expect(await tableCounts()).toEqual(before);
    const [row] = await getDb().select().from(dialogueGroups).where(eq(dialogueGroups.id, first.id));
    expect(row?.archivedAt).not.toBeNull();
    expect(await membersOf(first.id)).toEqual([]);
    expect(await membersOf(second.id)).toEqual([hitoyoshi!.id, tomioka!.id].sort());
  });

  it('refuses a group whose make-up was never recorded, with a message and nothing changed', async () => {
    const headers = await organizerCookie();
    await createTeam(getDb(), { fiscalYear: 2075 });
    const [group] = await getDb().insert(dialogueGroups).values({ fiscalYear: 2075, name: '記録なし', archivedAt: now() }).returning();
    const before = await tableCounts();
    const refused = await post(headers, 2075, { intent: 'restore', groupId: String(group!.id) });
    expect(refused).toMatchObject({
      status: 400,
      body: { form: `restore:${group!.id}`, result: { error: { groupId: [expect.stringContaining('記録がないため、元に戻せません')] } } },
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('answers 404 for a group of another year or one that does not exist', async () => {
    const headers = await organizerCookie();
    const [a, b] = await yearWithTeams(2072, ['三条市/新潟県', '生駒市/奈良県']);
    await createTeam(getDb(), { fiscalYear: 2073 });
    await post(headers, 2072, { intent: 'create', name: '', teamIds: [a!.id, b!.id].map(String) });
    const group = await newestGroup();
    await post(headers, 2072, { intent: 'dissolve', groupId: String(group.id) });
    expect((await post(headers, 2073, { intent: 'restore', groupId: String(group.id) })).status).toBe(404);
    expect((await post(headers, 2072, { intent: 'restore', groupId: '2000000000' })).status).toBe(404);
    expect((await post(headers, 2072, { intent: 'restore', groupId: 'abc' })).status).toBe(404);
  });
});

describe('only organizers may edit or restore', () => {
  it('refuses a signed-in team member with 403 and changes nothing', async () => {
    const headers = await memberCookie();
    const db = getDb();
    const city = await createMunicipality(db, { name: '北上市', prefecture: '岩手県' });
    const entry = await createOrganizer(db);
    const [a, b] = [await createTeam(db, { fiscalYear: 2074 }), await createTeam(db, { fiscalYear: 2074 })];
    const group = (await db.insert(dialogueGroups).values({ fiscalYear: 2074, name: 'x', archivedAt: now() }).returning())[0]!;
    await db.insert(auditLog).values({ action: 'archive', entityType: 'dialogue_group', entityId: String(group.id), detail: { teamIds: [a.id, b.id] } });
    const before = await tableCounts();
    const answers = [
      await outcome(() =>
        municipalitiesAction(
          actionArgs(
            '/admin/municipalities',
            { intent: 'update', id: String(city.id), baseVersion: '1', name: '奪取市', prefecture: '岩手県', kind: 'city' },
            { headers },
          ),
        ),
      ),
      await outcome(() =>
        organizersAction(
          actionArgs(
            '/admin/organizers',
            { intent: 'update', id: String(entry.id), baseVersion: '1', fullName: '奪取', role: 'chair', affiliation: '' },
            { headers },
          ),
        ),
      ),
      await outcome(() =>
        groupsAction(actionArgs('/admin/years/2074/groups', { intent: 'restore', groupId: String(group.id) }, { headers, params: { fiscalYear: '2074' } })),
      ),
    ];
    expect(answers.map((a) => a.status)).toEqual([403, 403, 403]);
    expect(await tableCounts()).toEqual(before);
    const anonymous = await outcome(() =>
      municipalitiesAction(actionArgs('/admin/municipalities', { intent: 'update', id: String(city.id), name: '奪取市', prefecture: '岩手県', kind: 'city' })),
    );
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
  });
});
