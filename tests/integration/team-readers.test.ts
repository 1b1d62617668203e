import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { hrViewers, mentorAssignments, users } from '../../db/schema';
import { loader as readersLoader } from '../../app/routes/teams.$teamId.access';
import { loadViewer } from '../../app/models/viewers.server';
import { teamAccess } from '../../app/utils/permissions';
import { now } from '../../app/utils/clock';
import { createHrViewer, createMentorAssignment, createPerson, createUser } from '../factories';
import { loaded, loaderArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// 「このチームを見られる人」 lists exactly the accounts whose access to the team is more than the
// network's (a finished year's sheet): the list is held to teamAccess for every account there is.

let world: World;
let mentorId: number;
beforeAll(async () => {
  world = await buildWorld();
  const mentor = await createPerson(getDb());
  mentorId = (await createUser(getDb(), { personId: mentor.id, passwordHash: null })).id;
  await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: mentor.id });
  // Access that was taken away: it must not be listed.
  const withdrawn = await createHrViewer(getDb(), { municipalityId: world.cityA.id });
  await getDb().update(hrViewers).set({ archivedAt: now() }).where(eq(hrViewers.id, withdrawn.id));
  const ended = await createPerson(getDb());
  await createUser(getDb(), { personId: ended.id, passwordHash: null });
  const assignment = await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: ended.id });
  await getDb().update(mentorAssignments).set({ endedAt: now() }).where(eq(mentorAssignments.id, assignment.id));
  const stopped = await createHrViewer(getDb(), { municipalityId: world.cityA.id });
  await getDb().update(users).set({ archivedAt: now() }).where(eq(users.id, stopped.userId));
});

const readersOf = async (teamId: number, userId: number) =>
  (
    await loaded(
      await readersLoader(loaderArgs(`/teams/${teamId}/access`, { params: { teamId: String(teamId) }, headers: { Cookie: await sessionCookie(userId) } })),
    )
  ).readers;

describe('who can read a team', () => {
  it('lists every account with more than the network’s access, and no other, for the team and for last year’s', async () => {
    for (const team of [world.teamA, world.pastA, world.teamB]) {
      const listed = new Set((await readersOf(team.id, world.users.organizer.id)).map((r) => r.userId));
      const everyone = await getDb().select({ id: users.id }).from(users);
      const expected = new Set<number>();
      for (const { id } of everyone) {
        const viewer = await loadViewer(id);
        if (viewer && teamAccess(viewer, team).kinds.some((kind) => kind !== 'network')) expected.add(id);
      }
      expect([...listed].sort(), `team ${team.id}`).toEqual([...expected].sort());
    }
  });

  it('says by which scope and since when, in Japanese', async () => {
    const readers = await readersOf(world.teamA.id, world.users.member.id);
    const kinds = (userId: number) => readers.filter((r) => r.userId === userId).map((r) => r.kind);
    expect(kinds(world.users.member.id)).toEqual(['member']);
    expect(kinds(world.users.hr.id)).toEqual(['hr']);
    expect(kinds(world.users.alumni.id)).toEqual(['alumni']);
    expect(kinds(mentorId)).toEqual(['mentor']);
    expect(kinds(world.users.organizer.id)).toEqual(['organizer']);
    expect(kinds(world.users.partner.id)).toEqual(['partner']);
    expect(kinds(world.users.outsider.id)).toEqual([]);
    for (const r of readers) expect(r.since).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  });
});
