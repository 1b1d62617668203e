import { parse } from 'csv-parse/sync';
import { strFromU8, unzipSync } from 'fflate';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as recordsZip } from '../../app/routes/teams.$teamId.records[.zip]';
import { loader as activitiesCsv } from '../../app/routes/teams.$teamId.activities[.csv]';
import { loader as interviewsCsv } from '../../app/routes/teams.$teamId.interviews[.csv]';
import { loader as homeworkCsv } from '../../app/routes/teams.$teamId.homework[.csv]';
import { loader as moyamoyaCsv } from '../../app/routes/teams.$teamId.moyamoya[.csv]';
import { loader as changesCsv } from '../../app/routes/teams.$teamId.changes[.csv]';
import { loader as surveyCsv } from '../../app/routes/teams.$teamId.surveys_.$surveyId.results[.csv]';
import { paperChapters } from '../../app/domain/paper';
import { emptySheet } from '../../app/domain/sheet';
import {
  addTeamMember,
  createActivities,
  createChangeChain,
  createDialogueGroup,
  createHrViewer,
  createInterview,
  createMoyamoyaCheckin,
  createMunicipality,
  createOrganizer,
  createPaperDraft,
  createPerson,
  createSession,
  createSheetWithVersions,
  createSurvey,
  createTeam,
  createTeamMoyamoya,
  createUser,
} from '../factories';
import { currentFiscalYear } from '../factories/util';
import { loaderArgs } from '../helpers';
import { readDocx } from '../docx';
import { sessionCookie } from '../world';

// Issue 20, 「チームの記録一式」: one zip of the team's year as the viewer may read it. Opened with fflate and read
// down to the raw header bytes: every name flagged UTF-8 (bit 11), each CSV byte-identical to its own download for
// the same viewer, interviews masked exactly as there, each sheet version's Word document holding its text, the paper
// only when its own rule allows, refusals in Japanese, and a 300-activity year in good time.

const fy = currentFiscalYear();
const secret = '機密マーカー-チーム内の話';
const cityOnly = '自治体マーカー-人事課まで';
const opened = '公開マーカー-部会全体';

type Who = 'member' | 'hr' | 'organizer' | 'partner' | 'outsider';
const cookies = {} as Record<Who, Record<string, string>>;
let teamId: number;
let bigTeamId: number;
let teamOnlyInterview: number;
let surveyIds: Record<'team' | 'program', number>;

const params = (id: number) => ({ teamId: String(id) });
async function answer(run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}
const zipOf = (id: number, who: Who, query = '') =>
  answer(() => recordsZip(loaderArgs(`/teams/${id}/records.zip${query}`, { params: params(id), headers: cookies[who] })));
async function unzipped(id: number, who: Who, query = '') {
  const response = await zipOf(id, who, query);
  expect(response.status).toBe(200);
  const bytes = new Uint8Array(await response.arrayBuffer());
  return { response, bytes, files: unzipSync(bytes) };
}

/** The file name a download is saved as: its filename* (RFC 5987). */
function savedName(response: Response): string {
  const header = response.headers.get('Content-Disposition') ?? '';
  return decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(header)![1]!);
}

/** Every entry of the central directory and of its local header, read from the raw bytes (APPNOTE 4.3.7, 4.3.12). */
function rawEntries(bytes: Uint8Array) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  while (view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: { name: string; centralFlags: number; localFlags: number; localName: string }[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const extra = view.getUint16(at + 30, true);
    const comment = view.getUint16(at + 32, true);
    const local = view.getUint32(at + 42, true);
    const name = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(at + 46, at + 46 + nameLength));
    expect(view.getUint32(local, true)).toBe(0x04034b50);
    const localNameLength = view.getUint16(local + 26, true);
    const localName = new TextDecoder('utf-8', { fatal: true }).decode(bytes.subarray(local + 30, local + 30 + localNameLength));
    entries.push({ name, centralFlags: flags, localFlags: view.getUint16(local + 6, true), localName });
    at += 46 + nameLength + extra + comment;
  }
  return entries;
}

beforeAll(async () => {
  const db = getDb();
  const city = await createMunicipality(db, { name: '甲府市', prefecture: '山梨県', kind: 'city' });
  const partnerCity = await createMunicipality(db, { name: '熊本市', prefecture: '熊本県', kind: 'city' });
  const otherCity = await createMunicipality(db, { name: '三条市', prefecture: '新潟県', kind: 'city' });
  const team = await createTeam(db, { municipalityId: city.id, fiscalYear: fy });
  teamId = team.id;
  const partnerTeam = await createTeam(db, { municipalityId: partnerCity.id, fiscalYear: fy });
  const otherTeam = await createTeam(db, { municipalityId: otherCity.id, fiscalYear: fy });
  await createDialogueGroup(db, { teamIds: [teamId, partnerTeam.id] });

  const account = async (fullName: string, municipalityId: number | null) => {
    const person = await createPerson(db, { fullName, municipalityId });
    return { person, user: await createUser(db, { personId: person.id, passwordHash: 'x' }) };
  };
  const member = await account('山田 花子', city.id);
  await addTeamMember(db, { teamId, personId: member.person.id });
  const hr = await account('人事 太郎', city.id);
  await createHrViewer(db, { userId: hr.user.id, municipalityId: city.id });
  const organizer = await account('事務局 次郎', null);
  await createOrganizer(db, { personId: organizer.person.id, role: 'secretariat' });
  const partner = await account('熊本 三郎', partnerCity.id);
  await addTeamMember(db, { teamId: partnerTeam.id, personId: partner.person.id });
  const outsider = await account('三条 四郎', otherCity.id);
  await addTeamMember(db, { teamId: otherTeam.id, personId: outsider.person.id });
  for (const [who, { user }] of Object.entries({ member, hr, organizer, partner, outsider })) cookies[who as Who] = { Cookie: await sessionCookie(user.id) };

  const session = await createSession(db, { fiscalYear: fy, number: 2, startsOn: `${fy}-06-20` });
  await createTeamMoyamoya(db, { teamId, sessionId: session.id, level: 70, reflection: '手探り' });
  await createMoyamoyaCheckin(db, { teamId, personId: member.person.id, checkedOn: `${fy}-06-21`, level: 65, note: '個人の数値-メンバーだけ' });
  await createActivities(db, [
    {
      teamId,
      kind: 'meeting',
      occurredOn: `${fy}-05-12`,
      durationMinutes: 90,
      title: '定例ミーティング',
      notes: '議題1\n議題2',
      attendeeIds: [member.person.id],
    },
    { teamId, kind: 'report', occurredOn: `${fy}-11-18`, durationMinutes: 60, title: '=人事課長報告' },
  ]);
  const interviewAt = (visibility: 'team' | 'municipality' | 'program', marker: string, on: string) =>
    createInterview(db, {
      teamId,
      visibility,
      interviewedOn: on,
      interviewee: `${marker}の相手`,
      roleCategory: 'head',
      content: `${marker}：内容`,
      homework: [{ body: `${marker}：宿題`, dueOn: `${fy}-12-01`, status: 'doing', followUp: '対応中' }],
    });
  teamOnlyInterview = (await interviewAt('team', secret, `${fy}-07-01`)).id;
  await interviewAt('municipality', cityOnly, `${fy}-07-02`);
  await interviewAt('program', opened, `${fy}-07-03`);
  await createChangeChain(db, { teamId, title: '人事課との対話が始まった', reflection: '対話から共感へ' });
  await createChangeChain(db, { teamId, title: 'まだ一歩目の変化', coCreationStep: 'empathy', moments: [] });
  surveyIds = {
    team: (await createSurvey(db, { teamId, title: `${secret}アンケート`, visibility: 'team' })).id,
    program: (await createSurvey(db, { teamId, title: '全職員アンケート', visibility: 'program' })).id,
  };
  // Three versions; the second cites the team-only interview (named to the team only), the third is tagged.
  await createSheetWithVersions(db, {
    teamId,
    versions: [
      { content: { ...emptySheet(), currentState: '第1版の現状：若手が声を上げにくい' } },
      {
        content: {
          ...emptySheet(),
          currentState: '第2版の現状：対話の場が足りない',
          focusInitiatives: [{ text: '対話の場をつくる', evidence: [{ kind: 'interview', id: teamOnlyInterview }] }],
        },
      },
      { content: { ...emptySheet(), currentState: '第3版の現状：対話が始まった', idealIn10Years: '職員が地域に飛び出す市役所' }, tag: '第4回提出版' },
    ],
  });

  const big = await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '富岡市', prefecture: '群馬県' })).id, fiscalYear: fy });
  bigTeamId = big.id;
}, 60_000);

describe('チームの記録一式 (records.zip)', () => {
  it('names every entry in UTF-8 with the flag set (bit 11) in its local and central headers, and the download with filename* and an ASCII fallback', async () => {
    const { response, bytes } = await unzipped(teamId, 'member');
    expect(response.headers.get('Content-Type')).toBe('application/zip');
    expect(response.headers.get('Cache-Control')).toBe('private, no-store');
    expect(response.headers.get('Content-Disposition')).toMatch(new RegExp(`^attachment; filename="team-records-${teamId}-${fy}\\.zip"; filename\\*=UTF-8''`));
    expect(savedName(response)).toMatch(/^甲府市チーム_令和\d+年度_記録一式\.zip$/);
    const entries = rawEntries(bytes);
    expect(entries.length).toBeGreaterThan(5);
    for (const e of entries) {
      expect(e.localName, 'the local header names the same file').toBe(e.name);
      expect(e.centralFlags & 0x800, `${e.name}: central header without the UTF-8 flag`).toBe(0x800);
      expect(e.localFlags & 0x800, `${e.name}: local header without the UTF-8 flag`).toBe(0x800);
      expect(e.name).not.toMatch(/[\\:*?"<>|]/);
    }
    expect(entries.map((e) => e.name)).toEqual([
      'お読みください.txt',
      `CSV/甲府市チーム_${fy}年度_活動記録.csv`,
      `CSV/甲府市_キーパーソンインタビュー_${fy}年度.csv`,
      `CSV/甲府市_宿題_${fy}年度.csv`,
      `CSV/甲府市_モヤモヤ指数_${fy}年度.csv`,
      `CSV/甲府市_創り出した変化_${fy}年度.csv`,
      `CSV/甲府市_${secret}アンケート_集計結果.csv`,
      'CSV/甲府市_全職員アンケート_集計結果.csv',
      '変革ストーリーシート/第001版.docx',
      '変革ストーリーシート/第002版.docx',
      '変革ストーリーシート/第003版_第4回提出版.docx',
    ]);
  });

  for (const who of ['member', 'hr', 'organizer'] as const) {
    it(`holds each CSV byte for byte as its own download gives it to the same viewer (${who})`, async () => {
      const { files } = await unzipped(teamId, who);
      const args = (path: string, extra: Record<string, string> = {}) => loaderArgs(path, { params: { ...params(teamId), ...extra }, headers: cookies[who] });
      const downloads = [
        await activitiesCsv(args(`/teams/${teamId}/activities.csv`)),
        await interviewsCsv(args(`/teams/${teamId}/interviews.csv`)),
        await homeworkCsv(args(`/teams/${teamId}/homework.csv`)),
        await moyamoyaCsv(args(`/teams/${teamId}/moyamoya.csv`)),
        await changesCsv(args(`/teams/${teamId}/changes.csv`)),
        ...(who === 'member' ? [await surveyCsv(args(`/teams/${teamId}/surveys/${surveyIds.team}/results.csv`, { surveyId: String(surveyIds.team) }))] : []),
        await surveyCsv(args(`/teams/${teamId}/surveys/${surveyIds.program}/results.csv`, { surveyId: String(surveyIds.program) })),
      ];
      const csvEntries = Object.keys(files).filter((name) => name.startsWith('CSV/'));
      expect(csvEntries).toHaveLength(downloads.length);
      for (const download of downloads) {
        const name = `CSV/${savedName(download)}`;
        const body = new Uint8Array(await download.arrayBuffer());
        expect(files[name], `${name} is in the zip`).toBeDefined();
        expect(Buffer.from(files[name]!).equals(Buffer.from(body)), `${name} differs from its download`).toBe(true);
        expect([...body.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
      }
    });
  }

  it('masks for HR exactly as the CSVs do: no team-only interview, 宿題 or survey, its activity titled 「（公開範囲外のインタビュー）」', async () => {
    const { files } = await unzipped(teamId, 'hr');
    const all = Object.entries(files).map(([name, data]) =>
      name.endsWith('.docx') ? JSON.stringify(readDocx(data).paragraphs) : `${name}\n${strFromU8(data)}`,
    );
    const text = all.join('\n');
    expect(text).not.toContain(secret);
    expect(text).not.toContain('個人の数値-メンバーだけ');
    expect(text).toContain(cityOnly);
    expect(text).toContain(opened);
    expect(strFromU8(files[`CSV/甲府市チーム_${fy}年度_活動記録.csv`]!)).toContain('（公開範囲外のインタビュー）');
    const organizer = await unzipped(teamId, 'organizer');
    const organizerText = Object.entries(organizer.files)
      .map(([name, data]) => (name.endsWith('.docx') ? JSON.stringify(readDocx(data).paragraphs) : strFromU8(data)))
      .join('\n');
    expect(organizerText).not.toContain(secret);
    expect(organizerText).not.toContain(cityOnly);
    expect(organizerText).toContain(opened);
  });

  it('writes each sheet version as a Word document holding its own text, in version order; a cited interview named as the reader may read it', async () => {
    const member = await unzipped(teamId, 'member');
    const hr = await unzipped(teamId, 'hr');
    const versions = Object.keys(member.files).filter((n) => n.startsWith('変革ストーリーシート/'));
    expect(versions).toEqual([...versions].sort());
    const texts = versions.map((n) => readDocx(member.files[n]!).paragraphs.map((p) => p.text));
    expect(texts[0]).toContain('第1版の現状：若手が声を上げにくい');
    expect(texts[1]).toContain('第2版の現状：対話の場が足りない');
    expect(texts[1]).toContain('・対話の場をつくる');
    expect(texts[1]).toContain(`根拠: インタビュー：${secret}の相手（首長）`);
    expect(texts[2]).toContain('第3版の現状：対話が始まった');
    expect(texts[2]).toContain('職員が地域に飛び出す市役所');
    expect(texts[2]!.some((t) => t.startsWith('第3版（第4回提出版）・令和'))).toBe(true);
    for (const heading of ['現状とその背景', '10年後のありたい姿', '重点取組', 'アクションプラン', '取組シナリオ', '4つのキーワードによる振り返り']) {
      expect(readDocx(member.files[versions[2]!]!).paragraphs).toContainEqual({ style: 'Heading2', text: heading });
    }
    const hrSecond = readDocx(hr.files['変革ストーリーシート/第002版.docx']!).paragraphs.map((p) => p.text);
    expect(hrSecond).toContain('・対話の場をつくる');
    expect(hrSecond).toContain('根拠: インタビュー（非公開）');
    expect(hrSecond.join('\n')).not.toContain(secret);
  });

  it('says in お読みください.txt (UTF-8 with BOM, CRLF) what is inside and what was left out for this viewer', async () => {
    const member = await unzipped(teamId, 'member');
    const raw = member.files['お読みください.txt']!;
    expect([...raw.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = strFromU8(raw);
    expect(text.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(text).toContain('書き出した人: 山田 花子');
    expect(text).toContain(`CSV/甲府市チーム_${fy}年度_活動記録.csv`);
    expect(text).toContain('変革ストーリーシート（3件）');
    expect(text).toContain('共同論文の草稿はまだ保存されていません');
    expect(text).not.toContain('公開範囲の外にあるため入っていません');
    const hr = strFromU8((await unzipped(teamId, 'hr')).files['お読みください.txt']!);
    expect(hr).toContain('「チーム内のみ」のものは、あなたが読める範囲の外にあるため入っていません');
    expect(hr).toContain('メンバー個人のモヤモヤ指数: チームが公開していないため');
    expect(hr).toMatch(/書き出した日時: 令和\d+年\d+月\d+日（.）/);
  });

  it('adds the paper draft once saved, and while it holds team-only records only with the download’s own confirmation', async () => {
    const db = getDb();
    await createPaperDraft(db, { teamId, version: 1, interviewIds: [teamOnlyInterview], findings: '対話 = 聴く × 話す' });
    const paperName = (files: Record<string, Uint8Array>) => Object.keys(files).find((n) => n.startsWith('共同論文/'));
    const unconfirmed = await unzipped(teamId, 'member');
    expect(paperName(unconfirmed.files)).toBeUndefined();
    expect(strFromU8(unconfirmed.files['お読みください.txt']!)).toContain(
      '共同論文の草稿は、公開範囲がチーム内のみ（または自治体まで）の記録を含むため入れていません',
    );
    const confirmed = await unzipped(teamId, 'member', `?confirmed=interview:${teamOnlyInterview}`);
    const name = paperName(confirmed.files)!;
    expect(name).toMatch(/^共同論文\/甲府市_令和\d+年度_共同論文（草稿）\.docx$/);
    const paper = readDocx(confirmed.files[name]!);
    expect(paper.paragraphs.filter((p) => p.style === 'Heading1').map((p) => p.text)).toEqual([...paperChapters]);
    expect(strFromU8(confirmed.files['お読みください.txt']!)).toContain(name);
    // The organizer reads no team-only interview, so their draft holds nothing to confirm: it comes, without it.
    const organizer = await unzipped(teamId, 'organizer');
    const organizerPaper = paperName(organizer.files)!;
    expect(organizerPaper).toBeDefined();
    expect(JSON.stringify(readDocx(organizer.files[organizerPaper]!).paragraphs)).not.toContain(secret);
  });

  it('writes 宿題 one a row and 創り出した変化 one moment a row, each at the viewer’s reading (the two CSVs the issue names that had none)', async () => {
    const get = async (loader: typeof homeworkCsv, what: string, who: Who) =>
      parse(await (await loader(loaderArgs(`/teams/${teamId}/${what}.csv`, { params: params(teamId), headers: cookies[who] }))).text(), {
        bom: true,
      }) as string[][];
    const homework = await get(homeworkCsv, 'homework', 'member');
    expect(homework[0]).toEqual(['実施日', '相手', '相手の立場', '公開範囲', '宿題', '期限', '状況', '対応']);
    expect(homework.slice(1)).toEqual([
      [`${fy}-07-01`, `${secret}の相手`, '首長', 'チーム内のみ', `${secret}：宿題`, `${fy}-12-01`, '対応中', '対応中'],
      [`${fy}-07-02`, `${cityOnly}の相手`, '首長', '自治体（人事課・マネ友）まで', `${cityOnly}：宿題`, `${fy}-12-01`, '対応中', '対応中'],
      [`${fy}-07-03`, `${opened}の相手`, '首長', '部会全体（事務局・対話自治体）まで', `${opened}：宿題`, `${fy}-12-01`, '対応中', '対応中'],
    ]);
    expect((await get(homeworkCsv, 'homework', 'hr')).slice(1).map((r) => r[4])).toEqual([`${cityOnly}：宿題`, `${opened}：宿題`]);
    expect((await get(homeworkCsv, 'homework', 'partner')).slice(1).map((r) => r[4])).toEqual([`${opened}：宿題`]);
    const changes = await get(changesCsv, 'changes', 'hr');
    expect(changes[0]).toEqual(['変化', '共創の段階', '段階', '日付', 'できごと', '考察']);
    expect(changes.slice(1).map((r) => [r[0], r[1], r[2], r[3], r[5]])).toEqual([
      ['人事課との対話が始まった', '', 'きっかけ', `${fy}-12-26`, '対話から共感へ'],
      ['人事課との対話が始まった', '', '転機', `${fy + 1}-02-01`, '対話から共感へ'],
      ['人事課との対話が始まった', '', '変化', `${fy + 1}-03-01`, '対話から共感へ'],
      ['まだ一歩目の変化', '共感', '', '', ''],
    ]);
    const partner = await answer(() => changesCsv(loaderArgs(`/teams/${teamId}/changes.csv`, { params: params(teamId), headers: cookies.partner })));
    expect(partner.status).toBe(404);
  });

  it('refuses those who may not read the team’s progress in Japanese, never a 500, and sends the signed-out to sign in', async () => {
    for (const who of ['partner', 'outsider'] as const) {
      const response = await zipOf(teamId, who);
      expect(response.status, who).toBe(404);
      expect(await response.text()).toMatch(/^ページが見つかりません。/);
    }
    const signedOut = await answer(() => recordsZip(loaderArgs(`/teams/${teamId}/records.zip`, { params: params(teamId) })));
    expect(signedOut.status).toBe(302);
    expect(signedOut.headers.get('Location')).toMatch(/^\/login/);
    const noSuchTeam = await answer(() =>
      recordsZip(loaderArgs('/teams/99999999/records.zip', { params: { teamId: '99999999' }, headers: cookies.organizer })),
    );
    expect(noSuchTeam.status).toBe(404);
    const badId = await answer(() => recordsZip(loaderArgs('/teams/abc/records.zip', { params: { teamId: 'abc' }, headers: cookies.organizer })));
    expect(badId.status).toBe(404);
  });

  it('writes a big team year (300 activities, 30 interviews, 12 sheet versions) quickly', async () => {
    const db = getDb();
    const person = await createPerson(db, { fullName: '富岡 花子' });
    await addTeamMember(db, { teamId: bigTeamId, personId: person.id });
    const user = await createUser(db, { personId: person.id, passwordHash: 'x' });
    const headers = { Cookie: await sessionCookie(user.id) };
    await createActivities(
      db,
      Array.from({ length: 300 }, (_, i) => ({
        teamId: bigTeamId,
        occurredOn: `${fy}-${String(4 + (i % 9)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')}`,
        title: `定例ミーティング${i + 1}`,
        notes: 'シートの見直し。\n'.repeat(20),
        attendeeIds: [person.id],
      })),
    );
    for (let i = 0; i < 30; i++) await createInterview(db, { teamId: bigTeamId, interviewee: `職員${i + 1}`, homework: ['宿題1', '宿題2'] });
    await createSheetWithVersions(db, {
      teamId: bigTeamId,
      versions: Array.from({ length: 12 }, (_, i) => ({ content: { ...emptySheet(), currentState: `第${i + 1}版の現状。${'長い文章。'.repeat(200)}` } })),
    });
    await recordsZip(loaderArgs(`/teams/${bigTeamId}/records.zip`, { params: params(bigTeamId), headers })); // the first loads the docx library
    const started = performance.now();
    const response = await recordsZip(loaderArgs(`/teams/${bigTeamId}/records.zip`, { params: params(bigTeamId), headers }));
    const files = unzipSync(new Uint8Array(await response.arrayBuffer()));
    const ms = performance.now() - started;
    console.info(`records.zip of 300 activities, 30 interviews, 12 sheet versions: ${Math.round(ms)} ms`);
    expect(
      strFromU8(files[`CSV/富岡市チーム_${fy}年度_活動記録.csv`]!)
        .split('\r\n')
        .filter((l) => l.startsWith(`${fy}-`) || l.startsWith(`${fy + 1}-`)),
    ).toHaveLength(330);
    expect(Object.keys(files).filter((n) => n.endsWith('.docx'))).toHaveLength(12);
    expect(ms).toBeLessThan(5000);
  }, 60_000);
});
