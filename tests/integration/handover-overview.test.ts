import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as municipalityLoader } from '../../app/routes/municipalities.$municipalityId';
import { loader as handoverLoader } from '../../app/routes/teams.$teamId.handover';
import {
  addTeamMember,
  createDialogueGroup,
  createHandover,
  createHrViewer,
  createInterview,
  createMentorAssignment,
  createMunicipality,
  createOrganizer,
  createPerson,
  createSheetWithVersions,
  createTeam,
  createUser,
} from '../factories';
import { currentFiscalYear } from '../factories/util';
import { loaded, loaderArgs } from '../helpers';
import { sessionCookie } from '../world';

// 引き継ぎ: the next team of the municipality sees what the previous one left, on its first page.

describe('the handover on the next team’s first page', () => {
  it('shows the previous generation’s handover, the final sheets and the number of alumni', async () => {
    const db = getDb();
    const year = currentFiscalYear();
    const city = await createMunicipality(db, { name: '北上市', prefecture: '岩手県' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: year - 1 });
    await addTeamMember(db, { teamId: past.id });
    await addTeamMember(db, { teamId: past.id });
    // Not counted: one who keeps out of the マネ友名簿, and another municipality's past member.
    await addTeamMember(db, { teamId: past.id, personId: (await createPerson(db, { municipalityId: city.id, directoryListed: false })).id });
    const elsewhere = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear: year - 1 });
    await addTeamMember(db, { teamId: elsewhere.id });
    await createSheetWithVersions(db, { teamId: past.id, versions: 3 });
    await createHandover(db, { teamId: past.id, toContinue: '若手職員との対話会を続けてほしい', peopleToTalkTo: '人事課長', advice: '焦らずに' });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: year });
    const member = await createUser(db, { passwordHash: null });
    await addTeamMember(db, { teamId: team.id, personId: member.personId });

    const data = await overviewLoader(
      loaderArgs(`/teams/${team.id}`, { params: { teamId: String(team.id) }, headers: { Cookie: await sessionCookie(member.id) } }),
    );
    expect(data.generations[0]).toMatchObject({ teamId: past.id, fiscalYear: year - 1, hasSheet: true, toContinue: '若手職員との対話会を続けてほしい' });
    expect(data.alumniCount).toBe(2);
    // The number is the handover page's list, counted.
    const handover = await loaded(
      handoverLoader(loaderArgs(`/teams/${team.id}/handover`, { params: { teamId: String(team.id) }, headers: { Cookie: await sessionCookie(member.id) } })),
    );
    expect(handover.alumni).toHaveLength(data.alumniCount);
  });

  it('shows a マネ友 of another municipality only the past members who keep themselves in the マネ友名簿', async () => {
    const db = getDb();
    const year = currentFiscalYear();
    const city = await createMunicipality(db, { name: '北見市', prefecture: '北海道' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: year - 2 });
    const listed = await createPerson(db, { municipalityId: city.id, fullName: '名簿 載子' });
    const unlisted = await createPerson(db, { municipalityId: city.id, fullName: '非掲載 伏男', directoryListed: false });
    for (const person of [listed, unlisted]) await addTeamMember(db, { teamId: past.id, personId: person.id });

    // Someone who was on a team elsewhere: the network scope (the finished year's sheet, nothing else).
    const elsewhere = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear: year - 1 });
    const outsider = await createUser(db, { passwordHash: null });
    await addTeamMember(db, { teamId: elsewhere.id, personId: outsider.personId });
    const asOutsider = await overviewLoader(
      loaderArgs(`/teams/${past.id}`, { params: { teamId: String(past.id) }, headers: { Cookie: await sessionCookie(outsider.id) } }),
    );
    expect(asOutsider.members.map((m) => m.fullName)).toEqual(['名簿 載子']);
    expect(asOutsider.unlistedMembers).toBe(1);
    expect(JSON.stringify(asOutsider)).not.toContain('非掲載');

    // The team's own former member still sees everyone of the team.
    const own = await createUser(db, { passwordHash: null, personId: unlisted.id });
    const asOwn = await overviewLoader(
      loaderArgs(`/teams/${past.id}`, { params: { teamId: String(past.id) }, headers: { Cookie: await sessionCookie(own.id) } }),
    );
    expect(asOwn.members.map((m) => m.fullName).sort()).toEqual(['名簿 載子', '非掲載 伏男'].sort());
    expect(asOwn.unlistedMembers).toBe(0);
  });

  it('names the same past members on the team page and the municipality page, whoever looks', async () => {
    const db = getDb();
    const year = currentFiscalYear();
    const city = await createMunicipality(db, { name: '帯広市', prefecture: '北海道' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: year - 2 });
    const current = await createTeam(db, { municipalityId: city.id, fiscalYear: year });
    await addTeamMember(db, { teamId: past.id, personId: (await createPerson(db, { municipalityId: city.id, fullName: '名簿 載子' })).id });
    await addTeamMember(db, {
      teamId: past.id,
      personId: (await createPerson(db, { municipalityId: city.id, fullName: '非掲載 伏男', directoryListed: false })).id,
    });

    const user = () => createUser(db, { passwordHash: null });
    const organizer = await user();
    await createOrganizer(db, { personId: organizer.personId });
    const hr = await user();
    await createHrViewer(db, { userId: hr.id, municipalityId: city.id });
    // This year's member of the same city: a colleague of the predecessors, not a stranger.
    const colleague = await user();
    await addTeamMember(db, { teamId: current.id, personId: colleague.personId });
    const elsewhere = await user();
    await addTeamMember(db, { teamId: (await createTeam(db, { fiscalYear: year - 1 })).id, personId: elsewhere.personId });
    // That year's dialogue partner (another town), and the team's assigned mentor (a マネ友 from elsewhere).
    const partner = await user();
    const partnerTeam = await createTeam(db, { fiscalYear: year - 2 });
    await addTeamMember(db, { teamId: partnerTeam.id, personId: partner.personId });
    await createDialogueGroup(db, { teamIds: [past.id, partnerTeam.id] });
    const mentor = await user();
    await addTeamMember(db, { teamId: (await createTeam(db, { fiscalYear: year - 3 })).id, personId: mentor.personId });
    await createMentorAssignment(db, { teamId: past.id, personId: mentor.personId });

    const seen: Record<string, [number, number]> = {};
    for (const [who, viewer] of Object.entries({ organizer, hr, colleague, elsewhere, partner, mentor })) {
      const headers = { Cookie: await sessionCookie(viewer.id) };
      const team = await overviewLoader(loaderArgs(`/teams/${past.id}`, { params: { teamId: String(past.id) }, headers }));
      const town = await municipalityLoader(loaderArgs(`/municipalities/${city.id}`, { params: { municipalityId: String(city.id) }, headers }));
      seen[who] = [team.unlistedMembers, town.teams.find((t) => t.id === past.id)!.unlisted];
    }
    expect(seen).toEqual({ organizer: [0, 0], hr: [0, 0], colleague: [0, 0], elsewhere: [1, 1], partner: [1, 1], mentor: [0, 0] });
  });
});

describe('the 宿題 a previous generation hands over, by who looks', () => {
  it('shows each viewer only the interviews their access opens: the next team all it was handed, organizers only the program’s', async () => {
    const db = getDb();
    const year = currentFiscalYear();
    const city = await createMunicipality(db, { name: '遠野市', prefecture: '岩手県' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: year - 1 });
    for (const visibility of ['team', 'municipality', 'program'] as const) {
      await createInterview(db, { teamId: past.id, visibility, homework: [`宿題カナリア-${visibility}`] });
    }
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: year });
    const member = await createUser(db, { passwordHash: null });
    await addTeamMember(db, { teamId: team.id, personId: member.personId });
    const organizer = await createUser(db, { passwordHash: null });
    await createOrganizer(db, { personId: organizer.personId });
    const hr = await createHrViewer(db, { municipalityId: city.id });
    // A mentor of the new team from another municipality: the new team's, not the previous one's.
    const mentor = await createUser(db, { passwordHash: null, personId: (await createPerson(db, { municipalityId: (await createMunicipality(db)).id })).id });
    await createMentorAssignment(db, { teamId: team.id, personId: mentor.personId });

    const seen = async (userId: number) => {
      const data = await handoverLoader(
        loaderArgs(`/teams/${team.id}/handover`, { params: { teamId: String(team.id) }, headers: { Cookie: await sessionCookie(userId) } }),
      );
      const text = JSON.stringify(await loaded(data));
      return (['team', 'municipality', 'program'] as const).filter((v) => text.includes(`宿題カナリア-${v}`));
    };
    expect(await seen(member.id)).toEqual(['municipality', 'program']);
    expect(await seen(hr.userId)).toEqual(['municipality', 'program']);
    expect(await seen(organizer.id)).toEqual(['program']);
    expect(await seen(mentor.id)).toEqual([]);
  });
});
