import { and, eq, isNull, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb, selectRows } from '../../db/client';
import { activities, auditLog, paperDrafts } from '../../db/schema';
import { loader as docxLoader } from '../../app/routes/teams.$teamId.paper[.docx]';
import { action as paperAction, loader as paperLoader } from '../../app/routes/teams.$teamId.paper';
import { activityKinds } from '../../app/domain/codes';
import { paperChapters } from '../../app/domain/paper';
import { emptySheet } from '../../app/domain/sheet';
import { counted, hours } from '../../app/utils/format';
import {
  addTeamMember,
  createActivities,
  createActivity,
  createChangeChain,
  createHrViewer,
  createInterview,
  createMunicipality,
  createOrganizer,
  createPerson,
  createProgramYear,
  createSession,
  createSheetWithVersions,
  createTeam,
  createTeamMoyamoya,
  createUser,
  createSurvey,
} from '../factories';
import { currentFiscalYear } from '../factories/util';
import { actionArgs, loaded, loaderArgs, noticeOf, thrownResponse } from '../helpers';
import { isPng, readDocx } from '../docx';
import { sessionCookie } from '../world';

// Issue 18: the 共同論文 draft, generated from the database and read back with fflate and fast-xml-parser (never the
// docx library that wrote it): its chapters in order, the sessions' era dates, the counts and hours as the database
// has them, the chosen changes, no interview content the team did not tick, the charts as PNG, and a valid package.

const fy = currentFiscalYear();
const secret = '機密マーカー-市長の本音';
const opened = '公開マーカー-部長の話';

let teamId: number;
let emptyTeamId: number;
let member: Record<string, string>;
let member2: Record<string, string>;
let hr: Record<string, string>;
let teamOnlyInterview: number;
let programInterview: number;
let chosenSurvey: number;
const chains: Record<'kept' | 'left', { id: number; title: string }> = {} as never;

const params = (id: number) => ({ params: { teamId: String(id) } });
const getPage = (id: number, headers: Record<string, string>) => loaded(paperLoader(loaderArgs(`/teams/${id}/paper`, { ...params(id), headers })));
async function download(id: number, headers: Record<string, string>, query = '') {
  try {
    return await docxLoader(loaderArgs(`/teams/${id}/paper.docx${query}`, { ...params(id), headers }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
async function post(id: number, headers: Record<string, string>, form: Record<string, string | string[]>) {
  try {
    return await paperAction(actionArgs(`/teams/${id}/paper`, form, { ...params(id), headers }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const statusOf = (result: unknown) => (result instanceof Response ? result.status : ((result as { init?: { status?: number } }).init?.status ?? 200));

beforeAll(async () => {
  const db = getDb();
  await createProgramYear(db, { fiscalYear: fy, theme: '「地域のための人・組織づくり」を考える' });
  const city = await createMunicipality(db, { name: '甲府市', prefecture: '山梨県', kind: 'city' });
  const team = await createTeam(db, { municipalityId: city.id, fiscalYear: fy });
  teamId = team.id;
  const people = [];
  for (const [fullName, department, section] of [
    ['山田 花子', '総務部', '人事課'],
    ['佐藤 一郎', '消防局', '情報管理課'],
  ]) {
    const person = await createPerson(db, { fullName, municipalityId: city.id });
    await addTeamMember(db, { teamId, personId: person.id, department, section });
    people.push(person);
  }
  member = { Cookie: await sessionCookie((await createUser(db, { personId: people[0]!.id, passwordHash: 'x' })).id) };
  member2 = { Cookie: await sessionCookie((await createUser(db, { personId: people[1]!.id, passwordHash: 'x' })).id) };
  const hrUser = await createUser(db, { passwordHash: 'x' });
  await createHrViewer(db, { userId: hrUser.id, municipalityId: city.id });
  hr = { Cookie: await sessionCookie(hrUser.id) };
  await createOrganizer(db, { personId: (await createPerson(db, { fullName: '北川 顧問' })).id, role: 'advisor', affiliation: '早稲田大学 名誉教授' });

  const first = await createSession(db, { fiscalYear: fy, number: 1, startsOn: `${fy}-04-24`, venue: '早稲田大学', isOnline: false, agenda: '開講' });
  const third = await createSession(db, { fiscalYear: fy, number: 3, startsOn: `${fy}-07-22`, endsOn: `${fy}-07-23`, isOnline: true, agenda: '対話' });
  await createTeamMoyamoya(db, { teamId, sessionId: first.id, level: 80, reflection: '何をすればいいのか手探り' });
  await createTeamMoyamoya(db, { teamId, sessionId: third.id, level: 60, reflection: '少しずつ見えてきた' });
  await createActivities(db, [
    {
      teamId,
      kind: 'study_session',
      occurredOn: `${fy}-07-22`,
      durationMinutes: 660,
      title: '第3回研究会（2日間）',
      notes: '中間発表\n幹事から問いをもらった',
      sessionId: third.id,
    },
    { teamId, kind: 'meeting', occurredOn: `${fy}-05-12`, durationMinutes: 90, title: '定例ミーティング' },
    { teamId, kind: 'meeting', occurredOn: `${fy}-05-19`, durationMinutes: 45, title: '定例ミーティング' },
    { teamId, kind: 'report', occurredOn: `${fy}-11-18`, durationMinutes: 60, title: '人事課長報告', notes: '職員の声を方針に生かす提案' },
    { teamId, kind: 'partner_meeting', occurredOn: `${fy}-06-10`, durationMinutes: 120, title: '熊本市との対話' },
    { teamId, kind: 'survey', occurredOn: `${fy}-06-01`, durationMinutes: 30, title: '全職員アンケート' },
  ]);
  const kept = await createInterview(db, {
    teamId,
    interviewee: '部長級職員（Aさん）',
    roleCategory: 'manager',
    visibility: 'program',
    interviewedOn: `${fy}-08-05`,
    content: `${opened}：若手の声を聞きたい`,
  });
  programInterview = kept.id;
  const confidential = await createInterview(db, {
    teamId,
    interviewee: '市長',
    roleCategory: 'head',
    visibility: 'team',
    interviewedOn: `${fy}-09-01`,
    purpose: `${secret} 目的`,
    content: `${secret} 内容`,
    insights: `${secret} 気付き`,
    unease: `${secret} モヤモヤ`,
    homework: [`${secret} 宿題`],
    activity: { notes: `${secret} メモ` },
  });
  teamOnlyInterview = confidential.id;
  chosenSurvey = (await createSurvey(db, { teamId, title: '職員のやりがいアンケート', visibility: 'program', heldOn: `${fy}-06-20` })).id;
  await createSurvey(db, { teamId, title: '外したアンケート', visibility: 'program', heldOn: `${fy}-06-25` });
  chains.kept = await createChangeChain(db, { teamId, title: '「市役所の1年」ガイドができた' });
  chains.left = await createChangeChain(db, { teamId, title: '外した変化の物語' });
  await createSheetWithVersions(db, {
    teamId,
    versions: [
      {},
      {},
      {
        content: {
          ...emptySheet(),
          idealIn10Years: '誰もが挑戦できる市役所',
          oneYearGoal: '対話の場が定例になる',
          actionPlan: { first: [{ text: 'ランチ対話会', evidence: [] }], next: [], further: [] },
        },
        tag: '最終版',
      },
    ],
  });

  const empty = await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' })).id, fiscalYear: fy });
  emptyTeamId = empty.id;
  const lone = await createPerson(db);
  await addTeamMember(db, { teamId: emptyTeamId, personId: lone.id });
});

function baseForm(version: number, extra: Record<string, string | string[]> = {}) {
  return {
    baseVersion: String(version),
    aboutMunicipality: '県庁所在地として県の中心を担う。',
    findings: '対話 ＝ 聴く × 話す',
    shownChangeIds: [String(chains.kept.id), String(chains.left.id)],
    changeIds: [String(chains.kept.id)],
    interviewIds: [String(programInterview)],
    surveyIds: [String(chosenSurvey)],
    ...extra,
  };
}

describe('the joint paper draft', () => {
  it('saves what the team chose, with its audit entry, and says so', async () => {
    const saved = await post(teamId, member, baseForm(0));
    expect(saved).toBeInstanceOf(Response);
    expect((saved as Response).status).toBe(302);
    expect(await noticeOf(saved as Response)).toBe('共同論文の草稿を保存しました。');
    const [row] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    expect(row).toMatchObject({ version: 1, omittedChangeIds: [chains.left.id], interviewIds: [programInterview], findings: '対話 ＝ 聴く × 話す' });
    const [audit] = await getDb()
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.entityType, 'paper_draft'), eq(auditLog.entityId, String(row!.id))));
    expect(audit?.action).toBe('create');
  });

  it('writes a .docx that reads back as the database says', async () => {
    const response = await download(teamId, member);
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Type')).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers.get('Content-Disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('甲府市_令和8年度_共同論文（草稿）.docx')}`);
    const doc = readDocx(new Uint8Array(await response.arrayBuffer()));

    // A valid package: every part well-formed, every relationship's target present, content types for each.
    expect(doc.invalidParts).toEqual([]);
    expect(doc.missingTargets).toEqual([]);
    const types = doc.text('[Content_Types].xml');
    expect(types).toContain('PartName="/word/document.xml"');
    expect(types).toMatch(/Extension="png"/);
    // Word updates the table of contents on opening (an on/off element without a value is on).
    expect(doc.text('word/settings.xml')).toMatch(/<w:updateFields(?: w:val="(?:true|1|on)")?\/>/);
    expect(doc.text('word/styles.xml')).toContain('w:eastAsia="游明朝"');
    // Dated by the app's clock (CLOCK_START), not the machine's.
    expect(doc.text('docProps/core.xml')).toMatch(/<dcterms:created xsi:type="dcterms:W3CDTF">2026-11-2\dT/);
    expect(doc.text('word/document.xml')).toMatch(/TOC \\h \\o &quot;1-2&quot;|TOC \\h \\o "1-2"/);

    // The chapters in the papers' order, the sections of 詳細版 in date order.
    const chapters = doc.headings.filter(([level]) => level === 1).map(([, text]) => text);
    expect(chapters).toEqual([...paperChapters]);
    const h2 = doc.headings.filter(([level]) => level === 2).map(([, text]) => text);
    expect(h2.slice(0, 2)).toEqual(['部会の概要', '甲府市について']);
    const detail = h2.slice(h2.indexOf('アンケート結果') + 1, h2.indexOf('10年後のありたい姿'));
    expect(detail).toEqual([
      '熊本市との対話（令和8年6月10日）',
      '第3回研究会（令和8年7月22日〜23日＠オンライン）',
      'キーパーソンインタビュー：部長級職員（Aさん）（令和8年8月5日）',
      'キーパーソンインタビュー：市長（令和8年9月1日）',
      '人事課長報告（令和8年11月18日）',
    ]);

    // The cover and the sessions table, with era dates and the two-day range.
    const all = doc.paragraphs.map((p) => p.text).join('\n');
    expect(all).toContain('早稲田大学マニフェスト研究所 人材マネジメント部会\n共同論文');
    expect(all).toContain('総務部 人事課　山田 花子');
    expect(all).toContain('第1期 研究生（1期生）');
    const sessionsTable = doc.tables.find((t) => t[0]?.join('|') === '回|期日|開催地|テーマ')!;
    expect(sessionsTable.slice(1)).toEqual([
      ['第1回', '令和8年4月24日', '早稲田大学', '開講'],
      ['第3回', '令和8年7月22日〜23日', 'オンライン', '対話'],
    ]);

    // The counts and hours, per kind and in total, as the database has them.
    const counts = await selectRows<{ kind: keyof typeof activityKinds.label; n: number; minutes: number }>(
      sql`select kind, count(*)::int as n, sum(duration_minutes)::int as minutes from activities where team_id = ${teamId} and archived_at is null group by kind`,
    );
    const totalsTable = doc.tables.find((t) => t[0]?.join('|') === '種別|回数|時間')!;
    expect(totalsTable.slice(1, -1).sort()).toEqual(counts.map((c) => [activityKinds.label[c.kind], counted(c.n, '回'), hours(c.minutes)]).sort());
    const sum = counts.reduce((t, c) => ({ n: t.n + c.n, minutes: t.minutes + c.minutes }), { n: 0, minutes: 0 });
    expect(totalsTable.at(-1)).toEqual(['合計', counted(sum.n, '回'), hours(sum.minutes)]);

    // The chosen change, not the one left out; the ticked interview's words, never the unticked one's.
    expect(doc.headings.map(([, t]) => t)).toContain(chains.kept.title);
    expect(all).not.toContain(chains.left.title);
    const chain = doc.tables.find((t) => t[0]?.join('|') === '段階|日付|できごと')!;
    expect(chain.slice(1).map((r) => r.slice(0, 2))).toEqual([
      ['きっかけ', '令和8年12月26日'],
      ['転機', '令和9年2月1日'],
      ['変化', '令和9年3月1日'],
    ]);
    expect(all).toContain(opened);
    expect(all).toContain('相手：市長');
    for (const name of doc.names.filter((n) => /\.xml$/.test(n))) expect(doc.text(name), name).not.toContain(secret);

    // The chosen survey with its question, result and quoted answer (never the unquoted one); not the other survey.
    expect(all).toContain('職員のやりがいアンケート');
    expect(all).toContain('市役所の仕事にやりがいを感じていますか？');
    expect(all).toContain('住民の役に立てるから');
    expect(all).not.toContain('忙しすぎる');
    expect(all).not.toContain('外したアンケート');

    // The charts: PNG files (activity hours, モヤモヤ, the survey's yes/no question), each drawn into the document.
    const media = doc.names.filter((n) => n.startsWith('word/media/'));
    expect(media.length).toBeGreaterThanOrEqual(3);
    for (const name of media) expect(isPng(doc.files[name]!), name).toBe(true);
    expect(doc.text('word/document.xml').match(/<pic:pic\b/g)?.length).toBe(media.length);
  });

  it('lists what the program may not read, and refuses the download until that very list is confirmed', async () => {
    const [row] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    expect(statusOf(await post(teamId, member, baseForm(row!.version, { interviewIds: [String(programInterview), String(teamOnlyInterview)] })))).toBe(302);
    const page = await getPage(teamId, member);
    expect(page.draft.nonProgram).toEqual([expect.objectContaining({ key: `interview:${teamOnlyInterview}`, visibility: 'team' })]);
    expect(page.confirmKey).toBe(`interview:${teamOnlyInterview}`);

    for (const query of ['', '?confirmed=', `?confirmed=interview:${programInterview}`]) {
      const refused = await download(teamId, member, query);
      expect(refused.status, query).toBe(409);
      expect(await refused.text()).toMatch(/^公開範囲がチーム内のみの記録を含むため/);
    }
    const confirmed = await download(teamId, member, `?confirmed=${encodeURIComponent(page.confirmKey)}`);
    expect(confirmed.status).toBe(200);
    expect(readDocx(new Uint8Array(await confirmed.arrayBuffer())).text('word/document.xml')).toContain(`${secret} 内容`);
  });

  it('gives a reader only what their own access opens: HR never reads the team-only interview, ticked or not', async () => {
    const page = await getPage(teamId, hr);
    expect(JSON.stringify(page)).not.toContain(secret);
    expect(page.canWrite).toBe(false);
    expect(page.draft.interviews).toEqual([]);
    const hidden = page.draft.details.find((d) => d.heading === '（公開範囲外のインタビュー）（令和8年9月1日）');
    expect(hidden).toMatchObject({ withheld: 'hidden', person: null, content: [], reflections: [], homework: [] });
    const response = await download(teamId, hr);
    expect(response.status).toBe(200);
    const doc = readDocx(new Uint8Array(await response.arrayBuffer()));
    for (const name of doc.names.filter((n) => /\.xml$/.test(n))) expect(doc.text(name), name).not.toContain(secret);
    expect(doc.text('word/document.xml')).not.toContain('キーパーソンインタビュー（市長）');
  });

  it('refuses a save over a teammate’s newer one (409), keeping the typed text, and changes nothing', async () => {
    const [row] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    const base = row!.version;
    expect(statusOf(await post(teamId, member, baseForm(base, { findings: '先に保存した成果' })))).toBe(302);
    const late = await post(teamId, member2, baseForm(base, { findings: '後から保存しようとした成果', _edited: 'findings' }));
    expect(statusOf(late)).toBe(409);
    const reply = (
      late as unknown as { data: { result: { initialValue: Record<string, unknown> }; stale: { fields: { label: string; latest: string; mine: string }[] } } }
    ).data;
    expect(reply.result.initialValue.findings).toBe('後から保存しようとした成果');
    expect(reply.stale.fields).toEqual([{ label: '見出した成果', latest: '先に保存した成果', mine: '後から保存しようとした成果' }]);
    const [after] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    expect(after).toMatchObject({ version: base + 1, findings: '先に保存した成果' });
  });

  it('answers bad input with Japanese field errors, and keeps only the team’s own records', async () => {
    const [row] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    for (const form of [
      baseForm(row!.version, { baseVersion: 'abc' }),
      baseForm(row!.version, { interviewIds: ['2147483648'] }),
      baseForm(row!.version, { findings: 'NUL\u0000' }),
      baseForm(row!.version, { findings: 'あ'.repeat(20_001) }),
    ]) {
      const refused = await post(teamId, member, form);
      expect(statusOf(refused), JSON.stringify(form).slice(0, 80)).toBe(400);
      const errors = JSON.stringify((refused as unknown as { data: { result: { error: unknown } } }).data.result.error);
      expect(errors).toMatch(/[ぁ-んァ-ヶ一-龠]/);
    }
    // Another team's interview and activity ids are dropped, never stored.
    const stranger = await createTeam(getDb(), { municipalityId: (await createMunicipality(getDb())).id, fiscalYear: fy });
    const other = await createActivity(getDb(), { teamId: stranger.id, kind: 'report', title: '他チームの報告' });
    const foreign = await createInterview(getDb(), { teamId: stranger.id, visibility: 'team' });
    const saved = await post(
      teamId,
      member,
      baseForm(row!.version, { interviewIds: [String(foreign.id), String(programInterview)], shownActivityIds: [String(other.id)], activityIds: [] }),
    );
    expect(statusOf(saved)).toBe(302);
    const [after] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    expect(after).toMatchObject({ interviewIds: [programInterview], omittedActivityIds: [] });
  });

  it('leaves a row out of the month table when the team unticks it', async () => {
    const [row] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, teamId));
    const [survey] = await getDb()
      .select({ id: activities.id })
      .from(activities)
      .where(and(eq(activities.teamId, teamId), eq(activities.kind, 'survey'), isNull(activities.archivedAt)));
    const page = await getPage(teamId, member);
    const shown = page.draft.months.flatMap((m) => m.items.map((i) => String(i.activityId)));
    expect(shown).toContain(String(survey!.id));
    await post(teamId, member, baseForm(row!.version, { shownActivityIds: shown, activityIds: shown.filter((id) => id !== String(survey!.id)) }));
    const after = await getPage(teamId, member);
    expect(after.draft.months.flatMap((m) => m.items.filter((i) => !i.included).map((i) => i.text))).toEqual(['全職員アンケート']);
  });

  it('says what is missing for a team with no records, on the page and in the document', async () => {
    const [db] = [getDb()];
    const lonely = { Cookie: await sessionCookie((await createUser(db, { passwordHash: 'x' })).id) };
    const memberOfEmpty = (await selectRows<{ person_id: number }>(sql`select person_id from team_members where team_id = ${emptyTeamId}`))[0]!;
    const cookie = { Cookie: await sessionCookie((await createUser(db, { personId: memberOfEmpty.person_id, passwordHash: 'x' })).id) };
    const page = await getPage(emptyTeamId, cookie);
    expect(page.draft.missing).toEqual(
      expect.arrayContaining(['活動記録がまだありません', '変革ストーリーシートがまだありません', '創り出した変化がまだありません']),
    );
    const response = await download(emptyTeamId, cookie);
    expect(response.status).toBe(200);
    const doc = readDocx(new Uint8Array(await response.arrayBuffer()));
    expect(doc.invalidParts).toEqual([]);
    const all = doc.paragraphs.map((p) => p.text);
    expect(all).toContain('活動記録がまだありません。');
    expect(all).toContain('変革ストーリーシートがまだありません。');
    expect(doc.headings.filter(([level]) => level === 1).map(([, t]) => t)).toEqual([...paperChapters]);
    // Someone with no link to the team is refused as for any team page (404, audited).
    expect((await thrownResponse(() => paperLoader(loaderArgs(`/teams/${emptyTeamId}/paper`, { ...params(emptyTeamId), headers: lonely })))).status).toBe(404);
  });
});
