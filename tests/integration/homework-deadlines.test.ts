import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as interviewsLoader } from '../../app/routes/teams.$teamId.interviews._index';
import { loader as interviewLoader } from '../../app/routes/teams.$teamId.interviews.$interviewId';
import { loader as hrLoader } from '../../app/routes/hr._index';
import { todayInTokyo } from '../../app/utils/clock';
import { createInterview } from '../factories';
import { addDays } from '../factories/util';
import { loaded, loaderArgs } from '../helpers';
import { buildWorld, cookieFor, type Role, type World } from '../world';

// Issue 17: a 宿題 past its due date and not done is 期限切れ（N日超過）on the interview, the インタビュー
// list, 概要 and /hr. A viewer sees the text of those in interviews they may read; of the others only how
// many there are.

let world: World;
let today: string;
const secret = 'チーム内だけの期限切れ宿題カナリア';
let ids: { team: number; municipality: number; program: number };

beforeAll(async () => {
  world = await buildWorld();
  today = todayInTokyo();
  const db = getDb();
  const at = (days: number) => addDays(today, days);
  const team = await createInterview(db, {
    teamId: world.teamA.id,
    visibility: 'team',
    interviewee: '市長',
    roleCategory: 'head',
    homework: [
      { body: secret, status: 'todo', dueOn: at(-3) },
      { body: `${secret}2`, status: 'doing', dueOn: at(-10) },
    ],
  });
  const municipality = await createInterview(db, {
    teamId: world.teamA.id,
    visibility: 'municipality',
    interviewee: '人事課長',
    homework: [
      { body: '人事課と読める期限切れの宿題', status: 'todo', dueOn: at(-5) },
      { body: '今日が期限の宿題', status: 'doing', dueOn: today },
      { body: '期限を過ぎて完了した宿題', status: 'done', dueOn: at(-20) },
      { body: 'まだ先の宿題', status: 'todo', dueOn: at(7) },
      { body: '期限のない宿題', status: 'todo' },
    ],
  });
  const program = await createInterview(db, {
    teamId: world.teamA.id,
    visibility: 'program',
    interviewee: '副市長',
    homework: [{ body: '部会全体に見える期限切れの宿題', status: 'doing', dueOn: at(-1) }],
  });
  // An archived interview's 宿題 count nowhere.
  await createInterview(db, {
    teamId: world.teamA.id,
    visibility: 'program',
    archivedAt: new Date(),
    homework: [{ body: 'アーカイブした面談の宿題', status: 'todo', dueOn: at(-30) }],
  });
  ids = { team: team.id, municipality: municipality.id, program: program.id };
});

const teamParams = () => ({ teamId: String(world.teamA.id) });
const overview = async (role: Role) =>
  loaded(overviewLoader(loaderArgs(`/teams/${world.teamA.id}`, { params: teamParams(), headers: await cookieFor(world, role) })));
const interviewList = async (role: Role) =>
  loaded(interviewsLoader(loaderArgs(`/teams/${world.teamA.id}/interviews`, { params: teamParams(), headers: await cookieFor(world, role) })));
const hr = async (role: Role) =>
  loaded(hrLoader(loaderArgs(`/hr?municipality=${world.cityA.id}`, { headers: await cookieFor(world, role) }))) as Promise<
    Exclude<Awaited<ReturnType<typeof hrLoader>>, Response>
  >;

describe('an interview page', () => {
  it('marks each 宿題 past its due date with the days, due today as such, and nothing on done or later ones', async () => {
    const page = await loaded(
      interviewLoader(
        loaderArgs(`/teams/${world.teamA.id}/interviews/${ids.municipality}`, {
          params: { ...teamParams(), interviewId: String(ids.municipality) },
          headers: await cookieFor(world, 'member'),
        }),
      ),
    );
    expect(page.interview.homework.map((h) => [h.body, h.deadline])).toEqual([
      ['人事課と読める期限切れの宿題', { kind: 'overdue', days: 5 }],
      ['今日が期限の宿題', { kind: 'today' }],
      ['期限を過ぎて完了した宿題', null],
      ['まだ先の宿題', null],
      ['期限のない宿題', null],
    ]);
  });
});

describe('the overdue figure', () => {
  it('counts every overdue 宿題 of the team for a member, with its text, on 概要 and the インタビュー list', async () => {
    const [home, list] = [await overview('member'), await interviewList('member')];
    for (const homework of [home.dashboard!.homework, list.homework]) {
      expect(homework.overdue).toEqual({ total: 4, hidden: 0 });
      const overdue = homework.items.filter((h) => h.deadline?.kind === 'overdue');
      expect(overdue.map((h) => [h.body, h.deadline])).toEqual([
        [`${secret}2`, { kind: 'overdue', days: 10 }],
        ['人事課と読める期限切れの宿題', { kind: 'overdue', days: 5 }],
        [secret, { kind: 'overdue', days: 3 }],
        ['部会全体に見える期限切れの宿題', { kind: 'overdue', days: 1 }],
      ]);
    }
  });

  it('gives HR the text of what HR may read and only the count of what the team kept to itself, on 概要, インタビュー and /hr', async () => {
    const [home, list, page] = [await overview('hr'), await interviewList('hr'), await hr('hr')];
    for (const homework of [home.dashboard!.homework, list.homework, page.homework!]) {
      expect(homework.overdue).toEqual({ total: 4, hidden: 2 });
      expect(homework.items.filter((h) => h.deadline?.kind === 'overdue').map((h) => h.body)).toEqual([
        '人事課と読める期限切れの宿題',
        '部会全体に見える期限切れの宿題',
      ]);
    }
    // /hr lists only the overdue ones; nothing of the team-only interview reaches any of the three.
    expect(page.homework!.items.map((h) => h.deadline?.kind)).toEqual(['overdue', 'overdue']);
    for (const data of [home, list, page]) expect(JSON.stringify(data)).not.toContain(secret);
  });

  it('gives organizers the same figure, with the text of what the team opened to the whole program', async () => {
    const [home, page] = [await overview('organizer'), await hr('organizer')];
    for (const homework of [home.dashboard!.homework, page.homework!]) {
      expect(homework.overdue).toEqual({ total: 4, hidden: 3 });
      expect(homework.items.filter((h) => h.deadline?.kind === 'overdue').map((h) => h.body)).toEqual(['部会全体に見える期限切れの宿題']);
    }
  });
});
