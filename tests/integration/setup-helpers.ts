import { sql } from 'drizzle-orm';
import { getDb, selectRows } from '../../db/client';
import { createOrganizer, createPerson, createUser } from '../factories';
import { noticeCookieOf, noticeOf } from '../helpers';
import { sessionCookie } from '../world';

// Shared by the program-setup tests (years, teams, import, pre-assignments).

export type Outcome = { status: number; location: string | null; body: unknown; notice: string | null; noticeCookie: string | null };

/** Status, redirect and body of what an action returned or threw, whatever shape it took. */
export async function outcome(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    return {
      status: result.status,
      location: result.headers.get('Location'),
      body: null,
      notice: await noticeOf(result),
      noticeCookie: noticeCookieOf(result),
    };
  }
  const wrapped = result as { data?: unknown; init?: { status?: number } | null; type?: string };
  if (wrapped && wrapped.type === 'DataWithResponseInit')
    return { status: wrapped.init?.status ?? 200, location: null, body: wrapped.data, notice: null, noticeCookie: null };
  return { status: 200, location: null, body: result, notice: null, noticeCookie: null };
}

/** Field errors of a conform reply, wherever the action put it. */
export function fieldErrors(body: unknown): Record<string, string[]> {
  const b = body as { error?: Record<string, string[]>; result?: { error?: Record<string, string[]> } };
  return b?.error ?? b?.result?.error ?? {};
}

export async function organizerCookie() {
  const db = getDb();
  const person = await createPerson(db);
  const user = await createUser(db, { personId: person.id, passwordHash: 'unused' });
  await createOrganizer(db, { personId: person.id, role: 'secretariat' });
  return { Cookie: await sessionCookie(user.id) };
}

/** Row counts of every table the setup screens write, to prove a refused write left nothing. */
export async function tableCounts() {
  const tables = [
    'program_years',
    'study_sessions',
    'pre_assignments',
    'municipalities',
    'teams',
    'team_members',
    'people',
    'users',
    'account_tokens',
    'dialogue_groups',
    'dialogue_group_teams',
    'pre_assignment_submissions',
    'organizers',
  ];
  const counts: Record<string, number> = {};
  for (const t of tables) {
    const [row] = await selectRows<{ n: number }>(sql.raw(`select count(*)::int as n from ${t}`));
    counts[t] = Number(row!.n);
  }
  const [audit] = await selectRows<{ n: number }>(sql`select count(*)::int as n from audit_log where action <> 'access.denied'`);
  counts.audit_log = Number(audit!.n);
  return counts;
}
