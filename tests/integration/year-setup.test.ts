import { and, eq } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, preAssignments, programYears, studySessions } from '../../db/schema';
import { action as yearsAction, loader as yearsLoader } from '../../app/routes/admin.years._index';
import { action as yearAction } from '../../app/routes/admin.years.$fiscalYear._index';
import { action as sessionAction } from '../../app/routes/admin.years.$fiscalYear.sessions.$sessionId';
import { createPreAssignment, createProgramYear, createSession } from '../factories';
import { actionArgs, loaderArgs, noticeOf } from '../helpers';
import { fieldErrors, organizerCookie, outcome, tableCounts } from './setup-helpers';

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay();

describe('program years', () => {
  it('starts FY2041 from FY2040: sessions and pre-assignments copied to the same weekday, audited', async () => {
    const headers = await organizerCookie();
    const db = getDb();
    await createProgramYear(db, { fiscalYear: 2040, theme: '前年のテーマ' });
    const first = await createSession(db, { fiscalYear: 2040, number: 1, startsOn: '2040-04-01', venue: '早稲田大学', isOnline: false });
    const third = await createSession(db, { fiscalYear: 2040, number: 3, startsOn: '2040-07-20', endsOn: '2040-07-21' });
    await createPreAssignment(db, { sessionId: third.id, title: '事前課題③', dueOn: '2040-07-15' });

    const response = (await yearsAction(
      actionArgs('/admin/years', { intent: 'create', fiscalYear: '2041', theme: '新しいテーマ', copyPrevious: 'on' }, { headers }),
    )) as Response;
    expect([response.status, response.headers.get('Location')]).toEqual([302, '/admin/years/2041']);
    // Said once on the new year's page (which says what to do next while the year has no team: empty-year.test.ts).
    expect(await noticeOf(response)).toBe('令和23年度を作りました。前年度の研究会と事前課題を、同じ曜日に移して写しました。');
    const copied = await db.select().from(studySessions).where(eq(studySessions.fiscalYear, 2041)).orderBy(studySessions.startsOn);
    expect(copied.map((s) => [s.number, s.startsOn, s.endsOn, s.venue])).toEqual([
      [1, '2041-04-07', null, '早稲田大学'], // +371: +364 gives 2041-03-31, still FY2040
      [3, '2041-07-19', '2041-07-20', 'オンライン（Zoom）'], // +364
    ]);
    expect(weekday(copied[0]!.startsOn)).toBe(weekday(first.startsOn));
    expect(weekday(copied[1]!.startsOn)).toBe(weekday(third.startsOn));
    const [pa] = await db.select().from(preAssignments).where(eq(preAssignments.sessionId, copied[1]!.id));
    expect(pa).toMatchObject({ title: '事前課題③', dueOn: '2041-07-14' });
    const [audit] = await db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'program_year'), eq(auditLog.entityId, '2041')));
    expect(audit?.action).toBe('create');
    const listed = (await yearsLoader(loaderArgs('/admin/years', { headers }))) as { years: { fiscalYear: number }[] };
    expect(listed.years.map((y) => y.fiscalYear)).toContain(2041);
  });

  it('refuses a year that exists, and copying from a year that does not, saving nothing', async () => {
    const headers = await organizerCookie();
    await createProgramYear(getDb(), { fiscalYear: 2050 });
    const before = await tableCounts();
    const dup = await outcome(() => yearsAction(actionArgs('/admin/years', { intent: 'create', fiscalYear: '2050', theme: 't' }, { headers })));
    expect(dup.status).toBe(400);
    expect(fieldErrors(dup.body).fiscalYear?.[0]).toContain('すでに登録されています');
    const noPrev = await outcome(() =>
      yearsAction(actionArgs('/admin/years', { intent: 'create', fiscalYear: '2060', theme: 't', copyPrevious: 'on' }, { headers })),
    );
    expect(noPrev.status).toBe(400);
    expect(fieldErrors(noPrev.body).copyPrevious?.[0]).toContain('登録されていないため');
    expect(await tableCounts()).toEqual(before);
  });

  it('archives a year and restores it', async () => {
    const headers = await organizerCookie();
    await createProgramYear(getDb(), { fiscalYear: 2051 });
    expect((await outcome(() => yearAction(actionArgs('/admin/years/2051', { intent: 'archive' }, { headers, params: { fiscalYear: '2051' } })))).status).toBe(
      302,
    );
    const [archived] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, 2051));
    expect(archived?.archivedAt).not.toBeNull();
    await outcome(() => yearsAction(actionArgs('/admin/years', { intent: 'restore', fiscalYear: '2051' }, { headers })));
    const [restored] = await getDb().select().from(programYears).where(eq(programYears.fiscalYear, 2051));
    expect(restored?.archivedAt).toBeNull();
  });
});

describe('sessions and pre-assignments', () => {
  it('adds a two-day session, then refuses a date outside the fiscal year with nothing saved', async () => {
    const headers = await organizerCookie();
    await createProgramYear(getDb(), { fiscalYear: 2052 });
    const args = (form: Record<string, string>) =>
      actionArgs(
        '/admin/years/2052',
        { intent: 'session', kind: 'study', number: '1', venue: '甲府市', agenda: '', ...form },
        { headers, params: { fiscalYear: '2052' } },
      );
    const ok = await outcome(() => yearAction(args({ startsOn: '2052-07-22', endsOn: '2052-07-23' })));
    expect(ok.status).toBe(302);
    const before = await tableCounts();
    const outside = await outcome(() => yearAction(args({ number: '2', startsOn: '2053-04-01' })));
    expect(outside.status).toBe(400);
    expect(fieldErrors(outside.body).startsOn?.[0]).toBe('開催日は2052年度の期間内（2052/04/01〜2053/03/31）にしてください');
    const sameNumber = await outcome(() => yearAction(args({ startsOn: '2052-09-01' })));
    expect(fieldErrors(sameNumber.body).number?.[0]).toContain('第1回はすでにあります');
    expect(await tableCounts()).toEqual(before);
  });

  it('saves a pre-assignment due before its session and refuses one due after it', async () => {
    const headers = await organizerCookie();
    const session = await createSession(getDb(), { fiscalYear: 2053, number: 2, startsOn: '2053-06-10' });
    const params = { fiscalYear: '2053', sessionId: String(session.id) };
    // The page showed no pre-assignment (baseVersion 0): the first save creates it.
    const post = (form: Record<string, string>) =>
      outcome(() =>
        sessionAction(actionArgs('/x', { intent: 'preassignment', baseVersion: '0', title: '事前課題②', description: '', ...form }, { headers, params })),
      );
    const before = await tableCounts();
    const late = await post({ dueOn: '2053-06-11' });
    expect(late.status).toBe(400);
    expect(fieldErrors(late.body).dueOn?.[0]).toBe('提出期限は研究会の開催日（2053/06/10）以前にしてください');
    expect(await tableCounts()).toEqual(before);
    expect((await post({ dueOn: '2053-06-05' })).status).toBe(302);
    const [pa] = await getDb().select().from(preAssignments).where(eq(preAssignments.sessionId, session.id));
    expect(pa?.dueOn).toBe('2053-06-05');
    // Moving the session before the due date would make it due after the session: refused too.
    const moved = await outcome(() =>
      sessionAction(
        actionArgs('/x', { intent: 'session', baseVersion: '1', kind: 'study', number: '2', startsOn: '2053-06-01', isOnline: 'on' }, { headers, params }),
      ),
    );
    expect(moved.status).toBe(400);
    expect(fieldErrors(moved.body).startsOn?.[0]).toContain('提出期限');
  });

  it('answers 404 for a session of another year', async () => {
    const headers = await organizerCookie();
    const session = await createSession(getDb(), { fiscalYear: 2054 });
    const result = await outcome(() =>
      sessionAction(actionArgs('/x', { intent: 'archive' }, { headers, params: { fiscalYear: '2055', sessionId: String(session.id) } })),
    );
    expect(result.status).toBe(404);
  });
});
