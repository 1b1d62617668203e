import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, hrViewers, teamMembers } from '../../db/schema';
import { action as accountsAction } from '../../app/routes/admin.accounts';
import { action as teamAction } from '../../app/routes/admin.teams.$teamId';
import { action as importAction } from '../../app/routes/admin.years.$fiscalYear.import';
import { addTeamMember, createOrganizer, createPerson, createProgramYear, createTeam, createUser } from '../factories';
import { actionArgs } from '../helpers';
import { sessionCookie } from '../world';
import { outcome, tableCounts } from './setup-helpers';

// An organizer reads only what teams open to the program; an HR or team scope would open a team's own
// notes. So an organizer never grants a scope to their own account, by any of the three ways: the
// accounts page, a team's member list, or the team CSV import. Another organizer may, audited.

async function organizer(email: string) {
  const person = await createPerson(getDb(), { fullName: '事務局 自分' });
  const user = await createUser(getDb(), { email, personId: person.id, passwordHash: null });
  await createOrganizer(getDb(), { personId: person.id });
  return { user, headers: { Cookie: await sessionCookie(user.id) } };
}

describe('an organizer granting a scope to their own account', () => {
  it('is refused in place on the accounts page, the team page and the CSV import; another organizer may, audited', async () => {
    const me = await organizer('self@example.jp');
    const year = await createProgramYear(getDb(), { fiscalYear: 2096 });
    const team = await createTeam(getDb(), { fiscalYear: year.fiscalYear });
    const before = await tableCounts();

    const hr = await outcome(() =>
      accountsAction(
        actionArgs(
          '/admin/accounts',
          {
            intent: 'invite',
            email: 'self@example.jp',
            fullName: '事務局 自分',
            scope: 'hr',
            municipalityId: String(team.municipalityId),
            department: '人事課',
          },
          { headers: me.headers },
        ),
      ),
    );
    expect(hr.status).toBe(400);
    expect(JSON.stringify(hr.body)).toContain('自分のアカウントには権限を加えられません');

    const seat = await outcome(() =>
      teamAction(
        actionArgs(
          `/admin/teams/${team.id}`,
          { intent: 'add', email: 'self@example.jp', fullName: '事務局 自分', department: '', section: '' },
          {
            headers: me.headers,
            params: { teamId: String(team.id) },
          },
        ),
      ),
    );
    expect(seat.status).toBe(400);
    expect(JSON.stringify(seat.body)).toContain('自分のアカウントには権限を加えられません');

    const csv = `自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠\r\n${'テスト'}市,東京都,市,事務局 自分,self@example.jp,総務部,人事課,\r\n`;
    for (const intent of ['preview', 'confirm']) {
      const imported = await outcome(() =>
        importAction(
          actionArgs(`/admin/years/${year.fiscalYear}/import`, { intent, csv }, { headers: me.headers, params: { fiscalYear: String(year.fiscalYear) } }),
        ),
      );
      expect(imported.status, intent).toBe(400);
      expect(JSON.stringify(imported.body), intent).toContain('自分のアカウントには権限を加えられません');
    }
    expect(await tableCounts()).toEqual(before);

    // A removed seat of their own is not brought back by themselves either.
    await addTeamMember(getDb(), { teamId: team.id, personId: me.user.personId, archivedAt: new Date() });
    const back = await outcome(() =>
      teamAction(
        actionArgs(
          `/admin/teams/${team.id}`,
          { intent: 'add', email: 'self@example.jp', fullName: '事務局 自分', department: '', section: '' },
          {
            headers: me.headers,
            params: { teamId: String(team.id) },
          },
        ),
      ),
    );
    expect(back.status).toBe(400);

    const colleague = await organizer('colleague@example.jp');
    const granted = await outcome(() =>
      accountsAction(
        actionArgs(
          '/admin/accounts',
          {
            intent: 'invite',
            email: 'self@example.jp',
            fullName: '事務局 自分',
            scope: 'hr',
            municipalityId: String(team.municipalityId),
            department: '人事課',
          },
          { headers: colleague.headers },
        ),
      ),
    );
    expect(granted.status).toBe(200);
    expect(await getDb().select().from(hrViewers).where(eq(hrViewers.userId, me.user.id))).toHaveLength(1);
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.action, 'grant'), eq(auditLog.entityId, String(me.user.id))));
    expect(audit).toMatchObject({ userId: colleague.user.id });
    expect(
      await getDb()
        .select()
        .from(teamMembers)
        .where(and(eq(teamMembers.personId, me.user.personId), eq(teamMembers.teamId, team.id))),
    ).toHaveLength(1);
  });
});
