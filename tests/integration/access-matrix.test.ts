import fs from 'node:fs';
import path from 'node:path';
import { eq, inArray, sql } from 'drizzle-orm';
import { strFromU8, unzipSync } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, auditLog, interviewHomework, interviews, sheets, sheetVersions, surveyQuestions } from '../../db/schema';
import { emptySheet } from '../../app/domain/sheet';
import { loadViewer } from '../../app/models/viewers.server';
import { teamAccess, type TeamRef } from '../../app/utils/permissions';
import { createInterview, createMentorAssignment, createSheetComment, createSheetWithVersions, createSurvey } from '../factories';
import { throughBackup } from '../setup/backup-targets';
import { buildWorld, cookieFor, roles, type Role, type World } from '../world';
import { request } from '../helpers';
import { forms, fresh, type Form } from './access-forms';

// Walks every route file and the matrix in docs/access.md, and asserts each cell by calling the
// route's loader or action as that role; an action is called with a valid form for the row's
// intent (access-forms.ts). A route file without a row, an intent without a row, and a declared
// need that differs from the Intents table all fail here.

type Row = { file: string; method: 'GET' | 'POST'; intent: string | null; path: string; cells: Record<Role, string> };

function readMatrix(): Row[] {
  const text = fs.readFileSync(path.resolve('docs/access.md'), 'utf8');
  const table = text.slice(text.indexOf('## Matrix'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cols = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/^`|`$/g, ''));
      const [file, method, routePath, ...cells] = cols;
      const [verb, intent] = method!.split(' ');
      return {
        file: file!,
        method: verb as Row['method'],
        intent: verb === 'POST' ? (intent ?? 'submit') : null,
        path: routePath!,
        cells: Object.fromEntries(roles.map((role, i) => [role, cells[i]!])) as Record<Role, string>,
      };
    });
}

/** The Intents table: file, intent, need. */
function readIntentTable(): { file: string; intent: string; need: string }[] {
  const text = fs.readFileSync(path.resolve('docs/access.md'), 'utf8');
  const start = text.indexOf('## Intents');
  const table = text.slice(start, text.indexOf('\n## ', start));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `') && line.split('|').length === 5)
    .map((line) => {
      const [file, intent, need] = line
        .split('|')
        .slice(1, -1)
        .map((c) => c.trim().replace(/^`|`$/g, ''));
      return { file: file!, intent: intent!, need: need! };
    });
}

// `npm run check:matrix` runs the rows of one intent at a time (MATRIX_ONLY="file intent"), with
// that intent's need weakened in a copy of the code: the rows must then fail.
const only = process.env.MATRIX_ONLY;
const structural = only ? it.skip : it;

/** Team A's surveys at each visibility (`{survey.team}` …), made with the canaries. */
const surveysOfA: Record<string, number> = {};

const routeFiles = fs.readdirSync(path.resolve('app/routes')).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('.test.'));
const matrix = readMatrix();

/** The row's path with its placeholders filled; `{new.…}` ones are made afresh for this call. */
async function fill(template: string, world: World): Promise<{ path: string; ids: Record<string, number | string> }> {
  const ids: Record<string, number | string> = {};
  for (const [, key] of template.matchAll(/\{(new\.[\w.]+)\}/g)) {
    const make = fresh[key!];
    if (!make) throw new Error(`unknown placeholder {${key}} in docs/access.md`);
    ids[key!] = await make(world);
  }
  return {
    path: fillFixed(
      template.replace(/\{(new\.[\w.]+)\}/g, (_, key: string) => String(ids[key])),
      world,
    ),
    ids,
  };
}

function fillFixed(template: string, world: World) {
  const values: Record<string, string | number> = {
    teamA: world.teamA.id,
    teamB: world.teamB.id,
    teamC: world.teamC.id,
    cityA: world.cityA.id,
    cityB: world.cityB.id,
    'interview.team': world.interviews.team.id,
    'interview.municipality': world.interviews.municipality.id,
    'interview.program': world.interviews.program.id,
    'survey.team': surveysOfA.team!,
    'survey.municipality': surveysOfA.municipality!,
    'survey.program': surveysOfA.program!,
    change: world.change.id,
    activity: world.activity.id,
    token: 'x'.repeat(43),
    year: world.year,
    session: world.session.id,
    pastA: world.pastA.id,
    alumniGroup: world.alumniGroup.id,
    facilitatorRequest: world.facilitatorRequest.id,
  };
  return template.replace(/\{([\w.]+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`unknown placeholder {${key}} in docs/access.md`);
    return String(values[key]);
  });
}

/** The route params a URL gives a flat-route file: `teams.$teamId.sheet.tsx` + `/teams/3/sheet`. */
function paramsFor(file: string, urlPath: string): Record<string, string> {
  const segments = file
    .replace(/\.(tsx?|jsx?)$/, '')
    .split('.')
    .filter((s) => s !== '_index');
  const parts = urlPath.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    if (segment === '$') params['*'] = parts.slice(i).join('/');
    else if (segment.startsWith('$')) params[segment.slice(1)] = parts[i]!;
  });
  return params;
}

/** What came back; `said` is the start of a refused answer's body, for the failure message; `text` all of an answer that was given. */
type Outcome = { status: number; location: string | null; said: string; text: string };

function body(form: Form, intent: string) {
  const params = new URLSearchParams();
  if (intent !== 'submit') params.append('intent', intent);
  for (const [name, value] of Object.entries(form)) for (const v of [value].flat()) params.append(name, v);
  return params;
}

async function call(row: Row, world: World, role: Role, intentOverride?: string): Promise<Outcome> {
  const mod = (await import(`../../app/routes/${row.file}`)) as Record<string, (args: unknown) => Promise<unknown>>;
  const { path: urlPath, ids } = await fill(row.path, world);
  const headers = await cookieFor(world, role);
  let req: Request;
  if (row.method === 'GET') req = request(urlPath, { headers });
  else {
    const intent = intentOverride ?? row.intent!;
    // A row may have a form of its own (keyed with its path), e.g. resolving someone else's comment.
    const makeForm = forms[`${row.file} ${row.intent} ${row.path}`] ?? forms[`${row.file} ${row.intent}`];
    if (!makeForm) throw new Error(`no valid form for ${row.file} ${row.intent} in access-forms.ts`);
    const teamId = /^\/teams\/(\d+)/.exec(urlPath)?.[1];
    const userId = role === 'anonymous' ? null : world.users[role].id;
    const form = await makeForm({ world, role, userId, teamId: teamId ? Number(teamId) : null, ids });
    req = request(urlPath, { method: 'POST', body: body(form, intent), headers: { ...headers, Origin: 'http://localhost' } });
  }
  const fn = row.method === 'GET' ? mod.loader : mod.action;
  if (!fn) throw new Error(`${row.file} has no ${row.method === 'GET' ? 'loader' : 'action'}`);
  let result: unknown;
  try {
    result = await fn({ request: req, params: paramsFor(row.file, urlPath), context: { cspNonce: 'test' } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) {
    // A zip (the team's 記録一式) or a .docx is read entry by entry, so the canaries are looked for in what it holds.
    const packed = /zip|officedocument/.test(result.headers.get('Content-Type') ?? '');
    const text = packed ? unpackedText(new Uint8Array(await result.arrayBuffer())) : await result.text();
    return { status: result.status, location: result.headers.get('Location'), said: text.slice(0, 300), text };
  }
  const init = (result as { init?: { status?: number } } | null)?.init;
  // What a loader returns is what its `.data` answer carries.
  const text = JSON.stringify((result as { data?: unknown } | null)?.data ?? result) ?? '';
  return { status: init?.status ?? 200, location: null, said: text.slice(0, 300), text };
}

/** Every entry of a zip as text, a .docx inside it unpacked in turn. */
function unpackedText(bytes: Uint8Array): string {
  return Object.entries(unzipSync(bytes))
    .map(([name, data]) => (name.endsWith('.docx') ? unpackedText(data) : `${name}\n${strFromU8(data)}`))
    .join('\n');
}

function matches(expected: string, outcome: Outcome) {
  const toLogin = outcome.status >= 300 && outcome.status < 400 && (outcome.location ?? '').startsWith('/login');
  switch (expected) {
    case 'login':
      return toLogin;
    case '404':
      return outcome.status === 404;
    case '✗':
      return outcome.status === 403 || outcome.status === 404;
    case '✓':
      return !toLogin && outcome.status < 400;
    case '400':
      return outcome.status === 400;
    default:
      throw new Error(`unknown cell "${expected}" in docs/access.md`);
  }
}

describe('access matrix (docs/access.md)', () => {
  let world: World;
  let putBack: () => Promise<void> = async () => {};
  beforeAll(async () => {
    world = await buildWorld();
    // The alumnus is also team A's assigned mentor (メンター): the one who may advise it.
    await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: world.users.alumni.personId });
    // Last year's team has its final sheet, which the network reads (and its municipality comments on).
    const past = await createSheetWithVersions(getDb(), { teamId: world.pastA.id, versions: 1 });
    await plantCanaries(world, past.id);
    // The matrix runs on what a backup restores (issue 20): the fixtures go through a backup and a restore
    // (to PostgreSQL and back on PGlite when a server is named), and every cell must still hold there.
    putBack = await throughBackup();
  }, 240_000);
  afterAll(() => putBack());

  structural('has rows for every route file, for its loader and its action', async () => {
    for (const file of routeFiles) {
      const mod = (await import(`../../app/routes/${file}`)) as Record<string, unknown>;
      const rows = matrix.filter((r) => r.file === file);
      expect(rows.length, `${file} has no row in docs/access.md`).toBeGreaterThan(0);
      if (mod.loader)
        expect(
          rows.some((r) => r.method === 'GET'),
          `${file}: loader has no GET row`,
        ).toBe(true);
      if (mod.action)
        expect(
          rows.some((r) => r.method === 'POST'),
          `${file}: action has no POST row`,
        ).toBe(true);
    }
    for (const row of matrix) expect(routeFiles, `docs/access.md names a missing file`).toContain(row.file);
  });

  structural('lists every declared intent with its need, and has a row and a valid form for each', async () => {
    const declared: { file: string; intent: string; need: string }[] = [];
    for (const file of routeFiles) {
      const mod = (await import(`../../app/routes/${file}`)) as { action?: unknown; intents?: Record<string, string> };
      if (!mod.action) continue;
      expect(mod.intents, `${file}: an action must declare its intents (export const intents)`).toBeDefined();
      for (const [intent, need] of Object.entries(mod.intents!)) declared.push({ file, intent, need });
    }
    expect(readIntentTable()).toEqual(declared);
    for (const { file, intent } of declared) {
      expect(
        matrix.some((r) => r.file === file && r.intent === intent),
        `${file} ${intent} has no POST row`,
      ).toBe(true);
      expect(forms[`${file} ${intent}`], `${file} ${intent} has no valid form in access-forms.ts`).toBeDefined();
    }
    for (const row of matrix.filter((r) => r.intent)) {
      expect(
        declared.some((d) => d.file === row.file && d.intent === row.intent),
        `${row.file} POST ${row.intent} is not declared`,
      ).toBe(true);
    }
  });

  structural('refuses an intent nobody declared, to everyone, before it runs', async () => {
    for (const file of routeFiles) {
      const row = matrix.find((r) => r.file === file && r.method === 'POST');
      if (!row) continue;
      for (const role of roles.filter((r) => r !== 'anonymous')) {
        const denialsBefore = await deniedCount();
        const outcome = await call(row, world, role, 'no-such-intent');
        // 403, or 404 where the page is a team the role cannot see at all (refused before the form is read).
        expect([403, 404], `${file} as ${role}: got ${outcome.status}`).toContain(outcome.status);
        expect(await deniedCount(), `${file} as ${role}: the refusal was not audited`).toBe(denialsBefore + 1);
      }
    }
  });

  structural('plants canaries the check can see: the team reads all of its own, and its predecessors’ handed-over 宿題', async () => {
    const get = (file: string, urlPath: string): Row => ({ file, method: 'GET', intent: null, path: urlPath, cells: {} as Record<Role, string> });
    const csv = await call(get('teams.$teamId.interviews[.csv].ts', '/teams/{teamA}/interviews.csv'), world, 'member');
    expect(visibilityCodes.filter((v) => csv.text.includes(canary(v)))).toEqual([...visibilityCodes]);
    // The zip is read entry by entry (its sheet versions' Word documents too), so a leak inside it would be seen.
    const zip = await call(get('teams.$teamId.records[.zip].ts', '/teams/{teamA}/records.zip'), world, 'member');
    expect(visibilityCodes.filter((v) => zip.text.includes(canary(v)))).toEqual([...visibilityCodes]);
    expect(zip.text).toMatch(/word\/document\.xml[\s\S]*漏洩カナリア-team/);
    const handover = await call(get('teams.$teamId.handover.tsx', '/teams/{teamA}/handover'), world, 'member');
    expect(visibilityCodes.filter((v) => handover.text.includes(canary(`past-${v}`)))).toEqual(['municipality', 'program']);
    const past = await call(get('teams.$teamId.sheet._index.tsx', '/teams/{pastA}/sheet'), world, 'hr');
    expect(past.text).toContain(canary('past-comment'));
    for (const v of visibilityCodes) {
      const survey = await call(get('teams.$teamId.surveys.$surveyId.tsx', `/teams/{teamA}/surveys/{survey.${v}}`), world, 'member');
      expect(survey.text).toContain(`${canary(v)} 引用した回答`);
      expect(survey.text).toContain(`${canary(v)} 選択肢`);
    }
  });

  for (const row of only ? matrix.filter((r) => `${r.file} ${r.intent}` === only) : matrix) {
    it(`${row.method}${row.intent ? ` ${row.intent}` : ''} ${row.path}`, async () => {
      for (const role of roles) {
        const denialsBefore = await deniedCount();
        const outcome = await call(row, world, role);
        const expected = row.cells[role];
        expect(matches(expected, outcome), `${role}: expected ${expected}, got ${outcome.status} ${outcome.location ?? ''} ${outcome.said}`).toBe(true);
        if (outcome.status < 400) expect(await leakedCanaries(world, role, outcome.text), `${role}: confidential text in the answer`).toEqual([]);
        if (expected === '✗' && role !== 'anonymous') {
          expect(await deniedCount(), `${role}: the denial was not audited`).toBe(denialsBefore + 1);
        }
      }
    });
  }
});

async function deniedCount() {
  const [row] = await getDb()
    .select({ n: sql<number>`count(*)`.mapWith(Number) })
    .from(auditLog)
    .where(eq(auditLog.action, 'access.denied'));
  return row!.n;
}

// Canaries (issue 15): team A's interviews at each visibility carry a marker in every text field, in
// their 宿題 and in their own activities, which team A's sheet cites as evidence; last year's sheet has
// a comment with a marker. Every answer a role is given (a page's loader data, which its `.data` answer
// carries, and every CSV) may hold a marker only where that role may read it.
const canary = (what: string) => `漏洩カナリア-${what}`;
const visibilityCodes = ['team', 'municipality', 'program'] as const;

async function plantCanaries(world: World, pastSheetId: number) {
  const db = getDb();
  for (const v of visibilityCodes) {
    const id = world.interviews[v].id;
    const text = canary(v);
    await db
      .update(interviews)
      .set({ purpose: `${text} 目的`, questions: `${text} 質問`, content: `${text} 内容`, insights: `${text} 気付き`, unease: `${text} モヤモヤ` })
      .where(eq(interviews.id, id));
    await db
      .update(interviewHomework)
      .set({ body: `${text} 宿題`, followUp: `${text} 対応` })
      .where(eq(interviewHomework.interviewId, id));
    await db
      .update(activities)
      .set({ title: `${text} インタビュー`, notes: `${text} メモ` })
      .where(eq(activities.interviewId, id));
  }
  // Team A's surveys at each visibility: the marker in its title, who was asked, a question, an option and
  // its free-text answers (one quoted), and in its own activity (its title is the survey's).
  for (const v of visibilityCodes) {
    const text = canary(v);
    const survey = await createSurvey(db, {
      teamId: world.teamA.id,
      visibility: v,
      title: `${text} アンケート`,
      audience: `${text} 対象`,
      questions: [
        { text: `${text} 質問`, kind: 'single', answered: 10, options: [{ label: `${text} 選択肢`, count: 10, percent: 100 }] },
        { text: `${text} 自由記述`, kind: 'free_text', answered: 2, answers: [{ body: `${text} 引用した回答`, quoted: true }, `${text} 回答`] },
      ],
      activity: { notes: `${text} メモ` },
    });
    surveysOfA[v] = survey.id;
  }
  // Team A's sheet, a new version citing the three interviews' activities and the interviews themselves.
  const cited = await db
    .select({ id: activities.id })
    .from(activities)
    .where(
      inArray(
        activities.interviewId,
        visibilityCodes.map((v) => world.interviews[v].id),
      ),
    );
  const [sheet] = await db.select().from(sheets).where(eq(sheets.teamId, world.teamA.id));
  const surveyRows = await db
    .select({ question: surveyQuestions.id, activity: activities.id })
    .from(surveyQuestions)
    .innerJoin(activities, eq(activities.surveyId, surveyQuestions.surveyId))
    .where(
      inArray(
        surveyQuestions.surveyId,
        visibilityCodes.map((v) => surveysOfA[v]!),
      ),
    );
  const evidence = [
    ...cited.map((a) => ({ kind: 'activity' as const, id: a.id })),
    ...visibilityCodes.map((v) => ({ kind: 'interview' as const, id: world.interviews[v].id })),
    // The surveys' questions and their own activities.
    ...surveyRows.map((r) => ({ kind: 'survey_question' as const, id: r.question })),
    ...[...new Set(surveyRows.map((r) => r.activity))].map((id) => ({ kind: 'activity' as const, id })),
  ];
  const version = sheet!.currentVersion + 1;
  await db.insert(sheetVersions).values({ sheetId: sheet!.id, version, content: { ...emptySheet(), focusInitiatives: [{ text: '対話の場', evidence }] } });
  await db.update(sheets).set({ currentVersion: version }).where(eq(sheets.id, sheet!.id));
  await createSheetComment(db, { sheetId: pastSheetId, body: canary('past-comment') });
  // Last year's team's interviews, whose open 宿題 its successors (team A) read on their handover page.
  for (const v of visibilityCodes) {
    await createInterview(db, { teamId: world.pastA.id, visibility: v, interviewee: `${canary(`past-${v}`)} 相手`, homework: [`${canary(`past-${v}`)} 宿題`] });
  }
}

/** The markers in `text` that `role` may not read. */
async function leakedCanaries(world: World, role: Role, text: string) {
  if (!text.includes('漏洩カナリア')) return [];
  const viewer = role === 'anonymous' ? null : await loadViewer(world.users[role].id);
  const teamA: TeamRef = world.teamA;
  const pastA: TeamRef = world.pastA;
  const leaks: string[] = visibilityCodes.filter((v) => text.includes(canary(v)) && !teamAccess(viewer, teamA).interviewVisibilities.includes(v));
  // As docs/access.md says: comments are read by those who may comment (the grants), not the network.
  if (text.includes(canary('past-comment')) && !teamAccess(viewer, pastA).comment) leaks.push('past-comment');
  // Last year's interviews: as the viewer's access to that team opens them, and, for the next team of
  // its municipality (team A), what was handed over (docs/access.md).
  const successor = viewer?.memberTeamIds.includes(world.teamA.id) ?? false;
  for (const v of visibilityCodes) {
    const readable = teamAccess(viewer, pastA).interviewVisibilities.includes(v) || (successor && v !== 'team');
    if (text.includes(canary(`past-${v}`)) && !readable) leaks.push(`past-${v}`);
  }
  return leaks;
}
