import { and, eq, isNull } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { municipalities, people, teamMembers, teams } from '../../db/schema';
import { action as importAction } from '../../app/routes/admin.years.$fiscalYear.import';
import { createMunicipality, createPerson, createProgramYear, createTeam, createUser } from '../factories';
import { actionArgs } from '../helpers';
import { organizerCookie, outcome, tableCounts } from './setup-helpers';

const header = '自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠';
type Preview = { stage: string; errors: { line: number; message: string }[]; teams: { name: string; newTeam: boolean; members: { action: string }[] }[] };
type Done = { stage: 'done'; created: { municipalities: number; teams: number; members: number }; invitations: { email: string; url: string }[] };

let headers: Record<string, string>;
beforeAll(async () => {
  headers = await organizerCookie();
});

async function post(fiscalYear: number, intent: 'preview' | 'confirm', csv: string) {
  return outcome(() => importAction(actionArgs('/x', { intent, csv }, { headers, params: { fiscalYear: String(fiscalYear) } })));
}

describe('CSV import of teams and members', () => {
  it('previews, imports with a BOM, links existing people, and changes nothing the second time', async () => {
    const db = getDb();
    await createProgramYear(db, { fiscalYear: 2070 });
    await createMunicipality(db, { name: '甲府市', prefecture: '山梨県' });
    const alumnus = await createPerson(db, { fullName: '甲斐 一郎' });
    await createUser(db, { email: 'ichiro@example.jp', personId: alumnus.id, passwordHash: 'x' });
    const csv = `\uFEFF${header}\r\n甲府市,山梨県,市,甲斐 一郎,ichiro@example.jp,総務部,人事課,○\r\n甲府市,山梨県,市,山梨 花子,hanako@example.jp,企画部,企画課,\r\n"小布施町",長野県,町,信濃 次郎,jiro@example.jp,総務課,"企画係",\r\n`;

    const before = await tableCounts();
    const preview = await post(2070, 'preview', csv);
    expect(preview.status).toBe(200);
    const p = preview.body as Preview;
    expect(p.errors).toEqual([]);
    expect(p.teams.map((t) => [t.name, t.newTeam, t.members.map((m) => m.action)])).toEqual([
      ['甲府市', true, ['link', 'invite']],
      ['小布施町', true, ['invite']],
    ]);
    expect(await tableCounts()).toEqual(before); // a preview writes nothing

    const done = (await post(2070, 'confirm', csv)).body as Done;
    expect(done.created).toEqual({ municipalities: 1, teams: 2, members: 3 });
    expect(done.invitations.map((i) => i.email)).toEqual(['hanako@example.jp', 'jiro@example.jp']);
    const [town] = await db.select().from(municipalities).where(eq(municipalities.name, '小布施町'));
    expect(town).toMatchObject({ prefecture: '長野県', kind: 'town' });
    const [kofuTeam] = await db
      .select()
      .from(teams)
      .innerJoin(municipalities, eq(municipalities.id, teams.municipalityId))
      .where(and(eq(municipalities.name, '甲府市'), eq(teams.fiscalYear, 2070)));
    const seats = await db
      .select()
      .from(teamMembers)
      .where(and(eq(teamMembers.teamId, kofuTeam!.teams.id), isNull(teamMembers.archivedAt)));
    expect(seats.map((s) => [s.personId, s.isHrSlot, s.department])).toEqual([[alumnus.id, true, '総務部']]);
    expect(await db.select().from(people).where(eq(people.fullName, '甲斐 一郎'))).toHaveLength(1);

    const after = await tableCounts();
    const again = await post(2070, 'preview', csv);
    expect((again.body as Preview).teams.flatMap((t) => t.members.map((m) => m.action))).toEqual(['unchanged', 'unchanged', 'unchanged']);
    const second = (await post(2070, 'confirm', csv.replace('\uFEFF', ''))).body as Done;
    expect(second.created).toEqual({ municipalities: 0, teams: 0, members: 0 });
    expect(second.invitations).toEqual([]);
    expect(await tableCounts()).toEqual(after);
  });

  it('imports the same file sent twice at the same moment once, answering both', async () => {
    await createProgramYear(getDb(), { fiscalYear: 2071 });
    const csv = `${header}\n南魚沼市,新潟県,市,魚沼 一子,ichiko@example.jp,総務部,人事課,○\n南魚沼市,新潟県,市,魚沼 二郎,jiro2@example.jp,企画部,企画課,\n`;
    const before = await tableCounts();
    const both = await Promise.all([post(2071, 'confirm', csv), post(2071, 'confirm', csv)]);
    expect(both.map((r) => r.status)).toEqual([200, 200]);
    const created = both.map((r) => (r.body as Done).created);
    expect(created).toContainEqual({ municipalities: 1, teams: 1, members: 2 });
    expect(created).toContainEqual({ municipalities: 0, teams: 0, members: 0 });
    const after = await tableCounts();
    expect(after.teams! - before.teams!).toBe(1);
    expect(after.municipalities! - before.municipalities!).toBe(1);
  });

  it('refuses the whole file when any line is wrong, naming each line', async () => {
    await createProgramYear(getDb(), { fiscalYear: 2071 });
    const csv = [
      header,
      '三条市,新潟県,市,越後 三郎,saburo@example.jp,総務部,人事課,○',
      '三条市,新潟県,市,越後 四郎,not-an-email,総務部,企画課,',
      '北上市,岩手県,都,岩手 五郎,goro@example.jp,,,',
      '三条市,新潟県,市,越後 六郎,saburo@example.jp,,,',
    ].join('\n');
    const before = await tableCounts();
    const result = await post(2071, 'confirm', csv);
    expect(result.status).toBe(400);
    const errors = (result.body as Preview).errors;
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5]);
    expect(errors[0]!.message).toContain('メールアドレスの形式が正しくありません');
    expect(errors[1]!.message).toContain('区分は 市・町・村・県・区 のどれかにしてください（「都」）');
    expect(errors[2]!.message).toBe('メールアドレス saburo@example.jp が2行目と重複しています');
    expect(await tableCounts()).toEqual(before);
  });

  it('refuses a sixth member of a team, counting those already on it, and a missing column', async () => {
    const db = getDb();
    await createProgramYear(db, { fiscalYear: 2072 });
    const city = await createMunicipality(db, { name: '北上市', prefecture: '岩手県' });
    await createTeam(db, { fiscalYear: 2072, municipalityId: city.id });
    const rows = [1, 2, 3, 4, 5, 6].map((n) => `北上市,岩手県,市,岩手 ${n}郎,iwate${n}@example.jp,,,`);
    const before = await tableCounts();
    const result = await post(2072, 'confirm', [header, ...rows].join('\n'));
    expect(result.status).toBe(400);
    expect((result.body as Preview).errors).toEqual([{ line: 7, message: '北上市チームのメンバーが5名を超えます（1チーム5名まで）' }]);
    const noColumn = await post(2072, 'preview', '自治体名,都道府県,氏名\n北上市,岩手県,岩手 太郎');
    expect((noColumn.body as Preview).errors[0]).toEqual({
      line: 1,
      message: '見出しの行に「区分」「メールアドレス」の列がありません（列の並びは docs/csv.md を参照）',
    });
    expect(await tableCounts()).toEqual(before);
  });

  it('takes the CSV from an uploaded file (multipart) and rejects a file that is not UTF-8', async () => {
    await createProgramYear(getDb(), { fiscalYear: 2073 });
    const send = (bytes: Uint8Array<ArrayBuffer>) => {
      const form = new FormData();
      form.set('intent', 'preview');
      form.set('file', new File([bytes], 'teams.csv', { type: 'text/csv' }));
      const request = new Request('http://localhost/admin/years/2073/import', {
        method: 'POST',
        body: form,
        headers: { ...headers, Origin: 'http://localhost' },
      });
      return outcome(() => importAction({ request, params: { fiscalYear: '2073' }, context: { cspNonce: 'test' } }));
    };
    const ok = await send(new Uint8Array(new TextEncoder().encode(`\uFEFF${header}\n湯沢町,新潟県,町,越後 花子,yuzawa@example.jp,,,`)));
    expect((ok.body as Preview).teams.map((t) => t.name)).toEqual(['湯沢町']);
    const sjis = await send(new Uint8Array([0x8e, 0xa9, 0x8e, 0xa1, 0x91, 0xcc, 0x96, 0xbc])); // 自治体名 in Shift_JIS
    expect(sjis.status).toBe(400);
    expect((sjis.body as { message: string }).message).toContain('UTF-8');
  });
});
