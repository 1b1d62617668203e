import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, selectRows } from '../../db/client';
import { auditLog, facilitatorOffers, mentorOffers, teams, users } from '../../db/schema';
import { seedDemo } from '../../db/seed';
import { auditEntityLabels } from '../../app/domain/audit-labels';
import { loader } from '../../app/routes/admin.audit';
import { issueToken } from '../../app/models/account-tokens.server';
import { createFacilitatorRequest } from '../factories';
import { loaderArgs, loaded } from '../helpers';
import { sessionCookie } from '../world';

// Issue 17: the audit log names each record by what it is (アカウント「山田 花子」, 活動記録（甲府市・令和8年7月22日）),
// never by its number, and never by more of a team's record than the organizer may read of it.

// Where each kind of record the log names lives (the id the log keeps of it). The test fails for a kind added to
// auditEntityLabels without a row here, and for a kind whose row the page cannot name.
const tables: Record<string, string> = {
  user: 'select id from users',
  'user.password': 'select id from users',
  password_reset: 'select id from users',
  team: 'select id from teams',
  team_member: 'select id from team_members',
  team_csv: 'select fiscal_year as id from program_years',
  team_moyamoya: 'select id from team_moyamoya',
  activity: 'select id from activities',
  interview: "select id from interviews where visibility = 'team'",
  survey: 'select id from surveys',
  moyamoya_checkin: 'select id from moyamoya_checkins',
  sheet_version: 'select id from sheet_versions',
  sheet_comment: 'select id from sheet_comments',
  change_chain: 'select id from change_chains',
  handover: 'select id from handovers',
  paper_draft: 'select id from paper_drafts',
  program_year: 'select fiscal_year as id from program_years',
  study_session: 'select id from study_sessions',
  pre_assignment: 'select id from pre_assignments',
  pre_assignment_submission: 'select id from pre_assignment_submissions',
  municipality: 'select id from municipalities',
  organizer: 'select id from organizers',
  dialogue_group: 'select id from dialogue_groups',
  mentor_assignment: 'select id from mentor_assignments',
  mentor_offer: 'select id from mentor_offers',
  hr_viewer: 'select id from hr_viewers',
  invitation: 'select id from account_tokens',
  account_token: 'select id from account_tokens',
  directory_entry: 'select id from people',
  alumni_group: 'select id from alumni_groups',
  offsite_meeting: 'select id from offsite_meetings',
  facilitator_request: 'select id from facilitator_requests',
  facilitator_offer: 'select id from facilitator_offers',
};
const unnamed = ['route', 'session', 'backup']; // a page is named by its address; a sign-out has no record; a backup is of everything

let organizer: Record<string, string>;
const firstIds: Record<string, number> = {};

beforeAll(async () => {
  const db = getDb();
  await seedDemo(db, { passwordHash: 'unused' });
  const [admin] = await db.select().from(users).where(eq(users.email, 'admin@example.jp'));
  organizer = { Cookie: await sessionCookie(admin!.id) };
  // The demo has no invitation outstanding, no 世話人 request and no offer to mentor: one of each.
  await issueToken(db, { purpose: 'invite', email: 'new-member@example.jp', details: { fullName: '招待 花子' }, createdByUserId: admin!.id });
  const [team] = await db.select().from(teams).limit(1);
  const request = await createFacilitatorRequest(db, { teamId: team!.id, createdByUserId: admin!.id });
  await db.insert(facilitatorOffers).values({ requestId: request.id, personId: admin!.personId });
  await db.insert(mentorOffers).values({ teamId: team!.id, personId: admin!.personId, offeredByUserId: admin!.id });
  for (const [kind, query] of Object.entries(tables)) {
    const [row] = await selectRows<{ id: number }>(sql.raw(`${query} order by 1 limit 1`));
    if (row) firstIds[kind] = Number(row.id);
  }
  await db.delete(auditLog);
  await db
    .insert(auditLog)
    .values(Object.entries(firstIds).map(([entityType, id]) => ({ userId: admin!.id, action: 'update', entityType, entityId: String(id), detail: {} })));
});

type Entry = { entityType: string; entityId: string; target: string };
const text = (shown: Entry[], kind: string) => shown.find((e) => e.entityType === kind)?.target;
const entries = async () => ((await loaded(loader(loaderArgs('/admin/audit', { headers: organizer })))) as { entries: Entry[] }).entries;

describe('the audit log names records', () => {
  it('has where every kind of record lives', () => {
    expect(Object.keys(auditEntityLabels).filter((kind) => !(kind in tables) && !unnamed.includes(kind))).toEqual([]);
  });

  it('names each record by its name, team and day, not its number', async () => {
    const shown = await entries();
    expect(text(shown, 'invitation')).toBe('招待「招待 花子」');
    expect(
      Object.keys(tables).filter((kind) => !(kind in firstIds)),
      'kinds the demo data has none of',
    ).toEqual([]);
    const numbered = shown.filter((e) => /番号/.test(e.target)).map((e) => `${e.entityType}: ${e.target}`);
    expect(numbered).toEqual([]);
    const named = Object.fromEntries(shown.map((e) => [e.entityType, e.target]));
    const [person] = await selectRows<{ full_name: string }>(
      sql`select p.full_name from users u join people p on p.id = u.person_id where u.id = ${firstIds.user}`,
    );
    expect(named.user).toBe(`アカウント「${person!.full_name}」`);
    expect(named.activity).toMatch(/^活動記録（.+・令和\d+年\d+月\d+日）$/);
    expect(named.program_year).toMatch(/^年度（令和\d+年度）$/);
    expect(named.study_session).toMatch(/^研究会「第\d+回」（令和\d+年\d+月\d+日）$/);
  });

  it('tells nothing of a team-only interview but its team and day', async () => {
    const [interview] = await selectRows<{ interviewee: string; purpose: string }>(
      sql`select interviewee, purpose from interviews where id = ${firstIds.interview}`,
    );
    const text = (await entries()).find((e) => e.entityType === 'interview')!.target;
    expect(text).toMatch(/^キーパーソンインタビュー（.+・令和\d+年\d+月\d+日）$/);
    expect(text).not.toContain(interview!.interviewee);
  });

  it('keeps the number of a record it cannot find, and reads an id that is not a number as nothing', async () => {
    await getDb()
      .insert(auditLog)
      .values([
        { userId: null, action: 'update', entityType: 'activity', entityId: '99999999', detail: {} },
        { userId: null, action: 'update', entityType: 'activity', entityId: '1e3', detail: {} },
        { userId: null, action: 'update', entityType: 'team', entityId: '99999999999999', detail: {} },
      ]);
    const shown = (await entries()).slice(0, 3).map((e) => e.target);
    expect(shown).toEqual(['チーム（番号99999999999999）', '活動記録（番号1e3）', '活動記録（番号99999999）']);
  });
});
