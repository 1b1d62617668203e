import { parse } from 'csv-parse/sync';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as activitiesCsv } from '../../app/routes/teams.$teamId.activities[.csv]';
import { loader as interviewsCsv } from '../../app/routes/teams.$teamId.interviews[.csv]';
import { loader as moyamoyaCsv } from '../../app/routes/teams.$teamId.moyamoya[.csv]';
import { loader as dashboardCsv } from '../../app/routes/admin.dashboard[.csv]';
import { loader as preassignmentsCsv } from '../../app/routes/admin.years.$fiscalYear.preassignments[.csv]';
import { planImport } from '../../app/models/activity-csv.server';
import { guardCell } from '../../app/domain/csv-rows';
import { activityKinds, homeworkStatuses, intervieweeRoles, sessionKinds, visibilities } from '../../app/domain/codes';
import { sessionName } from '../../app/domain/moyamoya';
import { writeCsv } from '../../app/utils/csv-export.server';
import {
  addTeamMember,
  createActivity,
  createInterview,
  createMoyamoyaCheckin,
  createMunicipality,
  createPerson,
  createPreAssignment,
  createPreAssignmentSubmission,
  createSession,
  createTeam,
  createTeamMoyamoya,
} from '../factories';
import { loaderArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';
import { runsOf } from './hostile-helpers';

// Every export goes through one writer (docs/csv.md). Whatever the text, a standard CSV reader must
// read back exactly the rows and cells written: a lone LF or CR inside a cell used to go out
// unquoted, so a multi-line メモ split its row in two.

const hostile = {
  lf: '議題1\n議題2\n議題3',
  crlf: '一行目\r\n二行目',
  cr: '古いMacの\r改行',
  commas: '対話, 共感, そして挑戦,',
  quotes: '"市長" は ""賛成"" と言った',
  tabs: '列1\t列2\t',
  emoji: '😀👍🏽 𠮷野家で🍣 👨‍👩‍👧',
  formula: '=HYPERLINK("http://example.com","押して")',
  spaces: '  前後に空白  ',
  edges: '\n先頭と末尾の改行\n',
  mixed: ' ,"\r\n=1+1\t😀 ',
};
const texts = Object.values(hostile);
// 20,000 characters of all of the above, cut in the plain filler (never inside a surrogate pair).
const long = `${texts.join('\n')}\n${'長文のメモ。'.repeat(4000)}`.slice(0, 20_000);
// Titles the import compares after trimming (the forms trim them too), so none starts or ends blank.
const titles = [hostile.lf, hostile.crlf, hostile.cr, hostile.commas, hostile.quotes, 'タブ\t入り', hostile.emoji, hostile.formula];
const otherYear = 2091;

let world: World;
let teamId: number;
let member: Record<string, string>;
let organizer: Record<string, string>;
const expected: Record<'activities' | 'interviews' | 'moyamoya' | 'dashboard' | 'preassignments', string[][]> = {
  activities: [],
  interviews: [],
  moyamoya: [],
  dashboard: [],
  preassignments: [],
};

beforeAll(async () => {
  world = await buildWorld();
  const db = getDb();
  const y = world.year;
  teamId = (await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '韮崎市', prefecture: '山梨県' })).id, fiscalYear: y })).id;
  await addTeamMember(db, { teamId, personId: world.users.member.personId });
  const people = [await createPerson(db, { fullName: '甲斐 次郎' }), await createPerson(db, { fullName: '𠮷田 😀子' })];
  for (const p of people) await addTeamMember(db, { teamId, personId: p.id });
  member = { Cookie: await sessionCookie(world.users.member.id) };
  organizer = { Cookie: await sessionCookie(world.users.organizer.id) };

  // 活動記録: every text in every free-text column, and the long note.
  const activityRows: string[][] = [];
  for (const [i, notes] of [...texts, long].entries()) {
    const attendees = i % 2 ? people : [people[1]!];
    const a = await createActivity(db, {
      teamId,
      occurredOn: `${y}-05-${String(i + 1).padStart(2, '0')}`,
      durationMinutes: 30 + i,
      title: titles[i % titles.length]!,
      guests: texts[(i + 1) % texts.length]!,
      notes,
      attendeeIds: attendees.map((p) => p.id),
    });
    activityRows.push([
      a.occurredOn,
      '',
      activityKinds.label.meeting,
      String(a.durationMinutes),
      guardCell(a.title),
      guardCell(attendees.map((p) => p.fullName).join('、')),
      guardCell(a.guests),
      guardCell(a.notes),
    ]);
  }
  // インタビュー (each also writes its own activity), with 宿題 in one cell, one a line.
  const interviewees = ['部長級職員\n（Aさん）', hostile.quotes, hostile.emoji, hostile.formula];
  for (const [i, interviewee] of interviewees.entries()) {
    const iv = await createInterview(db, {
      teamId,
      interviewedOn: `${y}-07-${String(i + 1).padStart(2, '0')}`,
      interviewee,
      roleCategory: 'head',
      visibility: visibilities.codes[i % 3],
      purpose: texts[i]!,
      questions: texts[i + 1]!,
      content: i === 0 ? long : texts[i + 2]!,
      insights: texts[i + 3]!,
      unease: texts[i + 4]!,
      homework: [
        { body: hostile.lf, followUp: hostile.quotes, dueOn: `${y}-08-31` },
        { body: hostile.emoji, status: 'done' },
      ],
    });
    const homework = [
      `【${homeworkStatuses.label.todo}】${hostile.lf}（期限 ${y}-08-31） 対応: ${hostile.quotes}`,
      `【${homeworkStatuses.label.done}】${hostile.emoji}`,
    ];
    expected.interviews.push([
      iv.interviewedOn,
      interviewee,
      intervieweeRoles.label.head,
      visibilities.label[iv.visibility],
      '60',
      iv.purpose,
      iv.questions,
      iv.content,
      iv.insights,
      iv.unease,
      homework.join('\n'),
    ]);
    activityRows.push([iv.interviewedOn, '', activityKinds.label.interview, '60', guardCell(`${interviewee}へのインタビュー`), '', '', '']);
  }
  expected.activities = activityRows.sort((a, b) => a[0]!.localeCompare(b[0]!));
  // モヤモヤ: the team's 「この頃の自分たち」 per session, then members' notes (oldest first).
  for (const [i, reflection] of [hostile.crlf, long, hostile.mixed].entries()) {
    const s = await createSession(db, { fiscalYear: y });
    await createTeamMoyamoya(db, { teamId, sessionId: s.id, level: 40 + i, reflection });
    expected.moyamoya.push(['チーム', s.startsOn, sessionName(s.kind, s.number), '', String(40 + i), reflection]);
  }
  for (const [i, note] of texts.entries()) {
    const person = people[i % 2]!;
    await createMoyamoyaCheckin(db, { teamId, personId: person.id, checkedOn: `${y}-06-${String(i + 1).padStart(2, '0')}`, level: i * 9, note });
    expected.moyamoya.push(['メンバー', `${y}-06-${String(i + 1).padStart(2, '0')}`, '', person.fullName, String(i * 9), note]);
  }

  // A year of its own for the organizers' tables: municipalities named with the same texts.
  const session = await createSession(db, { fiscalYear: otherYear });
  const pas = [
    await createPreAssignment(db, { sessionId: session.id, title: `事前課題①, ${hostile.lf}`, dueOn: `${otherYear}-04-10` }),
    await createPreAssignment(db, { sessionId: session.id, title: `${hostile.quotes}${hostile.cr} `, dueOn: `${otherYear}-04-15` }),
  ];
  for (const [i, name] of texts.entries()) {
    const prefecture = texts[(i + 3) % texts.length]!;
    const team = await createTeam(db, { fiscalYear: otherYear, municipalityId: (await createMunicipality(db, { name, prefecture })).id });
    const submittedOn = i === 0 ? `${otherYear}-04-09` : i === 1 ? `${otherYear}-04-20` : null;
    if (submittedOn) await createPreAssignmentSubmission(db, { preAssignmentId: pas[0]!.id, teamId: team.id, submittedOn });
    if (i === 0) await createActivity(db, { teamId: team.id, occurredOn: `${otherYear}-05-01`, durationMinutes: 90 });
    const status = i === 0 ? '提出済' : i === 1 ? '期限後提出' : '未提出';
    expected.preassignments.push([prefecture, name, status, submittedOn ?? '', '未提出', '']);
    expected.dashboard.push([
      prefecture,
      name,
      '1期生',
      i === 0 ? '1' : '0',
      i === 0 ? '1.5' : '0',
      '0',
      i === 0 ? `${otherYear}-05-01` : '',
      submittedOn ? '1' : '0',
      '2',
      '0',
      '',
      '0',
      '',
    ]);
  }
  expected.preassignments.unshift(['都道府県', '自治体', ...pas.flatMap((p) => [`${sessionKinds.label.study} 第1回 ${p.title}（期限 ${p.dueOn}）`, '提出日'])]);
});

// csv-parse's plain options take the first line break as the record delimiter (CRLF here) and keep
// a bare LF inside an unquoted cell; Excel and Python's csv end the row at any line break. Both must agree.
const strict = { bom: true, record_delimiter: ['\r\n', '\n', '\r'] };
function readBack(csv: string | Buffer) {
  const rows = parse(csv, { bom: true }) as string[][];
  expect(parse(csv, strict)).toEqual(rows);
  return rows;
}

/** The file as a browser saves it, read back as above. */
async function download(response: unknown) {
  const res = response as Response;
  expect(res.headers.get('Content-Type')).toBe('text/csv; charset=utf-8');
  const bytes = Buffer.from(await res.arrayBuffer());
  expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  return { text: bytes.toString('utf8'), rows: readBack(bytes) };
}

/** What a file holds for these cells: every text cell guarded against Excel reading it as a formula. */
const guarded = (rows: string[][]) => rows.map((row) => row.map(guardCell));
/** No cell a spreadsheet would run: none starts with = + - @, a tab or a CR. */
const runnable = (rows: string[][]) => rows.flat().filter((cell) => /^[=+\-@\t\r]/.test(cell));

const byCells = (rows: string[][]) => [...rows].sort((a, b) => (JSON.stringify(a) < JSON.stringify(b) ? -1 : 1));

describe('every CSV export reads back exactly as written, no text cell one a spreadsheet would run', () => {
  const team = () => ({ headers: member, params: { teamId: String(teamId) } });

  it('活動記録: every row and cell (formula guard aside), and the file imports again adding nothing', async () => {
    const { text, rows } = await download(await activitiesCsv(loaderArgs(`/teams/${teamId}/activities.csv`, team())));
    expect(rows[0]).toEqual(['日付', '開始時刻', '種別', '時間（分）', 'タイトル', '参加者', 'ゲスト', 'メモ']);
    expect(rows.slice(1)).toEqual(expected.activities);
    expect(runnable(rows)).toEqual([]);
    expect(rows.slice(1).some((r) => r[7] === long)).toBe(true);

    const plan = await planImport(teamId, text);
    expect(plan.fileErrors).toEqual([]);
    expect(plan.rowErrors).toEqual([]);
    expect(plan.rows).toHaveLength(expected.activities.length);
    expect(plan.rows.filter((r) => !r.duplicate)).toEqual([]);
    // Excel rows: the header is 1, each record one row however many lines its cells hold.
    expect(plan.rows.map((r) => r.line)).toEqual(expected.activities.map((_, i) => i + 2));
  });

  it('インタビュー', async () => {
    const { rows } = await download(await interviewsCsv(loaderArgs(`/teams/${teamId}/interviews.csv`, team())));
    expect(rows[0]).toEqual(['実施日', '相手', '相手の立場', '公開範囲', '所要時間（分）', '目的', '質問', '内容', '気付き', 'モヤモヤ', '宿題']);
    expect(rows.slice(1)).toEqual(guarded(expected.interviews));
    expect(runnable(rows)).toEqual([]);
  });

  it('モヤモヤ指数', async () => {
    const { rows } = await download(await moyamoyaCsv(loaderArgs(`/teams/${teamId}/moyamoya.csv`, team())));
    expect(rows[0]).toEqual(['区分', '日付', '研究会', 'メンバー', 'モヤモヤ指数', 'ひとこと・この頃の自分たち']);
    expect(rows.slice(1)).toEqual(guarded(expected.moyamoya));
    expect(runnable(rows)).toEqual([]);
  });

  it('事務局ダッシュボードのチーム一覧 (rows compared in any order here: team-order.test.ts holds the order)', async () => {
    const { rows } = await download(await dashboardCsv(loaderArgs(`/admin/dashboard.csv?year=${otherYear}`, { headers: organizer })));
    expect(rows[0]).toHaveLength(13);
    expect(byCells(rows.slice(1))).toEqual(byCells(guarded(expected.dashboard)));
    expect(runnable(rows)).toEqual([]);
  });

  it('事前課題の提出状況, headers with line breaks included', async () => {
    const { rows } = await download(
      await preassignmentsCsv(loaderArgs(`/admin/years/${otherYear}/preassignments.csv`, { headers: organizer, params: { fiscalYear: String(otherYear) } })),
    );
    expect(rows[0]).toEqual(guarded(expected.preassignments)[0]);
    expect(byCells(rows.slice(1))).toEqual(byCells(guarded(expected.preassignments.slice(1))));
    expect(runnable(rows)).toEqual([]);
  });
});

describe('the CSV writer', () => {
  const breaks = fc.constantFrom('\r', '\n', '\r\n', '"', ',', ' ', '\t', '\u3000', '\uFEFF', '=', '😀', 'あ');
  const cell = fc.oneof(
    fc.string({ unit: 'grapheme' }),
    fc.string({ unit: 'binary' }), // any code point, surrogate pairs included
    fc.string({ unit: fc.oneof(breaks, fc.string({ unit: 'binary', minLength: 1, maxLength: 3 })) }),
  );
  const table = fc.integer({ min: 1, max: 6 }).chain((width) =>
    fc.record({
      header: fc.array(cell, { minLength: width, maxLength: width }),
      rows: fc.array(fc.array(cell, { minLength: width, maxLength: width }), { maxLength: 8 }),
    }),
  );

  it('round-trips any cells through csv-parse, as text and as UTF-8 bytes, guarded against formulas', () => {
    fc.assert(
      fc.property(table, ({ header, rows }) => {
        const text = writeCsv(header, rows);
        expect(text.startsWith('\uFEFF')).toBe(true);
        expect(readBack(text)).toEqual(guarded([header, ...rows]));
        expect(readBack(Buffer.from(text, 'utf8'))).toEqual(guarded([header, ...rows]));
        expect(runnable(readBack(text))).toEqual([]);
      }),
      runsOf(500),
    );
  });

  it('quotes a lone LF or CR, and writes CRLF between records', () => {
    expect(
      writeCsv(
        ['メモ', '件'],
        [
          ['議題1\n議題2', 1],
          ['古い\r改行', null],
        ],
      ),
    ).toBe('\uFEFFメモ,件\r\n"議題1\n議題2",1\r\n"古い\r改行",\r\n');
  });
});
