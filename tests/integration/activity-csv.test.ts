import { eq, sql } from 'drizzle-orm';
import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, activityAttendees } from '../../db/schema';
import { action as importAction } from '../../app/routes/teams.$teamId.activities.import';
import { loader as csvLoader } from '../../app/routes/teams.$teamId.activities[.csv]';
import { activitySummary } from '../../app/models/activities.server';
import { now } from '../../app/utils/clock';
import { addTeamMember, createMunicipality, createPerson, createTeam } from '../factories';
import { addDays } from '../factories/util';
import { actionArgs, loaderArgs, noticeOf } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

type Preview = {
  csv: string;
  preview: {
    fileErrors: string[];
    rowErrors: { line: number; messages: string[] }[];
    rows: { line: number; duplicate: boolean; kind: string; title: string }[];
  };
};
type Reply = { data: Preview; init: { status: number } };

let world: World;
let headers: Record<string, string>;
let teamId: number;
const names = ['甲斐 次郎', '武田 花子'];

beforeAll(async () => {
  world = await buildWorld();
  const db = getDb();
  // A team of its own, so the counts below are exactly the imported file's.
  const team = await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' })).id, fiscalYear: world.year });
  teamId = team.id;
  await addTeamMember(db, { teamId, personId: world.users.member.personId });
  for (const fullName of names) await addTeamMember(db, { teamId, personId: (await createPerson(db, { fullName })).id });
  headers = { Cookie: await sessionCookie(world.users.member.id) };
});

const plan: [label: string, count: number, minutes: number][] = [
  ['ミーティング', 40, 60],
  ['研究会', 6, 300],
  ['フォローアップ研修', 3, 120],
  ['キーマンインタビュー', 5, 60],
  ['アンケート', 4, 30],
  ['報告', 3, 45],
  ['対話自治体ミーティング', 3, 90],
  ['激励会', 2, 60],
  ['マネ友との対話', 2, 120],
  ['共同論文提出', 1, 0],
  ['投票', 1, 15],
];

/** A year's log as a team keeps it in Excel: mixed date styles, an unknown kind, quoted notes. */
function yearlyLog(): string {
  const lines = ['日付,開始時刻,種別,時間（分）,タイトル,参加者,ゲスト,メモ'];
  let i = 0;
  for (const [label, count, minutes] of plan) {
    for (let n = 0; n < count; n++, i++) {
      const iso = addDays(`${world.year}-04-03`, i * 5);
      const [y, m, d] = iso.split('-').map(Number) as [number, number, number];
      const date = [iso, `${y}/${m}/${d}`, `令和${y - 2018}年${m}月${d}日`][i % 3]!;
      // The last two meetings are the same entry twice: both are kept, once each.
      const title = label === 'ミーティング' && n >= 38 ? '定例ミーティング' : i === 5 ? '=1+1の議論' : `${label} その${n + 1}`;
      const day = label === 'ミーティング' && n >= 38 ? `${world.year}-12-01` : date;
      const attendees = i % 4 === 0 ? `${names[0]}、${names[1]}、外部 講師` : names[0];
      const notes = i % 10 === 0 ? '"話したこと: 対話, 共感\r\n次回は ""市長"" に報告"' : '';
      lines.push([day, i % 2 ? '18:30' : '', label, String(minutes), title, attendees, '', notes].join(','));
    }
  }
  return `${lines.join('\r\n')}\r\n`;
}

const post = (form: Record<string, string>) =>
  importAction(actionArgs(`/teams/${teamId}/activities/import`, form, { headers, params: { teamId: String(teamId) } }));
const count = async () =>
  (
    await getDb()
      .select({ n: sql<number>`count(*)`.mapWith(Number) })
      .from(activities)
      .where(eq(activities.teamId, teamId))
  )[0]!.n;
async function exportCsv() {
  const res = (await csvLoader(loaderArgs(`/teams/${teamId}/activities.csv`, { headers, params: { teamId: String(teamId) } }))) as Response;
  // Response.text() would drop the BOM; read the bytes as Excel does.
  const bytes = new Uint8Array(await res.arrayBuffer());
  return { res, bytes, text: new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes) };
}

describe('CSV export and import of the activity log', () => {
  it('imports a 70-row yearly log after a preview, with per-kind counts and hours; export and re-import add nothing', async () => {
    const csv = yearlyLog(); // without BOM
    const preview = (await post({ intent: 'preview', csv })) as unknown as Reply;
    expect(preview.init.status).toBe(200);
    expect(preview.data.preview.rowErrors).toEqual([]);
    expect(preview.data.preview.rows).toHaveLength(70);
    expect(preview.data.preview.rows.every((r) => !r.duplicate)).toBe(true);
    // 激励会 is not one of the app's kind names; it is read as time with the alumni, its label kept in the title.
    expect(preview.data.preview.rows.filter((r) => r.title.startsWith('激励会')).map((r) => [r.kind, r.title])).toEqual([
      ['alumni_dialogue', '激励会：激励会 その1'],
      ['alumni_dialogue', '激励会：激励会 その2'],
    ]);
    expect(preview.data.preview.rows.filter((r) => r.kind === 'other')).toEqual([]);
    expect(await count()).toBe(0); // a preview writes nothing

    const done = (await post({ intent: 'commit', csv })) as Response;
    expect(done.status).toBe(302);
    // Its five キーパーソンインタビュー rows are entered once: each an interview with its own activity.
    expect(await noticeOf(done)).toBe(
      '70件の記録を追加しました。キーパーソンインタビューを5件作りました（チーム内のみ。内容はインタビューの画面で書き足せます）。',
    );
    const summary = await activitySummary(teamId);
    expect(summary.byKind).toEqual([
      { kind: 'study_session', count: 6, minutes: 1800 },
      { kind: 'followup', count: 3, minutes: 360 },
      { kind: 'meeting', count: 40, minutes: 2400 },
      { kind: 'interview', count: 5, minutes: 300 },
      { kind: 'survey', count: 4, minutes: 120 },
      { kind: 'report', count: 3, minutes: 135 },
      { kind: 'partner_meeting', count: 3, minutes: 270 },
      { kind: 'alumni_dialogue', count: 4, minutes: 360 },
      { kind: 'vote', count: 1, minutes: 15 },
      { kind: 'joint_paper', count: 1, minutes: 0 },
    ]);
    expect([summary.total.count, summary.total.minutes]).toEqual([70, 5760]);
    // Members are matched by name; a name that is not a member becomes a guest.
    const [first] = await getDb().select().from(activities).where(eq(activities.teamId, teamId)).orderBy(activities.occurredOn, activities.id).limit(1);
    expect(first!.guests).toBe('外部 講師');
    expect(first!.notes).toBe('話したこと: 対話, 共感\r\n次回は "市長" に報告');
    expect(await getDb().select().from(activityAttendees).where(eq(activityAttendees.activityId, first!.id))).toHaveLength(2);

    const { res, bytes, text } = await exportCsv();
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
    expect(res.headers.get('Content-Disposition')).toContain("filename*=UTF-8''");
    expect(text.startsWith('\uFEFF日付,開始時刻,種別,時間（分）,タイトル,参加者,ゲスト,メモ\r\n')).toBe(true);
    const exported = parse(text, { bom: true }) as string[][];
    expect(exported).toHaveLength(71);
    expect(exported.flat()).toContain("'=1+1の議論"); // Excel shows it as text, not a formula

    const again = (await post({ intent: 'preview', csv: text })) as unknown as Reply;
    expect(again.init.status).toBe(200);
    expect(again.data.preview.rows).toHaveLength(70);
    expect(again.data.preview.rows.every((r) => r.duplicate)).toBe(true);
    const allThere = '0件の記録を追加しました。70件は登録済みのため追加しませんでした。';
    expect(await noticeOf((await post({ intent: 'commit', csv: text })) as Response)).toBe(allThere);
    expect(await noticeOf((await post({ intent: 'commit', csv })) as Response)).toBe(allThere);
    expect(await count()).toBe(70);

    // Edited or deleted after the import: importing the file again still brings nothing back.
    await getDb().update(activities).set({ title: '直したタイトル' }).where(eq(activities.id, first!.id));
    await getDb().update(activities).set({ archivedAt: now() }).where(eq(activities.title, '投票 その1'));
    expect(await noticeOf((await post({ intent: 'commit', csv })) as Response)).toMatch(/^0件の記録を追加しました。/);
    expect(await count()).toBe(70);
    const reexport = await exportCsv();
    expect(parse(reexport.text, { bom: true })).toHaveLength(70); // the deleted one is not exported
  });

  it('adds nothing from a file with errors, and lists them with line numbers', async () => {
    const before = await count();
    const csv = [
      '\uFEFF日付,種別,時間（分）,タイトル,メモ',
      '2026/5/1,ミーティング,60,正しい行,"二行の',
      'メモ"',
      '来週,ミーティング,60,日付が変,',
      '令和8年5月3日,研究会,長め,時間が変,',
      '令和8年5月4日,研究会,300,正しい行,',
    ].join('\r\n');
    for (const intent of ['preview', 'commit']) {
      const reply = (await post({ intent, csv })) as unknown as Reply;
      expect(reply.init.status).toBe(400);
      expect(reply.data.preview.rowErrors.map((e) => e.line)).toEqual([3, 4]);
      expect(reply.data.preview.rowErrors[0]!.messages[0]).toContain('日付「来週」を読み取れません');
      expect(reply.data.preview.rowErrors[1]!.messages[0]).toContain('時間「長め」を読み取れません');
    }
    expect(await count()).toBe(before);
    const noHeader = (await post({ intent: 'preview', csv: 'タイトル\r\n会議' })) as unknown as Reply;
    expect(noHeader.data.preview.fileErrors[0]).toBe('1行目（見出し）に「日付」の列がありません');
    const noText = (await post({ intent: 'preview', csv: '日付,時間\r\n2026-05-01,60' })) as unknown as Reply;
    expect(noText.data.preview.fileErrors[0]).toBe('1行目（見出し）に「活動内容」（または「種別」）の列がありません');
    const neither = (await post({ intent: 'preview', csv: '天気\r\n晴れ' })) as unknown as Reply;
    expect(neither.data.preview.fileErrors[0]).toBe('1行目（見出し）に「日付」と「活動内容」（または「種別」）の列がありません');
  });

  it('imports the same file sent twice at once only once, without an error', async () => {
    const before = await count();
    const csv = [
      '日付,種別,時間（分）,タイトル',
      ...Array.from({ length: 12 }, (_, i) => `令和8年6月${i + 1}日,ミーティング,60,同時に送った定例ミーティング${i + 1}`),
    ].join('\r\n');
    const replies = await Promise.all([post({ intent: 'commit', csv }), post({ intent: 'commit', csv })]);
    // Both answer with a redirect: one added the twelve, the other found them all already there.
    const said = await Promise.all(replies.map((r) => noticeOf(r as Response)));
    expect(said.sort()).toEqual(['0件の記録を追加しました。12件は登録済みのため追加しませんでした。', '12件の記録を追加しました。']);
    expect(await count()).toBe(before + 12);
  });
});
