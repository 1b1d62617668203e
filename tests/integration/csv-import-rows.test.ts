import { createElement, type ReactElement } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { action as activityImport } from '../../app/routes/teams.$teamId.activities.import';
import { action as teamImport } from '../../app/routes/admin.years.$fiscalYear.import';
import { ImportPreview as ActivityPreview } from '../../app/components/activities/ImportPreview';
import { ImportPreview as TeamPreview } from '../../app/components/admin/ImportPreview';
import { addTeamMember, createMunicipality, createProgramYear, createTeam } from '../factories';
import { actionArgs, renderPage } from '../helpers';
import { buildWorld, sessionCookie } from '../world';
import { organizerCookie, outcome } from './setup-helpers';

// Errors name the row as Excel shows it (docs/csv.md): the header is 1行目, a record is one row
// however many lines its quoted cells hold, and empty rows count. A refused file adds nothing, so
// its preview calls no row 「追加」.

type ActivityReply = { csv: string; preview: Parameters<typeof ActivityPreview>[0]['preview'] };
type TeamReply = { csv: string; teams: Parameters<typeof TeamPreview>[0]['teams']; errors: { line: number; message: string }[] };

let year: number;
let teamId: number;
let member: Record<string, string>;
let organizer: Record<string, string>;
const fiscalYear = 2092;

beforeAll(async () => {
  const world = await buildWorld();
  const db = getDb();
  year = world.year;
  teamId = (await createTeam(db, { municipalityId: (await createMunicipality(db, { name: '北杜市', prefecture: '山梨県' })).id, fiscalYear: year })).id;
  await addTeamMember(db, { teamId, personId: world.users.member.personId });
  member = { Cookie: await sessionCookie(world.users.member.id) };
  organizer = await organizerCookie();
  await createProgramYear(db, { fiscalYear });
});

/** The component as the page renders it on the server (it needs a data router around it). */
const render = (element: ReactElement) => renderPage(() => element);

const postActivities = async (intent: string, csv: string) =>
  outcome(() => activityImport(actionArgs(`/teams/${teamId}/activities/import`, { intent, csv }, { headers: member, params: { teamId: String(teamId) } })));
const postTeams = async (intent: string, csv: string) =>
  outcome(() =>
    teamImport(actionArgs(`/admin/years/${fiscalYear}/import`, { intent, csv }, { headers: organizer, params: { fiscalYear: String(fiscalYear) } })),
  );

describe('活動記録の取り込み', () => {
  const header = '日付,種別,時間（分）,タイトル,メモ';
  // The year is known once the world is built.
  const good = () => `${year}/5/1,ミーティング,60,正しい行,"議題1\r\n議題2\r\n議題3"`;
  const bad = '来週,ミーティング,60,日付が変,';

  it('reports a bad row after a 3-line メモ on 3行目, and after an empty row on 4行目', async () => {
    const cases = [
      [[header, good(), bad].join('\r\n'), 3, 2],
      [[header, '', good(), bad].join('\r\n'), 4, 3],
      [[header, good(), bad].join('\n').replaceAll('\r\n', '\n'), 3, 2], // LF only
    ] as const;
    for (const [csv, line, goodLine] of cases) {
      for (const intent of ['preview', 'commit']) {
        const reply = await postActivities(intent, csv);
        expect(reply.status).toBe(400);
        const { preview } = reply.body as ActivityReply;
        expect(preview.rowErrors).toEqual([{ line, label: expect.any(String), messages: [expect.stringContaining('日付「来週」を読み取れません')] }]);
        expect(preview.rows.map((r) => r.line)).toEqual([goodLine]);
      }
    }
  });

  it('names the Excel row of an unclosed quote, and refuses a row with U+FFFD instead of storing it', async () => {
    // relax_quotes reads a stray quote inside a cell; a quote opened and never closed cannot be read.
    const unclosed = await postActivities('preview', [header, good(), `${year}/5/2,ミーティング,60,"閉じていない,`].join('\r\n'));
    expect((unclosed.body as ActivityReply).preview.fileErrors).toEqual([expect.stringMatching(/^3行目をCSVとして読み取れません/)]);
    const garbled = await postActivities('preview', [header, good(), `${year}/5/2,ミーティング,60,市\uFFFD民との対話,`].join('\r\n'));
    expect((garbled.body as ActivityReply).preview.rowErrors).toEqual([
      { line: 3, label: 'ミーティング／市\uFFFD民との対話', messages: [expect.stringContaining('文字化け')] },
    ]);
  });

  it('refuses a file in neither UTF-8 nor Shift_JIS rather than decode it into U+FFFD', async () => {
    const bytes = new Uint8Array([...new TextEncoder().encode(`${header}\r\n${year}/5/1,ミーティング,60,`), 0x82, 0xff, 0x0d, 0x0a]);
    const form = new FormData();
    form.set('intent', 'preview');
    form.set('file', new File([bytes], 'log.csv', { type: 'text/csv' }));
    const request = new Request(`http://localhost/teams/${teamId}/activities/import`, {
      method: 'POST',
      body: form,
      headers: { ...member, Origin: 'http://localhost' },
    });
    const reply = await outcome(() => activityImport({ request, params: { teamId: String(teamId) }, context: { cspNonce: 'test' } }));
    expect(reply.status).toBe(400);
    expect((reply.body as ActivityReply).preview.fileErrors).toEqual([expect.stringContaining('文字コードを読み取れません')]);
  });

  it('a refused file shows its good rows as 問題なし, never 追加; a file that imports shows 追加', async () => {
    const refused = (await postActivities('preview', [header, good(), bad].join('\r\n'))).body as ActivityReply;
    const html = await render(createElement(ActivityPreview, refused));
    expect(html).toContain('3<!-- -->行目');
    expect(html).toContain('問題なし');
    expect(html).not.toMatch(/>追加</);

    const fine = (await postActivities('preview', [header, good()].join('\r\n'))).body as ActivityReply;
    expect(fine.preview.rowErrors).toEqual([]);
    const ok = await render(createElement(ActivityPreview, fine));
    expect(ok).toMatch(/>追加</);
    expect(ok).not.toContain('問題なし');
  });
});

describe('チームとメンバーの取り込み', () => {
  const header = '自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠';
  const good = '甲府市,山梨県,市,山梨 花子,hanako@example.jp,"総務部\n人事課\n研修係",人事係,○';
  const bad = '甲府市,山梨県,都,甲斐 一郎,ichiro@example.jp,,,';

  it('reports a bad row after a 3-line 部署 on 3行目, after an empty row on 4行目, and an unclosed quote on its own row', async () => {
    const cases = [
      [[header, good, bad].join('\r\n'), 3],
      [[header, '', good, bad].join('\n'), 4],
    ] as const;
    for (const [csv, line] of cases) {
      for (const intent of ['preview', 'confirm']) {
        const reply = await postTeams(intent, csv);
        expect(reply.status).toBe(400);
        const { errors } = reply.body as TeamReply;
        expect(errors).toEqual([{ line, message: expect.stringContaining('区分は 市・町・村・県・区 のどれかにしてください（「都」）') }]);
      }
    }
    const unclosed = (await postTeams('preview', [header, good, '"甲府市,山梨県,市,甲斐 一郎,ichiro@example.jp,,,'].join('\r\n'))).body as TeamReply;
    expect(unclosed.errors.map((e) => e.line)).toEqual([3]);
    // A row of commas is how Excel saves an empty row: skipped, as in the activity import, and counted.
    const commas = (await postTeams('preview', [header, ',,,,,,,', good, bad].join('\r\n'))).body as TeamReply;
    expect(commas.errors.map((e) => e.line)).toEqual([4]);
  });

  it('a refused file offers nothing to import and names the Excel row', async () => {
    const refused = (await postTeams('preview', [header, good, bad].join('\r\n'))).body as TeamReply;
    const html = await render(createElement(TeamPreview, { ...refused, busy: false }));
    expect(html).toContain('3行目: ');
    expect(html).toContain('Excel で開いたときの行番号');
    expect(html).not.toMatch(/追加|招待リンクを作成|この内容で取り込む/);
  });
});
