import { eq } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog, sheetComments } from '../../db/schema';
import { emptySheet } from '../../app/domain/sheet';
import { loader as diffLoader } from '../../app/routes/teams.$teamId.sheet.diff';
import { loader as printLoader } from '../../app/routes/teams.$teamId.sheet.print';
import { action as sheetAction, loader as sheetLoader } from '../../app/routes/teams.$teamId.sheet._index';
import { createHrViewer, createSheetComment, createSheetWithVersions, createTeam, createMunicipality } from '../factories';
import { actionArgs, loaderArgs, thrownResponse, loaded } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

let world: World;
const cookie = async (role: 'member' | 'partner' | 'hr' | 'outsider' | 'organizer') => ({ Cookie: await sessionCookie(world.users[role].id) });
const params = () => ({ teamId: String(world.teamA.id) });
const post = async (role: Parameters<typeof cookie>[0], form: Record<string, string>) => {
  try {
    return await sheetAction(actionArgs(`/teams/${world.teamA.id}/sheet`, form, { params: params(), headers: await cookie(role) }));
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
};
const statusOf = (r: unknown) => (r instanceof Response ? r.status : ((r as { init?: { status?: number } }).init?.status ?? 200));

beforeAll(async () => {
  world = await buildWorld();
});

describe('comments on the sheet', () => {
  it('carries a dialogue partner’s comment to the team, with the version it was made on', async () => {
    const res = await post('partner', { intent: 'comment', section: 'focusInitiatives', body: '熊本市チームです。重点取組、もう少し絞れそうですね。' });
    expect(statusOf(res)).toBe(302);
    const page = await loaded(sheetLoader(loaderArgs(`/teams/${world.teamA.id}/sheet`, { params: params(), headers: await cookie('member') })));
    const comment = page.comments.find((c) => c.body.startsWith('熊本市チームです'));
    expect(comment).toMatchObject({ section: 'focusInitiatives', version: 2, authorUserId: world.users.partner.id, resolvedAt: null });
    expect(page.open.focusInitiatives).toBe(1);
    const [audit] = await getDb().select().from(auditLog).where(eq(auditLog.entityType, 'sheet_comment'));
    expect(audit).toMatchObject({ action: 'create', userId: world.users.partner.id });
  });

  it('lets the team resolve and reopen it; the unresolved count follows', async () => {
    const [comment] = await getDb().select().from(sheetComments).where(eq(sheetComments.teamId, world.teamA.id));
    const counts = async () =>
      (await loaded(sheetLoader(loaderArgs(`/teams/${world.teamA.id}/sheet`, { params: params(), headers: await cookie('member') })))).open;
    expect(statusOf(await post('member', { intent: 'resolve', commentId: String(comment!.id) }))).toBe(302);
    expect((await counts()).focusInitiatives).toBeUndefined();
    expect(statusOf(await post('member', { intent: 'reopen', commentId: String(comment!.id) }))).toBe(302);
    expect((await counts()).focusInitiatives).toBe(1);
    // HR may comment, but not resolve someone else's comment.
    expect(statusOf(await post('hr', { intent: 'resolve', commentId: String(comment!.id) }))).toBe(404);
    expect(statusOf(await post('hr', { intent: 'comment', section: 'actionPlan', body: '人事課です。研修計画と連動できます。' }))).toBe(302);
    expect((await counts()).actionPlan).toBe(1);
  });

  it('refuses an empty comment, an unknown section and an outsider', async () => {
    expect(statusOf(await post('partner', { intent: 'comment', section: 'focusInitiatives', body: '   ' }))).toBe(400);
    expect(statusOf(await post('partner', { intent: 'comment', section: 'nope', body: 'こんにちは' }))).toBe(400);
    expect(statusOf(await post('outsider', { intent: 'comment', section: 'focusInitiatives', body: 'こんにちは' }))).toBe(404);
    // A partner sees the sheet, so the refusal of a need they lack is a 403 (not a 404 that hides it).
    expect(statusOf(await post('partner', { intent: 'handover' }))).toBe(403);
  });
});

describe('diff and print', () => {
  it('highlights a changed Japanese sentence by characters, side by side', async () => {
    const db = getDb();
    const team = await createTeam(db, { municipalityId: world.cityA.id, fiscalYear: world.year - 2 });
    const first = { ...emptySheet(), currentState: '若手職員が意見を言いにくい。対話の場が少ない。' };
    const second = { ...emptySheet(), currentState: '若手職員が意見を言いやすい。対話の場が少ない。\n管理職も対話を望んでいる。' };
    await createSheetWithVersions(db, { teamId: team.id, versions: [{ content: first }, { content: second }] });
    const data = await diffLoader(
      loaderArgs(`/teams/${team.id}/sheet/diff?from=1&to=2`, { params: { teamId: String(team.id) }, headers: await cookie('organizer') }),
    );
    const field = data.compare!.diffs.find((d) => d.key === 'currentState')!;
    expect(field.changed).toBe(true);
    expect(field.left.filter((s) => s.op === 'del').map((s) => s.text)).toEqual(['にく']);
    expect(field.right.filter((s) => s.op === 'ins').map((s) => s.text)).toEqual(['やす', '\n管理職も対話を望んでいる。']);
    expect(field.left.map((s) => s.text).join('')).toBe(first.currentState);
    expect(field.right.map((s) => s.text).join('')).toBe(second.currentState);
    expect(data.compare!.diffs.find((d) => d.key === 'oneYearGoal')!.changed).toBe(false);
  });

  it('prints the current or an asked version, and 404s a version of another team', async () => {
    const headers = await cookie('member');
    const current = await printLoader(loaderArgs(`/teams/${world.teamA.id}/sheet/print`, { params: params(), headers }));
    expect(current.sheet?.version).toBe(2);
    const first = await printLoader(loaderArgs(`/teams/${world.teamA.id}/sheet/print?version=1`, { params: params(), headers }));
    expect(first.sheet?.content.currentState).toBe('第1版の現状');
    const other = await createTeam(getDb(), { municipalityId: (await createMunicipality(getDb())).id, fiscalYear: world.year });
    await createSheetWithVersions(getDb(), { teamId: other.id, versions: 3 });
    const res = await thrownResponse(() => printLoader(loaderArgs(`/teams/${world.teamA.id}/sheet/print?version=3`, { params: params(), headers })));
    expect(res.status).toBe(404);
  });
});

describe("a past team's sheet read by the network", () => {
  it('shows the sheet without the comments on it; the team’s own municipality still reads them', async () => {
    const db = getDb();
    const city = await createMunicipality(db, { name: '釜石市', prefecture: '岩手県' });
    const past = await createTeam(db, { municipalityId: city.id, fiscalYear: world.year - 1 });
    const hr = await createHrViewer(db, { municipalityId: city.id });
    const sheet = await createSheetWithVersions(db, { teamId: past.id, versions: 1 });
    await createSheetComment(db, { sheetId: sheet.id, body: 'コメントカナリア：市長はこの方針に反対' });
    const read = async (userId: number) => {
      const headers = { Cookie: await sessionCookie(userId) };
      const data = await loaded(await sheetLoader(loaderArgs(`/teams/${past.id}/sheet`, { params: { teamId: String(past.id) }, headers })));
      return { sheet: Boolean(data.sheet), text: JSON.stringify(data), open: data.open };
    };
    // outsider: a member of a team of another municipality this year, so the network scope on last year's team.
    const network = await read(world.users.outsider.id);
    expect(network.sheet).toBe(true);
    expect(network.text).not.toContain('コメントカナリア');
    expect(network.open).toEqual({});
    const own = await read(hr.userId);
    expect(own.text).toContain('コメントカナリア');
    expect(own.open).toEqual({ focusInitiatives: 1 });
  });
});
