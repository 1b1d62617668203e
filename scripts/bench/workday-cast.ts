import crypto from 'node:crypto';
import { createCookie } from '@remix-run/node';
import { sql } from 'drizzle-orm';
import { openDb, selectRows, type Db, type DbConfig } from '../../db/client';
import { authSessions } from '../../db/schema';
import { hashSessionId, sessionLifetimeMs } from '../../app/models/auth-sessions.server';
import { now } from '../../app/utils/clock';
import { mix, seededRandom, type CastMember } from './workday-plan';

// Who takes part in the workday mix, from the benchmark's data: members of this year's teams (most
// of them; the writers two per team, so teammates' sheet saves can cross), HR of the same
// municipalities, alumni of last year's teams, the organizers.

type Row = { user_id: number; team_id: number; municipality_id: number };

export async function workdayCast(db: Db, fiscalYear: number): Promise<CastMember[]> {
  const n = mix.users;
  const teamsNeeded = Math.ceil(n.member / 3);
  const members = await selectRows<Row>(
    sql`select u.id as user_id, t.id as team_id, t.municipality_id from teams t
      join team_members tm on tm.team_id = t.id join users u on u.person_id = tm.person_id
      where t.fiscal_year = ${fiscalYear}::int and t.municipality_id in (select id from municipalities order by id limit ${teamsNeeded}::int)
      order by t.municipality_id, u.id`,
    db,
  );
  const hr = await selectRows<Row>(
    sql`select u.id as user_id, t.id as team_id, t.municipality_id from hr_viewers h join users u on u.id = h.user_id
      join teams t on t.municipality_id = h.municipality_id and t.fiscal_year = ${fiscalYear}::int
      order by t.municipality_id limit ${n.hr}::int`,
    db,
  );
  // マネ友: one member of each of last year's teams; their pages are about their municipality's team this year.
  const alumni = await selectRows<Row>(
    sql`select distinct on (last.municipality_id) u.id as user_id, cur.id as team_id, last.municipality_id from teams last
      join team_members tm on tm.team_id = last.id join users u on u.person_id = tm.person_id
      join teams cur on cur.municipality_id = last.municipality_id and cur.fiscal_year = ${fiscalYear}::int
      where last.fiscal_year = ${fiscalYear - 1}::int order by last.municipality_id, u.id limit ${n.alumni}::int`,
    db,
  );
  const organizers = await selectRows<{ user_id: number }>(
    sql`select u.id as user_id from organizers o join users u on u.person_id = o.person_id order by u.id limit ${n.organizer}::int`,
    db,
  );
  const teams = await selectRows<Row>(
    sql`select id as team_id, municipality_id, 0 as user_id from teams where fiscal_year = ${fiscalYear}::int order by id`,
    db,
  );
  if (members.length < n.member || hr.length < n.hr || alumni.length < n.alumni || organizers.length < n.organizer || !teams.length) {
    throw new Error('bench data: not enough people for the workday mix');
  }
  const of = (role: CastMember['role'], r: Row, writer = false): CastMember => ({
    userId: Number(r.user_id),
    role,
    teamId: Number(r.team_id),
    municipalityId: Number(r.municipality_id),
    fiscalYear,
    writer,
  });
  // Writers: the first two members of the first teams (listed together, as planWorkday expects).
  const writers = new Set<number>();
  for (const teamId of [...new Set(members.map((m) => Number(m.team_id)))]) {
    for (const m of members.filter((x) => Number(x.team_id) === teamId).slice(0, 2)) if (writers.size < mix.writers) writers.add(Number(m.user_id));
  }
  return [
    ...members.slice(0, n.member).map((r) => of('member', r, writers.has(Number(r.user_id)))),
    ...hr.map((r) => of('hr', r)),
    ...alumni.map((r) => of('alumni', r)),
    // Organizers look at teams all over the year.
    ...organizers.map((r, i) => ({ ...of('organizer', teams[(i * 17) % teams.length]!), userId: Number(r.user_id) })),
  ];
}

/**
 * A live session for everyone of the cast, written straight into the database before the server
 * starts (so it works on PGlite too), as signing in makes them; returns each user's cookie. Their
 * last requests are spread over the past minute, so the app touches each session once a minute
 * (app/models/auth-sessions.server.ts) at a different moment, as in real use, rather than all at once.
 */
export async function workdaySessions(config: DbConfig, cast: CastMember[], seed: number): Promise<Map<number, string>> {
  const handle = await openDb(config);
  const cookie = createCookie('jinmane_session', { path: '/' }); // COOKIE_SECURE=false, as the bench runs the server
  const random = seededRandom(seed);
  const cookies = new Map<number, string>();
  try {
    const at = now().getTime();
    for (const user of cast) {
      const id = crypto.randomBytes(32).toString('base64url');
      await handle.db.insert(authSessions).values({
        idHash: hashSessionId(id),
        userId: user.userId,
        ip: '127.0.0.1',
        userAgent: 'jinmane-bench workday',
        lastSeenAt: new Date(at - Math.round(random() * 60_000)),
        expiresAt: new Date(at + sessionLifetimeMs),
      });
      cookies.set(user.userId, (await cookie.serialize(id)).split(';')[0]!);
    }
  } finally {
    await handle.close();
  }
  return cookies;
}
