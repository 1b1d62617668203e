import { describe, expect, it } from 'vitest';
import { getDb, getDbHandle } from '../../db/client';
import { loader as homeLoader } from '../../app/routes/_index';
import { loader as municipalityLoader } from '../../app/routes/municipalities.$municipalityId';
import { loader as healthLoader } from '../../app/routes/healthz';
import { addTeamMember, createMunicipality, createOrganizer, createPerson, createPreAssignment, createSession, createTeam, createUser } from '../factories';
import { loaderArgs, thrownResponse } from '../helpers';
import { sessionCookie } from '../world';

async function signedIn() {
  const user = await createUser(getDb(), { passwordHash: null });
  return { Cookie: await sessionCookie(user.id) };
}

describe('the pages that prove the stack', () => {
  it('lists program years with their sessions and pre-assignments', async () => {
    const db = getDb();
    const session = await createSession(db, { fiscalYear: 2022, number: 1, startsOn: '2022-04-27', venue: '早稲田大学' });
    await createPreAssignment(db, { sessionId: session.id, title: '自己紹介シート', dueOn: '2022-04-22' });
    const { years } = await homeLoader(loaderArgs('/', { headers: await signedIn() }));
    const year = years.find((y) => y.fiscalYear === 2022);
    expect(year?.sessions.map((s) => [s.number, s.startsOn, s.venue])).toEqual([[1, '2022-04-27', '早稲田大学']]);
    expect(year?.sessions[0]?.preAssignments.map((a) => a.title)).toEqual(['自己紹介シート']);
  });

  it('derives 期生 from participation order, skipping years a municipality did not take part', async () => {
    const db = getDb();
    const city = await createMunicipality(db, { name: '富岡市', prefecture: '群馬県', kind: 'city' });
    for (const fiscalYear of [2019, 2020, 2023]) {
      const team = await createTeam(db, { municipalityId: city.id, fiscalYear });
      await addTeamMember(db, { teamId: team.id, isHrSlot: true });
    }
    const data = await municipalityLoader(loaderArgs(`/municipalities/${city.id}`, { params: { municipalityId: String(city.id) }, headers: await signedIn() }));
    expect(data.municipality.name).toBe('富岡市');
    expect(data.teams.map((t) => [t.fiscalYear, t.generation])).toEqual([
      [2023, 3],
      [2020, 2],
      [2019, 1],
    ]);
    expect(data.teams.every((t) => t.members.length === 1)).toBe(true);
  });

  it('names past members to others only when they keep themselves in the マネ友名簿', async () => {
    const db = getDb();
    const city = await createMunicipality(db, { name: '館林市', prefecture: '群馬県', kind: 'city' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: 2020 });
    await addTeamMember(db, { teamId: past.id, personId: (await createPerson(db, { municipalityId: city.id, fullName: '掲載 花子' })).id });
    await addTeamMember(db, {
      teamId: past.id,
      personId: (await createPerson(db, { municipalityId: city.id, fullName: '非掲載 次郎', directoryListed: false })).id,
    });
    const view = async (headers: Record<string, string>) =>
      municipalityLoader(loaderArgs(`/municipalities/${city.id}`, { params: { municipalityId: String(city.id) }, headers }));

    const outside = await view(await signedIn());
    expect(outside.teams[0]!.members.map((m) => m.fullName)).toEqual(['掲載 花子']);
    expect(outside.teams[0]!.unlisted).toBe(1);
    expect(outside.counts).toEqual({ people: 2, alumni: 2 });
    expect(JSON.stringify(outside)).not.toContain('非掲載');

    const organizer = await createUser(db, { passwordHash: null });
    await createOrganizer(db, { personId: organizer.personId });
    const secretariat = await view({ Cookie: await sessionCookie(organizer.id) });
    expect(secretariat.teams[0]!.members.map((m) => m.fullName).sort()).toEqual(['掲載 花子', '非掲載 次郎'].sort());
    expect(secretariat.teams[0]!.unlisted).toBe(0);
  });

  it('answers 404 for a municipality that does not exist or an id that is not a number', async () => {
    const headers = await signedIn();
    for (const id of ['999999', 'abc', '0', '99999999999']) {
      const response = await thrownResponse(() => municipalityLoader(loaderArgs(`/municipalities/${id}`, { params: { municipalityId: id }, headers })));
      expect(response.status).toBe(404);
    }
  });

  it('reports health: 200 while the database answers', async () => {
    const response = await healthLoader();
    expect(response.status).toBe(200);
    expect(await getDbHandle().ping()).toBe(true);
  });
});
