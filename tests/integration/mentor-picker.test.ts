import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as mentorsLoader } from '../../app/routes/teams.$teamId.mentors';
import { addTeamMember, createMentorAssignment, createMunicipality, createPerson, createTeam } from '../factories';
import { loaded, loaderArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// Issue 17: the team's mentor picker offers a hundred names or more; its own municipality's マネ友 come
// first, then the others in an order that is the same on both databases (the search is the browser's:
// tests/e2e/mentor-offers.test.ts, app/domain/name-search.test.ts).

let world: World;
const mentorsPage = async (userId: number, teamId: number) =>
  loaded(mentorsLoader(loaderArgs(`/teams/${teamId}/mentors`, { params: { teamId: String(teamId) }, headers: { Cookie: await sessionCookie(userId) } })));

beforeAll(async () => {
  world = await buildWorld();
});

describe('the mentor picker', () => {
  it('lists the team’s own municipality’s マネ友 first (latest 期 first), then the others by municipality and reading, each once', async () => {
    const db = getDb();
    const town = await createMunicipality(db, { name: '笛吹市', prefecture: '山梨県' });
    const team = await createTeam(db, { municipalityId: town.id, fiscalYear: world.year });
    const lastYear = await createTeam(db, { municipalityId: town.id, fiscalYear: world.year - 1 });
    const earlier = await createTeam(db, { municipalityId: town.id, fiscalYear: world.year - 3 });
    const north = await createMunicipality(db, { name: '北杜市', prefecture: '山梨県' });
    const south = await createMunicipality(db, { name: '南部町', prefecture: '山梨県' });
    const northTeam = await createTeam(db, { municipalityId: north.id, fiscalYear: world.year - 2 });
    const southTeam = await createTeam(db, { municipalityId: south.id, fiscalYear: world.year - 1 });
    const person = async (fullName: string, fullNameKana: string, ...teamIds: number[]) => {
      const p = await createPerson(db, { fullName, fullNameKana });
      for (const teamId of teamIds) await addTeamMember(db, { teamId, personId: p.id });
      return p.id;
    };
    const sato = await person('佐藤 一', 'さとう はじめ', lastYear.id);
    const abe = await person('阿部 二葉', 'あべ ふたば', lastYear.id);
    const ito = await person('伊藤 三郎', 'いとう さぶろう', earlier.id);
    // On a team elsewhere and, earlier, on this town's: listed once, with this town.
    const moved = await person('上野 移', 'うえの うつり', earlier.id, southTeam.id);
    const kato = await person('加藤 北', 'かとう きた', northTeam.id);
    const aoki = await person('青木 北', 'あおき きた', northTeam.id);
    const ueda = await person('上田 南', 'うえだ みなみ', southTeam.id);
    const mentor = await person('既に 担当', 'すでに たんとう', lastYear.id);
    await createMentorAssignment(db, { teamId: team.id, personId: mentor });
    const left = await person('記録 取消', 'きろく とりけし');
    await addTeamMember(db, { teamId: lastYear.id, personId: left, archivedAt: new Date() });
    const current = await person('今年 参加', 'ことし さんか', team.id);

    const ours = new Set([sato, abe, ito, moved, kato, aoki, ueda, mentor, left, current]);
    const { candidates } = await mentorsPage(world.users.organizer.id, team.id);
    const listed = candidates.filter((c) => ours.has(c.personId));
    const byName = [...listed].map((c) => [c.fullName, c.municipalityName, c.generation, c.sameMunicipality]);
    // 北杜市 sorts before 南部町 by character code (北 U+5317, 南 U+5357), the same on both databases.
    expect(byName).toEqual([
      ['阿部 二葉', '笛吹市', 2, true],
      ['佐藤 一', '笛吹市', 2, true],
      ['伊藤 三郎', '笛吹市', 1, true],
      ['上野 移', '笛吹市', 1, true],
      ['青木 北', '北杜市', 1, false],
      ['加藤 北', '北杜市', 1, false],
      ['上田 南', '南部町', 1, false],
    ]);
    expect(listed.find((c) => c.personId === sato)).toMatchObject({ fullNameKana: 'さとう はじめ', lastYear: world.year - 1 });
    // The team's own municipality's alumni come before every other one, whoever else is in the world.
    const firstElsewhere = candidates.findIndex((c) => !c.sameMunicipality);
    expect(candidates.slice(firstElsewhere).every((c) => !c.sameMunicipality)).toBe(true);
    expect(new Set(candidates.map((c) => c.personId)).size).toBe(candidates.length);
  });
});
