import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as adminLoader } from '../../app/routes/admin._index';
import { loadViewer } from '../../app/models/viewers.server';
import { setClock } from '../../app/utils/clock';
import { addTeamMember, createMunicipality, createOrganizer, createPerson, createTeam, createUser } from '../factories';
import { loaderArgs, pinClock } from '../helpers';
import { sessionCookie } from '../world';

// The fiscal year turns at midnight of 1 April in Tokyo (15:00 UTC, where the server runs). Read from the
// clock, the pages turn with it: a minute before, 令和12年度 (2030) is the current year; at midnight, 2031.

pinClock('2031-03-31T23:59:00+09:00');

let organizerCookie: Record<string, string>;
let memberUserId: number;
let kofuId: number;
beforeAll(async () => {
  const db = getDb();
  const kofu = await createMunicipality(db, { name: '甲府市', prefecture: '山梨県' });
  kofuId = kofu.id;
  const team2030 = await createTeam(db, { fiscalYear: 2030, municipalityId: kofu.id });
  await createTeam(db, { fiscalYear: 2031 });
  const member = await addTeamMember(db, { teamId: team2030.id });
  memberUserId = (await createUser(db, { personId: member.personId, passwordHash: 'x' })).id;
  const organizer = await createPerson(db);
  await createOrganizer(db, { personId: organizer.id });
  const user = await createUser(db, { personId: organizer.id, passwordHash: 'x' });
  organizerCookie = { Cookie: await sessionCookie(user.id) };
});

let restore = () => {};
afterEach(() => restore());
const midnight = () => {
  restore = setClock('2031-04-01T00:00:00+09:00');
};

describe('the fiscal year switch', () => {
  it('the organizer dashboard opens on FY2030 until 23:59 of 31 March, and on FY2031 from midnight', async () => {
    const before = await adminLoader(loaderArgs('/admin', { headers: organizerCookie }));
    expect(before).toMatchObject({ years: [2031, 2030], year: 2030, current: true });
    midnight();
    const after = await adminLoader(loaderArgs('/admin', { headers: organizerCookie }));
    expect(after).toMatchObject({ year: 2031, current: true });
    const asked = await adminLoader(loaderArgs('/admin?year=2030', { headers: organizerCookie }));
    expect(asked).toMatchObject({ year: 2030, current: false });
  });

  it("a member of the FY2030 team becomes one of the city's alumni (マネ友) at midnight", async () => {
    expect((await loadViewer(memberUserId))?.alumniMunicipalityIds).toEqual([]);
    midnight();
    expect((await loadViewer(memberUserId))?.alumniMunicipalityIds).toEqual([kofuId]);
  });
});
