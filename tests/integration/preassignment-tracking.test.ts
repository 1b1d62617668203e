import { eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, preAssignmentSubmissions } from '../../db/schema';
import { action as teamAction, loader as teamLoader } from '../../app/routes/teams.$teamId.preassignments';
import { loader as matrixLoader } from '../../app/routes/admin.years.$fiscalYear.preassignments';
import { loader as csvLoader } from '../../app/routes/admin.years.$fiscalYear.preassignments[.csv]';
import { addTeamMember, createMunicipality, createPreAssignment, createSession, createTeam, createUser } from '../factories';
import { actionArgs, loaderArgs } from '../helpers';
import { sessionCookie } from '../world';
import { fieldErrors, organizerCookie, outcome } from './setup-helpers';

async function year2080() {
  const db = getDb();
  const s1 = await createSession(db, { fiscalYear: 2080, number: 1, startsOn: '2080-05-10' });
  const s2 = await createSession(db, { fiscalYear: 2080, number: 2, startsOn: '2080-07-10' });
  const pa1 = await createPreAssignment(db, { sessionId: s1.id, title: '事前課題①', dueOn: '2080-05-05' });
  const pa2 = await createPreAssignment(db, { sessionId: s2.id, title: '事前課題②', dueOn: '2080-07-05' });
  const team = (name: string) => createMunicipality(db, { name, prefecture: '山梨県' }).then((m) => createTeam(db, { fiscalYear: 2080, municipalityId: m.id }));
  const kofu = await team('甲府市');
  const nirasaki = await team('韮崎市');
  const user = await createUser(db, { passwordHash: 'x' });
  await addTeamMember(db, { teamId: kofu.id, personId: user.personId });
  return { pa1, pa2, kofu, nirasaki, member: { Cookie: await sessionCookie(user.id) } };
}

describe('pre-assignment tracking', () => {
  it('a member marks submissions; organizers see 提出済 / 期限後提出 / 未提出, filtered and as CSV', async () => {
    const { pa1, pa2, kofu, nirasaki, member } = await year2080();
    const params = { teamId: String(kofu.id) };
    const mark = (form: Record<string, string>) => outcome(() => teamAction(actionArgs('/x', { intent: 'submit', ...form }, { headers: member, params })));

    const empty = await mark({ preAssignmentId: String(pa1.id), submittedOn: '2080-05-04' });
    expect(empty.status).toBe(400);
    expect(fieldErrors(empty.body).note?.[0]).toBe('メモかリンクのどちらかを入力してください');
    expect((await mark({ preAssignmentId: String(pa1.id), submittedOn: '2080-05-04', note: '共有フォルダに提出' })).status).toBe(302);
    expect((await mark({ preAssignmentId: String(pa2.id), submittedOn: '2080-07-06', url: 'https://example.jp/sheet' })).status).toBe(302);
    // Correcting a submission updates the one row.
    expect((await mark({ preAssignmentId: String(pa1.id), submittedOn: '2080-05-05', note: '<b>再提出</b>' })).status).toBe(302);
    expect(await getDb().select().from(preAssignmentSubmissions).where(eq(preAssignmentSubmissions.teamId, kofu.id))).toHaveLength(2);
    expect((await getDb().select().from(auditLog).where(eq(auditLog.entityType, 'pre_assignment_submission'))).length).toBeGreaterThanOrEqual(3);

    const page = (await teamLoader(loaderArgs('/x', { headers: member, params }))) as {
      assignments: { status: string; submission: { note: string } | null }[];
    };
    expect(page.assignments.map((a) => a.status)).toEqual(['submitted', 'late']);
    expect(page.assignments[0]!.submission?.note).toBe('<b>再提出</b>');

    const organizer = await organizerCookie();
    const matrix = (await matrixLoader(loaderArgs('/admin/years/2080/preassignments', { headers: organizer, params: { fiscalYear: '2080' } }))) as {
      rows: { name: string; cells: { status: string }[] }[];
    };
    expect(matrix.rows.map((r) => [r.name, r.cells.map((c) => c.status)])).toEqual([
      ['甲府市', ['submitted', 'late']],
      ['韮崎市', ['missing', 'missing']],
    ]);
    const missing = (await matrixLoader(
      loaderArgs(`/admin/years/2080/preassignments?status=missing&pa=${pa1.id}`, { headers: organizer, params: { fiscalYear: '2080' } }),
    )) as { rows: { id: number }[] };
    expect(missing.rows.map((r) => r.id)).toEqual([nirasaki.id]);

    const response = (await csvLoader(loaderArgs('/admin/years/2080/preassignments.csv', { headers: organizer, params: { fiscalYear: '2080' } }))) as Response;
    expect(response.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('Content-Disposition')).toContain('attachment');
    const bytes = new Uint8Array(await response.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = new TextDecoder().decode(bytes).replace('\uFEFF', '').trim().split('\r\n');
    expect(lines[0]).toBe('都道府県,自治体,研究会 第1回 事前課題①（期限 2080-05-05）,提出日,研究会 第2回 事前課題②（期限 2080-07-05）,提出日');
    expect(lines.slice(1)).toEqual(['山梨県,甲府市,提出済,2080-05-05,期限後提出,2080-07-06', '山梨県,韮崎市,未提出,,未提出,']);
  });

  it('refuses a pre-assignment of another year', async () => {
    const db = getDb();
    await createSession(db, { fiscalYear: 2082 });
    const kofu = await createTeam(db, { fiscalYear: 2082 });
    const user = await createUser(db, { passwordHash: 'x' });
    await addTeamMember(db, { teamId: kofu.id, personId: user.personId });
    const member = { Cookie: await sessionCookie(user.id) };
    const other = await createPreAssignment(getDb(), { sessionId: (await createSession(getDb(), { fiscalYear: 2081 })).id });
    const result = await outcome(() =>
      teamAction(
        actionArgs(
          '/x',
          { intent: 'submit', preAssignmentId: String(other.id), submittedOn: '2081-05-01', note: 'x' },
          { headers: member, params: { teamId: String(kofu.id) } },
        ),
      ),
    );
    expect(result.status).toBe(400);
    expect(fieldErrors(result.body).preAssignmentId?.[0]).toBe('この年度の事前課題を選んでください');
  });
});
