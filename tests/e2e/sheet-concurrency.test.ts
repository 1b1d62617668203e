import { asc, eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDb, type DbConfig } from '../../db/client';
import { migrate } from '../../db/migrate';
import { sheets, sheetVersions, users } from '../../db/schema';
import { hashPassword } from '../../app/utils/password.server';
import { addTeamMember, createMunicipality, createPerson, createTeam, createUser } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { faultPassword, serverBackends, signInOver, type ServerBackend } from './fault-helpers';
import { startServer, type RunningServer } from './server';

// Twenty editors save the same sheet at the same moment, over HTTP against the production server:
// each round exactly one save lands, the other nineteen get 409 with their own text handed back,
// and the history holds exactly one new version per round, the winner's. Each backend gets its own
// database and server, so nothing here touches the demo data the other browser tests share.

const editors = 20;
const rounds = 4;
type Fixture = { teamId: number; emails: string[] };

/** A team of three members who can sign in; the sheet does not exist yet (round 1 creates it). */
async function prepareTeam(config: DbConfig): Promise<Fixture> {
  const handle = await openDb(config);
  try {
    await migrate(handle);
    const db = handle.db;
    const city = await createMunicipality(db, { name: '同時編集市', prefecture: '山梨県' });
    const team = await createTeam(db, { municipalityId: city.id, fiscalYear: currentFiscalYear() });
    const passwordHash = await hashPassword(faultPassword);
    const emails: string[] = [];
    for (const n of [1, 2, 3]) {
      const person = await createPerson(db, { municipalityId: city.id, fullName: `同時 編集${n}` });
      const user = await createUser(db, { email: `editor${n}-${Date.now()}@example.jp`, personId: person.id, passwordHash });
      await addTeamMember(db, { teamId: team.id, personId: person.id, isHrSlot: n === 1 });
      emails.push(user.email);
    }
    return { teamId: team.id, emails };
  } finally {
    await handle.close();
  }
}

const backends = serverBackends('sheet-race');

describe.each(backends)('twenty concurrent editors of one sheet on $name', ({ open }) => {
  let backend: Awaited<ReturnType<ServerBackend['open']>>;
  let server: RunningServer | undefined;
  let fixture: Fixture;
  let cookies: string[];
  const winners: { round: number; editor: number; text: string; message: string }[] = [];

  beforeAll(async () => {
    backend = await open();
    fixture = await prepareTeam(backend.config);
    server = await startServer({ ...backend.env, COOKIE_SECURE: 'false' });
    // Several sessions per person: each of the three members signs in on several devices.
    cookies = [];
    for (let i = 0; i < editors; i++) cookies.push(await signInOver(server.url, fixture.emails[i % fixture.emails.length]!));
  });
  afterAll(async () => {
    await server?.stop();
    await backend?.cleanup();
  });

  const save = (editor: number, baseVersion: number, text: string, message: string) =>
    fetch(`${server!.url}/teams/${fixture.teamId}/sheet/edit`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: server!.url, Cookie: cookies[editor]! },
      body: new URLSearchParams({ baseVersion: String(baseVersion), currentState: text, 'focusInitiatives[0].text': `${text}の重点`, message }),
    });

  it('each round: one save lands, nineteen get 409 with their own text back', async () => {
    for (let round = 1; round <= rounds; round++) {
      const base = round - 1; // round 1 races to create the sheet
      const texts = Array.from({ length: editors }, (_, i) => `第${round}回戦・編集者${i + 1}の現状 <b>太字?</b>`);
      const answers = await Promise.all(texts.map((text, i) => save(i, base, text, `第${round}回戦-編集者${i + 1}`)));
      const bodies = await Promise.all(answers.map((res) => res.text()));
      const statuses = answers.map((res) => res.status);
      const won = statuses.flatMap((s, i) => (s >= 200 && s < 400 ? [i] : []));
      expect(won, `round ${round}: ${JSON.stringify(statuses)}`).toHaveLength(1);
      expect(
        statuses.filter((s) => s === 409),
        `round ${round}: ${JSON.stringify(statuses)}`,
      ).toHaveLength(editors - 1);
      const winner = won[0]!;
      expect(answers[winner]!.status).toBe(302);
      expect(answers[winner]!.headers.get('location')).toBe(`/teams/${fixture.teamId}/sheet`);
      expect(answers[winner]!.headers.get('set-cookie')).toMatch(/^jinmane_notice=/);
      for (const [i, body] of bodies.entries()) {
        if (i === winner) continue;
        // The refused editor's own text comes back (escaped), so nothing typed is lost either.
        expect(body).toContain(`第${round}回戦・編集者${i + 1}の現状 &lt;b&gt;太字?&lt;/b&gt;`);
      }
      winners.push({ round, editor: winner, text: texts[winner]!, message: `第${round}回戦-編集者${winner + 1}` });
    }
  });

  it("the history page lists one version per round, the winner's", async () => {
    expect(winners).toHaveLength(rounds);
    const res = await fetch(`${server!.url}/teams/${fixture.teamId}/sheet/history`, { headers: { Cookie: cookies[0]! } });
    expect(res.status).toBe(200);
    const html = await res.text();
    for (const w of winners) expect(html).toContain(w.message);
    for (let round = 1; round <= rounds; round++) {
      const losers = Array.from({ length: editors }, (_, i) => i).filter((i) => i !== winners[round - 1]!.editor);
      for (const i of losers) expect(html).not.toContain(`第${round}回戦-編集者${i + 1}<`);
    }
  });

  it("the database holds exactly versions 1…N, each the round winner's text and author", async () => {
    await server?.stop(); // PGlite keeps its folder to one process
    server = undefined;
    const handle = await openDb(backend.config);
    try {
      const [sheet] = await handle.db.select().from(sheets).where(eq(sheets.teamId, fixture.teamId));
      expect(sheet!.currentVersion).toBe(rounds);
      const versions = await handle.db
        .select({ version: sheetVersions.version, content: sheetVersions.content, message: sheetVersions.message, email: users.email })
        .from(sheetVersions)
        .leftJoin(users, eq(users.id, sheetVersions.authorUserId))
        .where(eq(sheetVersions.sheetId, sheet!.id))
        .orderBy(asc(sheetVersions.version));
      expect(versions.map((v) => [v.version, v.content.currentState, v.message, v.email])).toEqual(
        winners.map((w) => [w.round, w.text, w.message, fixture.emails[w.editor % fixture.emails.length]]),
      );
    } finally {
      await handle.close();
    }
  });
});
