import { and, desc, eq, isNull } from 'drizzle-orm';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { accountTokens, auditLog, teamMembers } from '../../db/schema';
import { action as teamAction, loader as teamLoader } from '../../app/routes/admin.teams.$teamId';
import { moveHrSlot } from '../../app/models/admin-teams.server';
import { addTeamMember, createPerson, createTeam, createUser } from '../factories';
import { actionArgs, loaderArgs } from '../helpers';
import { sessionCookie } from '../world';
import { hostileNumber, hostileText, outcomeOf, runs } from './hostile-helpers';
import { fieldErrors, organizerCookie, outcome, tableCounts } from './setup-helpers';

// The organizer's corrections after set-up: a member's department and section, and who holds the
// 人事担当課枠 (one per team, moved in one transaction).

const db = () => getDb();

async function teamOfThree(fiscalYear: number) {
  const team = await createTeam(db(), { fiscalYear });
  const hr = await addTeamMember(db(), { teamId: team.id, department: '総務部', section: '人事課', isHrSlot: true });
  const second = await addTeamMember(db(), { teamId: team.id, department: '市民部', section: '市民課' });
  const third = await addTeamMember(db(), { teamId: team.id, department: '福祉部', section: '福祉課' });
  return { team, hr, second, third, params: { teamId: String(team.id) } };
}

/** A member's version now: each details save rests on it (a stale one: tests/integration/admin-versions.test.ts). */
const versionOf = async (memberId: string | undefined) =>
  String(
    (
      await db()
        .select({ version: teamMembers.version })
        .from(teamMembers)
        .where(eq(teamMembers.id, Number(memberId)))
    )[0]?.version ?? 1,
  );

const post = async (params: { teamId: string }, form: Record<string, string>, headers: Record<string, string>) => {
  const baseVersion: Record<string, string> = form.intent === 'update-member' ? { baseVersion: await versionOf(form.memberId) } : {};
  return outcome(() => teamAction(actionArgs(`/admin/teams/${params.teamId}`, { ...baseVersion, ...form }, { headers, params })));
};

const holders = async (teamId: number) =>
  (
    await db()
      .select({ id: teamMembers.id })
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, teamId), eq(teamMembers.isHrSlot, true), isNull(teamMembers.archivedAt)))
  ).map((r) => r.id);

const lastAudit = async () => (await db().select().from(auditLog).orderBy(desc(auditLog.id)).limit(1))[0]!;

describe('editing a member', () => {
  it('saves department and section, trimmed, with an audit entry of before and after', async () => {
    const headers = await organizerCookie();
    const { team, second, params } = await teamOfThree(2070);
    const saved = await post(params, { intent: 'update-member', memberId: String(second.id), department: ' 消防局 ', section: '情報管理課' }, headers);
    expect(saved).toMatchObject({ status: 302, location: `/admin/teams/${team.id}` });
    const [row] = await db().select().from(teamMembers).where(eq(teamMembers.id, second.id));
    expect(row).toMatchObject({ department: '消防局', section: '情報管理課', isHrSlot: false });
    expect(await lastAudit()).toMatchObject({
      action: 'update',
      entityType: 'team_member',
      entityId: String(second.id),
      detail: { teamId: team.id, before: { department: '市民部', section: '市民課' }, after: { department: '消防局', section: '情報管理課' } },
    });
    const page = (await teamLoader(loaderArgs('/x', { headers, params }))) as { members: { id: number; section: string }[] };
    expect(page.members.find((m) => m.id === second.id)?.section).toBe('情報管理課');
  });

  it('refuses a too-long section in Japanese, keeps what was typed, and saves nothing', async () => {
    const headers = await organizerCookie();
    const { second, params } = await teamOfThree(2071);
    const before = await tableCounts();
    const long = '課'.repeat(201);
    const refused = await post(params, { intent: 'update-member', memberId: String(second.id), department: '総務部', section: long }, headers);
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body).section?.[0]).toBe('課・係は200文字以内で入力してください');
    expect((refused.body as { memberId: number; result: { initialValue: Record<string, string> } }).result.initialValue.section).toBe(long);
    expect((refused.body as { memberId: number }).memberId).toBe(second.id);
    expect(await tableCounts()).toEqual(before);
  });

  it('answers 404 for a member of another team, audited, and changes nothing', async () => {
    const headers = await organizerCookie();
    const { params } = await teamOfThree(2072);
    const other = await teamOfThree(2072);
    for (const intent of ['update-member', 'hr-slot']) {
      const answer = await post(params, { intent, memberId: String(other.second.id), department: '乗っ取り部', section: '' }, headers);
      expect(answer.status).toBe(404);
      expect(await lastAudit()).toMatchObject({ action: 'access.denied', detail: { memberId: other.second.id } });
    }
    const [row] = await db().select().from(teamMembers).where(eq(teamMembers.id, other.second.id));
    expect(row).toMatchObject({ department: '市民部', isHrSlot: false });
    expect(await holders(other.team.id)).toEqual([other.hr.id]);
  });

  it('refuses anyone but an organizer', async () => {
    const { team, hr, second, params } = await teamOfThree(2073);
    const person = await createPerson(db(), { municipalityId: team.municipalityId });
    const user = await createUser(db(), { personId: person.id, passwordHash: 'unused' });
    await addTeamMember(db(), { teamId: team.id, personId: person.id });
    const member = { Cookie: await sessionCookie(user.id) };
    expect((await post(params, { intent: 'update-member', memberId: String(second.id), department: '自分で変更', section: '' }, member)).status).toBe(403);
    expect((await post(params, { intent: 'hr-slot', memberId: String(second.id) }, member)).status).toBe(403);
    const anonymous = await post(params, { intent: 'hr-slot', memberId: String(second.id) }, {});
    expect(anonymous.status).toBe(302);
    expect(anonymous.location).toMatch(/^\/login/);
    expect(await holders(team.id)).toEqual([hr.id]);
    expect((await db().select().from(teamMembers).where(eq(teamMembers.id, second.id)))[0]?.department).toBe('市民部');
  });

  it('refuses to edit a member who was removed from the team', async () => {
    const headers = await organizerCookie();
    const { third, params } = await teamOfThree(2074);
    expect((await post(params, { intent: 'archive', memberId: String(third.id) }, headers)).status).toBe(302);
    const refused = await post(params, { intent: 'update-member', memberId: String(third.id), department: '総務部', section: '' }, headers);
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)['']?.[0]).toContain('チームから外したメンバーは編集できません');
  });
});

describe('moving the 人事担当課枠', () => {
  it('moves it from one member to another: exactly one holder afterwards, one audit entry', async () => {
    const headers = await organizerCookie();
    const { team, hr, second, params } = await teamOfThree(2075);
    const moved = await post(params, { intent: 'hr-slot', memberId: String(second.id) }, headers);
    expect(moved).toMatchObject({ status: 302, location: `/admin/teams/${team.id}` });
    expect(await holders(team.id)).toEqual([second.id]);
    expect(await lastAudit()).toMatchObject({
      action: 'update',
      entityType: 'team',
      entityId: String(team.id),
      detail: { hrSlot: { from: hr.id, to: second.id, releasedRemovedMembers: [], releasedInvitations: [] } },
    });
    // Asking again for the holder changes nothing and writes nothing.
    const before = await tableCounts();
    expect((await post(params, { intent: 'hr-slot', memberId: String(second.id) }, headers)).status).toBe(302);
    expect(await tableCounts()).toEqual(before);
  });

  it('lands whole or not at all: a failure at the audit entry leaves the old holder', async () => {
    const { team, hr, third } = await teamOfThree(2076);
    // An actor whose account does not exist makes the audit insert (the last write) fail.
    await expect(moveHrSlot({ userId: 2_000_000_000, ip: null }, team.id, third.id)).rejects.toThrow();
    expect(await holders(team.id)).toEqual([hr.id]);
    const [row] = await db().select().from(teamMembers).where(eq(teamMembers.id, third.id));
    expect(row?.isHrSlot).toBe(false);
  });

  it('never leaves two holders when moves race', async () => {
    const headers = await organizerCookie();
    const { team, hr, second, third, params } = await teamOfThree(2077);
    const answers = await Promise.all([second, third, hr, second].map((m) => post(params, { intent: 'hr-slot', memberId: String(m.id) }, headers)));
    for (const a of answers) expect([302, 400]).toContain(a.status);
    expect(await holders(team.id)).toHaveLength(1);
  });

  it('a removed member cannot take it; after moving, a removed former holder can come back without it', async () => {
    const headers = await organizerCookie();
    const { team, hr, second, third, params } = await teamOfThree(2078);
    expect((await post(params, { intent: 'archive', memberId: String(third.id) }, headers)).status).toBe(302);
    const before = await tableCounts();
    const refused = await post(params, { intent: 'hr-slot', memberId: String(third.id) }, headers);
    expect(refused.status).toBe(400);
    expect(fieldErrors(refused.body)['']?.[0]).toBe('チームから外したメンバーは人事担当課枠を持てません。先に「元に戻す」でチームに戻してください');
    expect(await tableCounts()).toEqual(before);
    expect(await holders(team.id)).toEqual([hr.id]);

    // The holder leaves; the slot goes to someone else; the former holder returns as a plain member.
    expect((await post(params, { intent: 'archive', memberId: String(hr.id) }, headers)).status).toBe(302);
    expect((await post(params, { intent: 'hr-slot', memberId: String(second.id) }, headers)).status).toBe(302);
    expect((await lastAudit()).detail).toMatchObject({ hrSlot: { from: null, to: second.id, releasedRemovedMembers: [hr.id] } });
    expect((await post(params, { intent: 'restore', memberId: String(hr.id) }, headers)).status).toBe(302);
    expect(await holders(team.id)).toEqual([second.id]);
  });

  it('takes it from a pending invitation, so accepting that invitation cannot bring a second holder', async () => {
    const headers = await organizerCookie();
    const team = await createTeam(db(), { fiscalYear: 2079 });
    const member = await addTeamMember(db(), { teamId: team.id });
    const params = { teamId: String(team.id) };
    const invited = await post(
      params,
      { intent: 'add', email: 'hr-invite@example.jp', fullName: '招待 花子', department: '総務部', section: '職員課', isHrSlot: 'on' },
      headers,
    );
    expect(invited.status).toBe(200);
    expect((await post(params, { intent: 'hr-slot', memberId: String(member.id) }, headers)).status).toBe(302);
    const [token] = await db().select().from(accountTokens).where(eq(accountTokens.email, 'hr-invite@example.jp'));
    expect(token?.details).toMatchObject({ isHrSlot: false, fullName: '招待 花子', teamId: team.id });
    expect((await lastAudit()).detail).toMatchObject({ hrSlot: { from: null, to: member.id, releasedInvitations: [token!.id] } });
    expect(await holders(team.id)).toEqual([member.id]);
  });
});

describe('hostile input in the member forms', () => {
  it('department and section: saved exactly (trimmed) or refused with a field error', async () => {
    const headers = await organizerCookie();
    const { second, params } = await teamOfThree(2080);
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (department, section) => {
        const baseVersion = await versionOf(String(second.id));
        const answer = await outcomeOf(() =>
          teamAction(actionArgs('/x', { intent: 'update-member', memberId: String(second.id), baseVersion, department, section }, { headers, params })),
        );
        if (answer.kind !== 'saved') {
          expect(answer.kind).toBe('invalid');
          return;
        }
        const [row] = await db().select().from(teamMembers).where(eq(teamMembers.id, second.id));
        expect(row).toMatchObject({ department: department.trim(), section: section.trim() });
      }),
      {
        ...runs,
        examples: [
          ['消防局\u0000', '情報管理課'],
          ['<script>alert(1)</script>', '👨‍👩‍👧‍👦'],
        ],
      },
    );
  });

  it('the member id of a move: a 404 or a move, never a 500, always one holder', async () => {
    const headers = await organizerCookie();
    const { team, params } = await teamOfThree(2081);
    await fc.assert(
      fc.asyncProperty(fc.oneof(hostileText, hostileNumber), async (memberId) => {
        const answer = await outcomeOf(() => teamAction(actionArgs('/x', { intent: 'hr-slot', memberId }, { headers, params })));
        expect(['saved', 'refused']).toContain(answer.kind);
        if (answer.kind === 'refused') expect(answer.status).toBe(404);
        expect(await holders(team.id)).toHaveLength(1);
      }),
      runs,
    );
  });
});
