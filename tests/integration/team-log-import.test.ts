import crypto from 'node:crypto';
import fs from 'node:fs';
import { and, asc, eq, sql } from 'drizzle-orm';
import { stringify } from 'csv-stringify/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, interviews, preAssignmentSubmissions } from '../../db/schema';
import { action as importAction } from '../../app/routes/teams.$teamId.activities.import';
import { loader as csvLoader } from '../../app/routes/teams.$teamId.activities[.csv]';
import { activitySummary } from '../../app/models/activities.server';
import { interviewActivityTitle, interviewCoverage } from '../../app/domain/interviews';
import type { IntervieweeRole } from '../../app/domain/codes';
import {
  addTeamMember,
  createActivity,
  createInterview,
  createMunicipality,
  createPreAssignment,
  createPreAssignmentSubmission,
  createSession,
  createTeam,
} from '../factories';
import { actionArgs, loaderArgs, noticeOf } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// A real team's year, as it arrives (issue 16): tests/fixtures/team-year-log-2022.csv is a 70-row log of
// 令和4年度 with only 日付 and 活動内容, dates as Excel shows them (2022/4/12, 5月6日, R4.4.27,
// 令和5年1月27日（金）), saved by Excel as CSV (Shift_JIS). The year's calendar below is the program's:
// six 研究会 (第3回 over two days), three フォローアップ, a 地域別研究会, and a pre-assignment before each
// 研究会; the team had already recorded its 第2回 submission.

const fiscalYear = 2022;
const logBytes = fs.readFileSync('tests/fixtures/team-year-log-2022.csv');

let world: World;
let headers: Record<string, string>;
let teamId: number;
const sessionIds: Record<string, number> = {};
const assignmentIds: Record<number, number> = {};

beforeAll(async () => {
  world = await buildWorld();
  const db = getDb();
  const calendar: [key: string, kind: 'study' | 'followup' | 'regional', number: number, startsOn: string, endsOn?: string][] = [
    ['study1', 'study', 1, '2022-04-27'],
    ['study2', 'study', 2, '2022-05-27'],
    ['study3', 'study', 3, '2022-07-22', '2022-07-23'],
    ['study4', 'study', 4, '2022-10-07'],
    ['study5', 'study', 5, '2022-11-18'],
    ['study6', 'study', 6, '2023-01-27'],
    ['followup1', 'followup', 1, '2022-06-17'],
    ['followup2', 'followup', 2, '2022-09-09'],
    ['followup3', 'followup', 3, '2022-12-16'],
    ['regional1', 'regional', 1, '2022-08-26'],
  ];
  for (const [key, kind, number, startsOn, endsOn] of calendar) {
    sessionIds[key] = (await createSession(db, { fiscalYear, kind, number, startsOn, endsOn: endsOn ?? null })).id;
    if (kind === 'study') assignmentIds[number] = (await createPreAssignment(db, { sessionId: sessionIds[key] })).id;
  }
  const municipality = await createMunicipality(db, { name: '富岡市', prefecture: '群馬県' });
  teamId = (await createTeam(db, { municipalityId: municipality.id, fiscalYear })).id;
  await addTeamMember(db, { teamId, personId: world.users.member.personId });
  await createPreAssignmentSubmission(db, { preAssignmentId: assignmentIds[2]!, teamId, submittedOn: '2022-05-19' });
  headers = { Cookie: await sessionCookie(world.users.member.id) };
});

type Row = {
  line: number;
  label: string;
  kind: string;
  readKind: string;
  duplicate: boolean;
  session: string | null;
  interview: { interviewee: string; role: string } | null;
  submission: { title: string } | null;
  notes: string[];
};
type Reply = { preview: { fileErrors: string[]; rowErrors: { line: number; label: string; messages: string[] }[]; rows: Row[] } };

/** Sends the file as the browser does (multipart, the bytes as saved), with the preview's corrections. */
async function send(intent: 'preview' | 'commit', fields: Record<string, string> = {}, bytes: Uint8Array = logBytes) {
  const form = new FormData();
  form.set('intent', intent);
  form.set('file', new File([bytes as Uint8Array<ArrayBuffer>], '活動記録.csv', { type: 'text/csv' }));
  for (const [name, value] of Object.entries(fields)) form.set(name, value);
  const request = new Request(`http://localhost/teams/${teamId}/activities/import`, {
    method: 'POST',
    body: form,
    headers: { ...headers, Origin: 'http://localhost' },
  });
  const result = await importAction({ request, params: { teamId: String(teamId) }, context: { cspNonce: 'test' } });
  if (result instanceof Response) return { status: result.status, notice: await noticeOf(result), body: null };
  const { data, init } = result as unknown as { data: Reply; init: { status?: number } | null };
  return { status: init?.status ?? 200, notice: null, body: data };
}

const countOf = async (table: typeof activities | typeof interviews) =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(table)
      .where(eq(table.teamId, teamId))
  )[0]!.n;

describe("a real team's Excel log (日付, 活動内容; Shift_JIS)", () => {
  let rows: Row[];
  const byLabel = (label: string) => rows.filter((r) => r.label === label);

  it('is read row by row the way the team meant it, in the preview, with nothing written', async () => {
    const preview = await send('preview');
    expect(preview.status).toBe(200);
    expect(preview.body!.preview.fileErrors).toEqual([]);
    expect(preview.body!.preview.rowErrors).toEqual([]);
    rows = preview.body!.preview.rows;
    expect(rows).toHaveLength(70);
    // At most 3 % fall back to その他: here one row, 年度末の打ち上げ.
    expect(rows.filter((r) => r.kind === 'other').map((r) => r.label)).toEqual(['年度末の打ち上げ']);
    expect(byLabel('第3回研究会（1日目）')[0]!.session).toBe('第3回研究会');
    expect(byLabel('第3回研究会（2日目）')[0]!.session).toBe('第3回研究会');
    expect(byLabel('地域別研究会（熊本県庁）')[0]!.session).toBe('地域別研究会 1');
    expect(byLabel('フォローアップ会')[0]!.session).toBe('フォローアップ 2'); // by its date
    expect(byLabel('フォローアップ研修（第3回）')[0]!.session).toBe('フォローアップ 3'); // by its number
    expect(byLabel('キーマンインタビュー（人事課長）')[0]!.interview).toEqual({ interviewee: '人事課長', role: 'hr' });
    expect(byLabel('部長級職員（Aさん）との対話')[0]!.interview).toEqual({ interviewee: '部長級職員（Aさん）', role: 'manager' });
    expect(byLabel('第2回事前課題提出')[0]!.notes).toEqual(['事前課題「第2回事前課題」は提出済みです']);
    expect(byLabel('第3回事前課題提出')[0]!.notes).toEqual(['事前課題「第3回事前課題」を 令和4年7月15日（金） に提出済みとして記録します']);
    expect(await countOf(activities)).toBe(0);
  });

  it('imports as one: counts per kind, session links, interviews entered once, submissions; the kinds corrected in the preview win', async () => {
    const line = (label: string) => byLabel(label)[0]!.line;
    // The person corrects two readings: the year-end party was a team meeting; Aさん is counted as staff.
    const corrections = { [`kind:${line('年度末の打ち上げ')}`]: 'meeting', [`role:${line('部長級職員（Aさん）との対話')}`]: 'staff' };
    const done = await send('commit', corrections);
    expect(done.status).toBe(302);
    expect(done.notice).toBe(
      '70件の記録を追加しました。キーパーソンインタビューを9件作りました（チーム内のみ。内容はインタビューの画面で書き足せます）。事前課題の提出を5件記録しました。',
    );
    const summary = await activitySummary(teamId);
    expect(Object.fromEntries(summary.byKind.map((k) => [k.kind, k.count]))).toEqual({
      kickoff: 1,
      study_session: 8,
      followup: 3,
      meeting: 24,
      interview: 9,
      survey: 4,
      preassignment: 6,
      report: 5,
      partner_meeting: 3,
      alumni_dialogue: 2,
      local_study: 2,
      offsite: 1,
      vote: 1,
      joint_paper: 1,
    } satisfies Partial<Record<string, number>>);
    expect(summary.total.count).toBe(70);

    const db = getDb();
    const linked = await db
      .select({ title: activities.title, kind: activities.kind, sessionId: activities.sessionId })
      .from(activities)
      .where(and(eq(activities.teamId, teamId)))
      .orderBy(asc(activities.occurredOn), asc(activities.id));
    const sessionOf = (title: string) => linked.find((a) => a.title === title)?.sessionId;
    expect(sessionOf('第1回研究会（オンライン）')).toBe(sessionIds.study1);
    expect(sessionOf('第２回研究会')).toBe(sessionIds.study2);
    expect(sessionOf('第3回研究会（1日目）')).toBe(sessionIds.study3);
    expect(sessionOf('第3回研究会（2日目）')).toBe(sessionIds.study3);
    expect(sessionOf('第6回研究会＠早稲田大学')).toBe(sessionIds.study6);
    expect(sessionOf('地域別研究会（熊本県庁）')).toBe(sessionIds.regional1);
    expect(sessionOf('第4回事前課題提出')).toBe(sessionIds.study4);
    expect(linked.filter((a) => a.kind === 'study_session' || a.kind === 'followup').every((a) => a.sessionId !== null)).toBe(true);

    const made = await db.select().from(interviews).where(eq(interviews.teamId, teamId)).orderBy(asc(interviews.interviewedOn));
    expect(made.map((i) => [i.interviewedOn, i.interviewee, i.roleCategory, i.visibility])).toEqual([
      ['2022-05-10', '人事課長', 'hr', 'team'],
      ['2022-06-03', '企画部長', 'manager', 'team'],
      ['2022-06-21', '市長', 'head', 'team'],
      ['2022-07-05', '部長級職員（Aさん）', 'staff', 'team'],
      ['2022-08-09', '人事課長', 'hr', 'team'],
      ['2022-09-13', '市議会議員', 'council', 'team'],
      ['2022-10-18', '副市長', 'deputy_head', 'team'],
      ['2022-10-25', '区長会長', 'community', 'team'],
      ['2022-12-02', 'マネ友', 'alumni', 'team'],
    ]);
    // Entered once: each interview has its own activity in the log, and nothing else claims it.
    const own = linked.filter((a) => a.kind === 'interview');
    expect(own).toHaveLength(9);
    const ownIds = await db
      .select({ interviewId: activities.interviewId })
      .from(activities)
      .where(and(eq(activities.teamId, teamId), eq(activities.kind, 'interview')));
    expect(new Set(ownIds.map((a) => a.interviewId))).toEqual(new Set(made.map((i) => i.id)));
    const coverage = interviewCoverage(made.map((i) => i.roleCategory));
    expect(coverage.filter((c) => c.count === 0).map((c) => c.role)).toEqual(['external']);

    const submissions = await db
      .select()
      .from(preAssignmentSubmissions)
      .where(eq(preAssignmentSubmissions.teamId, teamId))
      .orderBy(asc(preAssignmentSubmissions.submittedOn));
    expect(submissions.map((s) => [s.preAssignmentId, s.submittedOn])).toEqual([
      [assignmentIds[1], '2022-04-20'],
      [assignmentIds[2], '2022-05-19'], // recorded before the import: kept as it was
      [assignmentIds[3], '2022-07-15'],
      [assignmentIds[4], '2022-10-04'],
      [assignmentIds[5], '2022-11-13'],
      [assignmentIds[6], '2023-01-20'],
    ]);
  });

  it('adds nothing the second time (no second interview, no second submission), with or without the corrections, nor from its own export', async () => {
    const before = { activities: await countOf(activities), interviews: await countOf(interviews) };
    const again = await send('commit');
    expect(again.notice).toBe('0件の記録を追加しました。70件は登録済みのため追加しませんでした。');
    const preview = await send('preview');
    expect(preview.body!.preview.rows.every((r) => r.duplicate && r.notes.length === 0)).toBe(true);

    const exported = (await csvLoader(loaderArgs(`/teams/${teamId}/activities.csv`, { headers, params: { teamId: String(teamId) } }))) as Response;
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(new Uint8Array(await exported.arrayBuffer()));
    const fromExport = await importAction(
      actionArgs(`/teams/${teamId}/activities/import`, { intent: 'commit', csv: text }, { headers, params: { teamId: String(teamId) } }),
    );
    expect(await noticeOf(fromExport as Response)).toBe('0件の記録を追加しました。70件は登録済みのため追加しませんでした。');
    expect({ activities: await countOf(activities), interviews: await countOf(interviews) }).toEqual(before);
  });

  it('gives bad lines a Japanese message at their line, or a safe reading, and imports none of the file', async () => {
    const lines = [
      '日付,活動内容',
      `2022/6/1,${'とても長い説明'.repeat(300)}`, // 2,100 characters
      '2022/6/2,🎉 キックオフ 🎉',
      '2022/6/3,<img src=x onerror=alert(1)>ミーティング',
      '2022/6/4,=HYPERLINK("http://evil.example")',
      '2021/6/5,ミーティング',
      '2022/6/6,第9回研究会',
      '2022/6/7,',
      '2022/6/8,"市長インタビュー, 2回目"',
    ];
    const bad = new TextEncoder().encode(lines.join('\r\n'));
    const before = await countOf(activities);
    for (const intent of ['preview', 'commit'] as const) {
      const reply = await send(intent, {}, bad);
      expect(reply.status).toBe(400);
      const { rowErrors, rows: read } = reply.body!.preview;
      expect(rowErrors.map((e) => [e.line, e.messages])).toEqual([
        [2, ['タイトルは200文字以内にしてください（2,100文字あります）']],
        [6, ['日付 令和3年6月5日（土） は令和4年度（4月1日〜翌年3月31日）の外です']],
        [8, ['活動内容が空です']],
      ]);
      expect(rowErrors[0]!.label).toHaveLength(81); // shown cut, with …
      expect(read.map((r) => [r.line, r.kind])).toEqual([
        [3, 'kickoff'],
        [4, 'meeting'],
        [5, 'other'],
        [7, 'study_session'],
        [9, 'interview'],
      ]);
      expect(read.find((r) => r.line === 7)!.notes).toEqual(['第9回研究会は令和4年度にないため、研究会には結び付けません']);
    }
    expect(await countOf(activities)).toBe(before);
  });
});

describe('the label corpus, imported as a 種別・タイトル file', () => {
  it('stores every label as read: kind, title and the interview it names', async () => {
    type Case = { label: string; title?: string; expect: { kind: string; title: string; interview?: { interviewee: string; role: string } } };
    const corpus = (JSON.parse(fs.readFileSync('tests/fixtures/activity-labels.json', 'utf8')) as Case[]).filter((c) => c.label.trim() || c.title?.trim());
    const db = getDb();
    const municipality = await createMunicipality(db, { kind: 'town' });
    const team = await createTeam(db, { municipalityId: municipality.id, fiscalYear });
    await addTeamMember(db, { teamId: team.id, personId: world.users.member.personId });
    const csv = stringify([['日付', '種別', 'タイトル'], ...corpus.map((c) => ['2022/6/1', c.label, c.title ?? ''])], { record_delimiter: '\r\n' });
    const done = await importAction(
      actionArgs(`/teams/${team.id}/activities/import`, { intent: 'commit', csv }, { headers, params: { teamId: String(team.id) } }),
    );
    expect(await noticeOf(done as Response)).toMatch(new RegExp(`^${corpus.length}件の記録を追加しました。`));
    const stored = await db
      .select({ kind: activities.kind, title: activities.title, interviewee: interviews.interviewee, role: interviews.roleCategory })
      .from(activities)
      .leftJoin(interviews, eq(interviews.id, activities.interviewId))
      .where(eq(activities.teamId, team.id));
    const key = (r: { kind: string; title: string; interviewee?: string | null; role?: string | null }) =>
      JSON.stringify([r.kind, r.title, r.interviewee ?? null, r.role ?? null]);
    // An interview's activity is titled by the role, as the interview form titles it (町長インタビュー): the
    // person named in the label is kept on the interview only.
    const expected = corpus.map(({ expect: e }) => ({
      ...e,
      title: e.interview ? interviewActivityTitle(e.interview.role as IntervieweeRole, 'town') : e.title,
      interviewee: e.interview?.interviewee,
      role: e.interview?.role,
    }));
    expect(stored.map(key).sort()).toEqual(expected.map(key).sort());
  });
});

describe('importing again after the file changed', () => {
  it('adds nothing when a 時間 column was added, when the file was imported before labels were read, or when the interview was typed in by hand; keeps a second text column as メモ', async () => {
    const db = getDb();
    const team = await createTeam(db, { municipalityId: (await createMunicipality(db)).id, fiscalYear });
    await addTeamMember(db, { teamId: team.id, personId: world.users.member.personId });
    const commit = async (lines: string[]) =>
      noticeOf(
        (await importAction(
          actionArgs(`/teams/${team.id}/activities/import`, { intent: 'commit', csv: lines.join('\r\n') }, { headers, params: { teamId: String(team.id) } }),
        )) as Response,
      );
    expect(await commit(['日付,活動内容', '2022/5/10,人事課長インタビュー', '2022/5/27,第2回研究会'])).toMatch(/^2件の記録を追加しました。/);
    // The team adds the hours and imports the same log again.
    expect(await commit(['日付,活動内容,時間', '2022/5/10,人事課長インタビュー,60', '2022/5/27,第2回研究会,300'])).toBe(
      '0件の記録を追加しました。2件は登録済みのため追加しませんでした。',
    );

    // A row the import of before this change stored as その他 (its key: date, other, the label, minutes).
    const legacyContent = crypto
      .createHash('sha256')
      .update(JSON.stringify(['2022-06-21', 'other', '市長インタビュー', 60]))
      .digest('hex')
      .slice(0, 32);
    await createActivity(db, {
      teamId: team.id,
      kind: 'other',
      occurredOn: '2022-06-21',
      title: '市長インタビュー',
      durationMinutes: 60,
      importKey: `${legacyContent}:0`,
    });
    // The interview typed in the interview form, on the day the file also names it.
    await createInterview(db, { teamId: team.id, interviewedOn: '2022-07-05', interviewee: '企画部長', roleCategory: 'manager' });
    const before = await db.select({ id: interviews.id }).from(interviews).where(eq(interviews.teamId, team.id));
    expect(await commit(['日付,種別,時間（分）', '2022/6/21,市長インタビュー,60', '2022/7/5,企画部長インタビュー,60'])).toBe(
      '0件の記録を追加しました。2件は登録済みのため追加しませんでした。',
    );
    expect(await db.select({ id: interviews.id }).from(interviews).where(eq(interviews.teamId, team.id))).toHaveLength(before.length);

    // 日付,項目,内容: the first text column is read, the second kept in メモ.
    expect(await commit(['日付,項目,内容', '2022/8/2,ミーティング（シート見直し）,"重点取組を三つに絞った"'])).toMatch(/^1件の記録を追加しました。/);
    const [kept] = await db
      .select()
      .from(activities)
      .where(and(eq(activities.teamId, team.id), eq(activities.occurredOn, '2022-08-02')));
    expect([kept!.kind, kept!.title, kept!.notes]).toEqual(['meeting', 'シート見直し', '重点取組を三つに絞った']);
  });

  it('refuses a huge cell at its line at once, without reading it', async () => {
    const huge = `2022/6/1,${'（'.repeat(60_000)}`;
    const started = performance.now();
    const reply = await send('preview', {}, new TextEncoder().encode(['日付,活動内容', huge].join('\r\n')));
    expect(performance.now() - started).toBeLessThan(2_000);
    expect(reply.body!.preview.rowErrors.map((e) => [e.line, e.messages])).toEqual([[2, ['タイトルは200文字以内にしてください（60,000文字あります）']]]);
  });
});
