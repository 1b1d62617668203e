import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog } from '../../db/schema';
import { createMentorAssignment, createSheetWithVersions } from '../factories';
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

/** What came back; `said` is the start of a refused answer's body, for the failure message. */
type Outcome = { status: number; location: string | null; said: string };

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
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location'), said: (await result.text()).slice(0, 300) };
  const init = (result as { init?: { status?: number } } | null)?.init;
  return { status: init?.status ?? 200, location: null, said: JSON.stringify((result as { data?: unknown } | null)?.data ?? result).slice(0, 300) };
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
  beforeAll(async () => {
    world = await buildWorld();
    // The alumnus is also team A's assigned mentor (メンター): the one who may advise it.
    await createMentorAssignment(getDb(), { teamId: world.teamA.id, personId: world.users.alumni.personId });
    // Last year's team has its final sheet, which the network reads (and its municipality comments on).
    await createSheetWithVersions(getDb(), { teamId: world.pastA.id, versions: 1 });
  });

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

  for (const row of only ? matrix.filter((r) => `${r.file} ${r.intent}` === only) : matrix) {
    it(`${row.method}${row.intent ? ` ${row.intent}` : ''} ${row.path}`, async () => {
      for (const role of roles) {
        const denialsBefore = await deniedCount();
        const outcome = await call(row, world, role);
        const expected = row.cells[role];
        expect(matches(expected, outcome), `${role}: expected ${expected}, got ${outcome.status} ${outcome.location ?? ''} ${outcome.said}`).toBe(true);
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
