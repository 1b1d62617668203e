import type { Db } from '../client';
import {
  addTeamMember,
  createDialogueGroup,
  createHrViewer,
  createMunicipality,
  createOrganizer,
  createPerson,
  createTeam,
  createUser,
} from '../../tests/factories';
import type { DemoEmail } from './accounts';
import type { DemoName } from './names';
import { dialogueGroupPlan, places, type DemoPlace } from './places';
import type { Rng } from './random';

export type DemoMember = { personId: number; fullName: string; department: string; section: string; isHrSlot: boolean };
export type DemoTeam = {
  id: number;
  fiscalYear: number;
  place: DemoPlace;
  municipalityId: number;
  generation: number;
  members: DemoMember[];
  partners: string[]; // names of the dialogue partners' municipalities
  userId: number | null; // the demo account on this team, if any
};
export type DemoRoster = {
  teams: DemoTeam[];
  adminUserId: number;
  organizerPersonIds: number[];
  users: Record<DemoEmail, number>;
};

const organizerPlan = [
  ['advisor', '早稲田大学 名誉教授'],
  ['chair', '早稲田大学マニフェスト研究所 人材マネジメント部会 部会長'],
  ['kanji', '元横浜市職員'],
  ['kanji', '元北上市職員・部会1期生'],
  ['kanji', '早稲田大学マニフェスト研究所 招聘研究員'],
  ['kanji', '元鹿児島市職員'],
  ['kanji', '元豊岡市職員'],
  ['councilor', '地域経営コンサルタント'],
  ['secretariat', '一般社団法人 地域経営推進センター'],
] as const;

export function findTeam(roster: DemoRoster, name: string, fiscalYear: number): DemoTeam {
  const team = roster.teams.find((t) => t.place.name === name && t.fiscalYear === fiscalYear);
  if (!team) throw new Error(`demo team ${name} ${fiscalYear} is missing`);
  return team;
}

export async function seedRoster(db: Db, rng: Rng, newName: () => DemoName, passwordHash: string): Promise<DemoRoster> {
  const organizerPersonIds: number[] = [];
  let adminUserId = 0;
  for (const [role, affiliation] of organizerPlan) {
    const person = await createPerson(db, newName());
    await createOrganizer(db, { personId: person.id, role, affiliation });
    organizerPersonIds.push(person.id);
    if (role === 'secretariat') {
      adminUserId = (await createUser(db, { personId: person.id, email: 'admin@example.jp', passwordHash })).id;
    }
  }
  // A former 幹事 stays on the roster, inactive.
  const former = await createPerson(db, newName());
  await createOrganizer(db, { personId: former.id, role: 'kanji', affiliation: '元三条市職員', active: false });

  const teams: DemoTeam[] = [];
  const municipalityIds = new Map<string, number>();
  for (const place of places) {
    const municipality = await createMunicipality(db, { name: place.name, prefecture: place.prefecture, kind: place.kind });
    municipalityIds.set(place.name, municipality.id);
    for (const [index, fiscalYear] of place.years.entries()) {
      const team = await createTeam(db, {
        municipalityId: municipality.id,
        fiscalYear,
        moyamoyaVisibility: rng.chance(0.4) ? 'members_visible' : 'team_figure_only',
      });
      const posts = [...rng.sample(place.posts, 2), place.hr];
      const members: DemoMember[] = [];
      for (const [i, [department, section]] of posts.entries()) {
        const showContact = rng.chance(0.3);
        const person = await createPerson(db, {
          ...newName(),
          municipalityId: municipality.id,
          directoryListed: rng.chance(0.85),
          directoryContact: showContact ? `${department} ${section}（内線${rng.int(2100, 4899)}）` : '',
          directoryShowContact: showContact,
        });
        const isHrSlot = i === posts.length - 1;
        await addTeamMember(db, { teamId: team.id, personId: person.id, department, section, isHrSlot });
        members.push({ personId: person.id, fullName: person.fullName, department, section, isHrSlot });
      }
      teams.push({
        id: team.id,
        fiscalYear,
        place,
        municipalityId: municipality.id,
        generation: index + 1,
        members,
        partners: [],
        userId: null,
      });
    }
  }

  for (const [year, groups] of Object.entries(dialogueGroupPlan)) {
    for (const names of groups) {
      const groupTeams = teams.filter((t) => t.fiscalYear === Number(year) && names.includes(t.place.name));
      for (const team of groupTeams) team.partners = names.filter((n) => n !== team.place.name);
      await createDialogueGroup(db, { fiscalYear: Number(year), name: names.join('・'), teamIds: groupTeams.map((t) => t.id) });
    }
  }

  const roster: DemoRoster = { teams, adminUserId, organizerPersonIds, users: {} as Record<DemoEmail, number> };
  roster.users['admin@example.jp'] = adminUserId;
  const memberAccounts: [DemoEmail, string, number][] = [
    ['member@example.jp', '甲府市', 2026],
    ['alumni@example.jp', '甲府市', 2025],
    ['partner@example.jp', '熊本市', 2026],
    ['outsider@example.jp', '三条市', 2026],
  ];
  for (const [email, name, year] of memberAccounts) {
    const team = findTeam(roster, name, year);
    const user = await createUser(db, { personId: team.members[0]!.personId, email, passwordHash });
    team.userId = user.id;
    roster.users[email] = user.id;
  }
  // A second member of the same team, so that two people can try the team's shared pages (モヤモヤ).
  const kofuTeam = findTeam(roster, '甲府市', 2026);
  const member2 = await createUser(db, { personId: kofuTeam.members[1]!.personId, email: 'member2@example.jp', passwordHash });
  roster.users['member2@example.jp'] = member2.id;
  const kofu = municipalityIds.get('甲府市')!;
  const hrPerson = await createPerson(db, { ...newName(), municipalityId: kofu, directoryListed: false });
  const hrUser = await createUser(db, { personId: hrPerson.id, email: 'hr@example.jp', passwordHash });
  await createHrViewer(db, { userId: hrUser.id, municipalityId: kofu, department: '総務部 人事課' });
  roster.users['hr@example.jp'] = hrUser.id;
  return roster;
}
