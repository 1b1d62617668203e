import { and, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConfig } from '../../db/client';
import { migrate } from '../../db/migrate';
import { activities, authSessions, moyamoyaCheckins, sheets, sheetVersions } from '../../db/schema';
import { now } from '../../app/utils/clock';
import { playPlans } from '../../scripts/bench/workday';
import { workdaySessions } from '../../scripts/bench/workday-cast';
import type { CastMember, UserPlan } from '../../scripts/bench/workday-plan';
import { addTeamMember, createMunicipality, createPerson, createTeam, createUser } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { serverBackends, type ServerBackend } from './fault-helpers';
import { startServer, type RunningServer } from './server';

// The workday mix's saves go through the real forms of the production server (`npm run bench`,
// scripts/bench/workday.ts): what the script reads out of the pages is what the actions accept, a
// sheet saved second by a teammate gets 409 and is saved again on the newer version, and nothing is
// counted as an error. If a form changes under the benchmark, this fails rather than the bench.

async function prepareTeam(config: DbConfig): Promise<CastMember[]> {
  const handle = await openDb(config);
  try {
    await migrate(handle);
    const db = handle.db;
    const fiscalYear = currentFiscalYear();
    const city = await createMunicipality(db, { name: '負荷試験市', prefecture: '山梨県' });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear });
    const cast: CastMember[] = [];
    for (const n of [1, 2, 3]) {
      const person = await createPerson(db, { municipalityId: city.id, fullName: `負荷 試験${n}` });
      const user = await createUser(db, { personId: person.id, passwordHash: null });
      await addTeamMember(db, { teamId: team.id, personId: person.id, isHrSlot: n === 1 });
      cast.push({ userId: user.id, role: 'member', teamId: team.id, municipalityId: city.id, fiscalYear, writer: n < 3 });
    }
    return cast;
  } finally {
    await handle.close();
  }
}

const backends = serverBackends('workday');

describe.each(backends)('the workday mix through the real forms on $name', ({ open }) => {
  let backend: Awaited<ReturnType<ServerBackend['open']>>;
  let server: RunningServer | undefined;
  let cast: CastMember[];
  let cookies: Map<number, string>;
  let writtenAt: number;
  let lastSeen: number[];

  beforeAll(async () => {
    backend = await open();
    cast = await prepareTeam(backend.config);
    writtenAt = now().getTime();
    cookies = await workdaySessions(backend.config, cast, 19);
    const handle = await openDb(backend.config);
    try {
      lastSeen = (await handle.db.select().from(authSessions)).map((s) => s.lastSeenAt.getTime());
    } finally {
      await handle.close();
    }
    server = await startServer({ ...backend.env, COOKIE_SECURE: 'false' });
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  it('gives every session a last request within the minute before, so each is touched at its own moment', () => {
    expect(lastSeen).toHaveLength(cast.length);
    for (const at of lastSeen) {
      expect(at).toBeLessThanOrEqual(writtenAt + 5_000);
      expect(at).toBeGreaterThanOrEqual(writtenAt - 60_000);
    }
  });

  it('saves an activity, a check-in and the sheet; the teammate saving second gets 409, re-reads and saves', async () => {
    const [first, second, reader] = cast as [CastMember, CastMember, CastMember];
    const team = first.teamId;
    // The first opens the editor at once and types for 8 s; the second opens it just after and saves at
    // once, so the first's save is against a version that is no longer the latest.
    const plans: UserPlan[] = [
      {
        user: first,
        actions: [
          { at: 0, type: 'save', kind: 'sheet', typingMs: 8_000 },
          { at: 9_000, type: 'save', kind: 'activity', typingMs: 100 },
        ],
      },
      {
        user: second,
        actions: [
          { at: 200, type: 'save', kind: 'sheet', typingMs: 0 },
          { at: 1_000, type: 'save', kind: 'checkin', typingMs: 100 },
        ],
      },
      {
        user: reader,
        actions: [
          { at: 0, type: 'view', page: { route: 'team dashboard', path: `/teams/${team}`, navigation: 'document' } },
          { at: 500, type: 'view', page: { route: 'activity timeline', path: `/teams/${team}/activities`, navigation: 'data' } },
          { at: 1_000, type: 'view', page: { route: 'team dashboard', path: `/teams/${team}`, navigation: 'data' } },
        ],
      },
    ];
    const figures = await playPlans(server!.url, plans, cookies);

    expect(figures.errorSamples).toEqual([]);
    expect(figures.errors).toBe(0);
    expect(figures.saves).toEqual({ activity: 1, checkin: 1, sheet: 2 });
    expect(figures.sheetConflicts).toBe(1);
    const sheetSaves = figures.routes.find((r) => r.route === 'save sheet');
    expect(sheetSaves?.statuses).toEqual({ '302': 2, '409': 1 });
    expect(sheetSaves?.planned).toBe(1);
    // A click inside the app asks for the loaders' data (single fetch), index routes included.
    for (const route of ['team dashboard', 'activity timeline (.data)', 'team dashboard (.data)']) {
      expect(figures.routes.find((r) => r.route === route)?.statuses, route).toEqual({ '200': 1 });
    }

    await server!.stop(); // PGlite admits one process: read the rows once the server has let go
    const handle = await openDb(backend.config);
    try {
      const db = handle.db;
      const [sheet] = await db.select().from(sheets).where(eq(sheets.teamId, team));
      expect(sheet?.currentVersion).toBe(2);
      const [latest] = await db
        .select()
        .from(sheetVersions)
        .where(and(eq(sheetVersions.sheetId, sheet!.id), eq(sheetVersions.version, 2)));
      // The second's text is kept under the first's: the first saved again on the newer version.
      expect(latest?.content.currentState.trim()).toBe(
        `若手職員アンケートの結果を追記（${second.userId}-1）。\n若手職員アンケートの結果を追記（${first.userId}-1）。`,
      );
      const logged = await db.select().from(activities).where(eq(activities.teamId, team));
      expect(logged.map((a) => [a.title, a.notes, a.durationMinutes])).toEqual([
        ['ベンチの打ち合わせ（2）', '次回の研究会に向けて、人事課長へのインタビューの質問を整理した。', 60],
      ]);
      const checkins = await db.select().from(moyamoyaCheckins).where(eq(moyamoyaCheckins.teamId, team));
      expect(checkins.map((c) => [c.level, c.note])).toEqual([[(second.userId * 7 + 2 * 13) % 101, 'ひとこと（2）']]);
    } finally {
      await handle.close();
    }
  });
});
