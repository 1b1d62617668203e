import { asc, eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { sheets, sheetVersions } from '../../db/schema';
import { action as editAction } from '../../app/routes/teams.$teamId.sheet.edit';
import type { SheetContent } from '../../app/domain/sheet';
import { getItems, getText, sheetFields } from '../../app/domain/sheet-fields';
import type { IntegrityIssue } from '../../app/domain/sheet-integrity';
import { addTeamMember, createPerson, createSheetWithVersions, createTeam, createUser } from '../factories';
import { actionArgs } from '../helpers';
import { sessionCookie } from '../world';

// A save changes only what the person edited (docs/decisions/0009). The browser reports the inputs
// it changed in `_edited`; a field it did not report that arrives different from the version the
// form was based on (as 「市民」 arrived as 「市�民」 when NUL bytes reached the page) is put back and
// shown, and nothing is saved until the person has seen it.

const stored: SheetContent = {
  currentState: '全庁アンケートでは「市役所について満足していますか？」にY:16%/N:84%。\n市民との対話の場が少ない。',
  idealIn10Years: '市民と職員が一緒に地域の未来を語り合う「対話のまち」。',
  targetOrganization: '一人ひとりが自分事として考え、部署を越えて動ける組織。',
  focusInitiatives: [
    { text: '若手職員の対話の場づくり', evidence: [] },
    { text: '人事課と人材育成基本方針を見直す', evidence: [] },
  ],
  oneYearGoal: '対話の場が月1回、自主的に開かれている。',
  actionPlan: { first: [{ text: '人事課長へのインタビュー', evidence: [] }], next: [{ text: '全庁オフサイトミーティング', evidence: [] }], further: [] },
  scenario: { official: '人事課と企画課を通じて市長報告へ。', offsite: 'マネ友のハミダシ隊とオフサイトで仲間を増やす。' },
  keywords: { standpoint: '生活者起点で考える。', valueBased: 'ありたい姿から逆算する。', firstPerson: '「私は」で語る。', dominantLogic: '前例踏襲を疑う。' },
};

/** The form as a browser submits it for this content (every item row and its text). */
function formOf(content: SheetContent, baseVersion: number, extra: Record<string, string> = {}) {
  const form: Record<string, string> = { baseVersion: String(baseVersion), message: '', ...extra };
  for (const field of sheetFields) {
    if (field.kind === 'list') getItems(content, field.key).forEach((item, i) => (form[`${field.key}[${i}].text`] = item.text));
    else form[field.key] = getText(content, field.key);
  }
  return form;
}

let teamId: number;
let cookie: string;
beforeAll(async () => {
  const db = getDb();
  const team = await createTeam(db);
  teamId = team.id;
  const person = await createPerson(db, { municipalityId: team.municipalityId });
  await addTeamMember(db, { teamId, personId: person.id });
  cookie = await sessionCookie((await createUser(db, { personId: person.id, passwordHash: null })).id);
  await createSheetWithVersions(db, { teamId, versions: [{ content: stored }] });
});

/** What a held-back save answers (400), as far as these tests read it; a saved one redirects. */
type HeldBack = { result: { error: Record<string, string[] | null> }; integrity: { issues: IntegrityIssue[]; content: SheetContent } };

async function save(form: Record<string, string>) {
  const result = (await editAction(actionArgs(`/teams/${teamId}/sheet/edit`, form, { params: { teamId: String(teamId) }, headers: { Cookie: cookie } }))) as
    Response | { data: HeldBack; init?: { status?: number } };
  return result instanceof Response ? { status: result.status, body: null } : { status: result.init?.status ?? 200, body: result.data };
}

async function latest() {
  const rows = await getDb()
    .select({ version: sheetVersions.version, content: sheetVersions.content })
    .from(sheetVersions)
    .innerJoin(sheets, eq(sheets.id, sheetVersions.sheetId))
    .where(eq(sheets.teamId, teamId))
    .orderBy(asc(sheetVersions.version));
  return rows.at(-1)!;
}

describe('a save changes only what was edited', () => {
  it('holds back a save whose untouched field arrived altered, puts that field back and shows what arrived', async () => {
    const before = await latest();
    const damaged = { ...stored, idealIn10Years: stored.idealIn10Years.replace('市民', '市\uFFFD民') };
    const edited = { ...damaged, oneYearGoal: '対話の場が月2回、自主的に開かれている。' };
    const outcome = await save(formOf(edited, before.version, { _edited: JSON.stringify(['oneYearGoal']) }));
    expect(outcome.status).toBe(400);
    expect(outcome.body?.result.error['']).toEqual([expect.stringContaining('まだ保存していません')]);
    expect(outcome.body?.integrity.issues).toEqual([
      { key: 'idealIn10Years', kind: 'untouched', stored: stored.idealIn10Years, received: damaged.idealIn10Years },
    ]);
    // The form comes back with the stored text in the untouched field and the person's edit kept.
    expect(outcome.body?.integrity.content).toEqual({ ...stored, oneYearGoal: edited.oneYearGoal });
    expect((await latest()).version).toBe(before.version);
  });

  it('saves the edited field and leaves every other field byte for byte as it was', async () => {
    const before = await latest();
    const oneYearGoal = '対話の場が月2回、自主的に開かれている。\n人事課と一緒に振り返る。';
    const outcome = await save(formOf({ ...before.content, oneYearGoal }, before.version, { _edited: JSON.stringify(['oneYearGoal']) }));
    expect(outcome.status).toBe(302);
    const after = await latest();
    expect(after.version).toBe(before.version + 1);
    for (const field of sheetFields) {
      const expected = field.key === 'oneYearGoal' ? oneYearGoal : getText(before.content, field.key);
      expect(Buffer.from(getText(after.content, field.key)), field.key).toEqual(Buffer.from(expected));
    }
  });

  it('reports list rows and checkboxes by their field: an edited item row counts for its list', async () => {
    const before = await latest();
    const content = { ...before.content, actionPlan: { ...before.content.actionPlan, further: [{ text: '市長報告', evidence: [] }] } };
    const outcome = await save(formOf(content, before.version, { _edited: JSON.stringify(['actionPlan.further[0].text']) }));
    expect(outcome.status).toBe(302);
    expect((await latest()).content.actionPlan.further).toEqual([{ text: '市長報告', evidence: [] }]);
  });

  it('stores the CRLF line breaks a browser posts as LF, in list rows as in text fields', async () => {
    const before = await latest();
    const form = formOf(before.content, before.version, { _edited: JSON.stringify(['focusInitiatives[0].text', 'oneYearGoal']) });
    form['focusInitiatives[0].text'] = '若手職員の対話の場づくり\r\n月1回、昼休みに。';
    form.oneYearGoal = '対話の場が月2回、自主的に開かれている。\r\n人事課と一緒に振り返る。';
    expect((await save(form)).status).toBe(302);
    const after = await latest();
    expect(after.content.focusInitiatives[0]!.text).toBe('若手職員の対話の場づくり\n月1回、昼休みに。');
    expect(after.content.oneYearGoal).toBe('対話の場が月2回、自主的に開かれている。\n人事課と一緒に振り返る。');
  });

  it('refuses U+FFFD or a control character a field gained, even in an edited field or without JavaScript', async () => {
    const before = await latest();
    for (const extra of [{ _edited: JSON.stringify(['currentState']) }, {}] as Record<string, string>[]) {
      const outcome = await save(formOf({ ...before.content, currentState: `${before.content.currentState}市\uFFFD民\u0007` }, before.version, extra));
      expect(outcome.status).toBe(400);
      expect(outcome.body?.integrity.issues.map((i) => [i.key, i.kind])).toEqual([['currentState', 'suspect']]);
    }
    expect((await latest()).version).toBe(before.version);
  });

  it('lets text that was already stored with U+FFFD be saved again unchanged, so old damage never blocks a save', async () => {
    const db = getDb();
    const team = await createTeam(db);
    const person = await createPerson(db, { municipalityId: team.municipalityId });
    await addTeamMember(db, { teamId: team.id, personId: person.id });
    const otherCookie = await sessionCookie((await createUser(db, { personId: person.id, passwordHash: null })).id);
    const old = { ...stored, currentState: '市\uFFFD民との対話' };
    await createSheetWithVersions(db, { teamId: team.id, versions: [{ content: old }] });
    const result = (await editAction(
      actionArgs(`/teams/${team.id}/sheet/edit`, formOf({ ...old, oneYearGoal: '新しい目標' }, 1, { _edited: '["oneYearGoal"]' }), {
        params: { teamId: String(team.id) },
        headers: { Cookie: otherCookie },
      }),
    )) as Response;
    expect(result.status).toBe(302);
  });
});
