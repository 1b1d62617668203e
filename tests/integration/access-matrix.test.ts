import fs from 'node:fs';
import path from 'node:path';
import { eq, sql } from 'drizzle-orm';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { auditLog } from '../../db/schema';
import { buildWorld, cookieFor, roles, type Role, type World } from '../world';
import { request } from '../helpers';

// Walks every route file and the matrix in docs/access.md, and asserts each cell by calling the
// route's loader or action as that role. A route file without a row fails here.

type Row = { file: string; method: 'GET' | 'POST'; path: string; cells: Record<Role, string> };

function readMatrix(): Row[] {
  const text = fs.readFileSync(path.resolve('docs/access.md'), 'utf8');
  const table = text.slice(text.indexOf('## Matrix'));
  return table
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cols = line.split('|').slice(1, -1).map((c) => c.trim().replace(/^`|`$/g, ''));
      const [file, method, routePath, ...cells] = cols;
      return {
        file: file!,
        method: method as Row['method'],
        path: routePath!,
        cells: Object.fromEntries(roles.map((role, i) => [role, cells[i]!])) as Record<Role, string>,
      };
    });
}

const routeFiles = fs.readdirSync(path.resolve('app/routes')).filter((f) => /\.(tsx?|jsx?)$/.test(f) && !f.includes('.test.'));
const matrix = readMatrix();

function fill(template: string, world: World) {
  const values: Record<string, string | number> = {
    teamA: world.teamA.id, teamB: world.teamB.id, teamC: world.teamC.id, cityA: world.cityA.id, cityB: world.cityB.id,
    'interview.team': world.interviews.team.id, 'interview.municipality': world.interviews.municipality.id,
    'interview.program': world.interviews.program.id, change: world.change.id, activity: world.activity.id, token: 'x'.repeat(43),
    year: world.year, session: world.session.id,
    pastA: world.pastA.id, alumniGroup: world.alumniGroup.id, facilitatorRequest: world.facilitatorRequest.id,
  };
  return template.replace(/\{([\w.]+)\}/g, (_, key: string) => {
    if (!(key in values)) throw new Error(`unknown placeholder {${key}} in docs/access.md`);
    return String(values[key]);
  });
}

/** The route params a URL gives a flat-route file: `teams.$teamId.sheet.tsx` + `/teams/3/sheet`. */
function paramsFor(file: string, urlPath: string): Record<string, string> {
  const segments = file.replace(/\.(tsx?|jsx?)$/, '').split('.').filter((s) => s !== '_index');
  const parts = urlPath.split('/').filter(Boolean);
  const params: Record<string, string> = {};
  segments.forEach((segment, i) => {
    if (segment === '$') params['*'] = parts.slice(i).join('/');
    else if (segment.startsWith('$')) params[segment.slice(1)] = parts[i]!;
  });
  return params;
}

type Outcome = { status: number; location: string | null };

async function call(row: Row, world: World, role: Role): Promise<Outcome> {
  const mod = (await import(`../../app/routes/${row.file}`)) as Record<string, (args: unknown) => Promise<unknown>>;
  const urlPath = fill(row.path, world);
  const headers = await cookieFor(world, role);
  const req = row.method === 'GET'
    ? request(urlPath, { headers })
    : request(urlPath, { method: 'POST', body: new URLSearchParams(), headers: { ...headers, Origin: 'http://localhost' } });
  const fn = row.method === 'GET' ? mod.loader : mod.action;
  if (!fn) throw new Error(`${row.file} has no ${row.method === 'GET' ? 'loader' : 'action'}`);
  let result: unknown;
  try {
    result = await fn({ request: req, params: paramsFor(row.file, urlPath), context: { cspNonce: 'test' } });
  } catch (thrown) {
    if (!(thrown instanceof Response)) throw thrown;
    result = thrown;
  }
  if (result instanceof Response) return { status: result.status, location: result.headers.get('Location') };
  const init = (result as { init?: { status?: number } } | null)?.init;
  return { status: init?.status ?? 200, location: null };
}

function matches(expected: string, outcome: Outcome, method: Row['method']) {
  const toLogin = outcome.status >= 300 && outcome.status < 400 && (outcome.location ?? '').startsWith('/login');
  switch (expected) {
    case 'login': return toLogin;
    case '404': return outcome.status === 404;
    case '✗': return outcome.status === 403 || outcome.status === 404;
    case '✓':
      if (toLogin || outcome.status >= 500 || outcome.status === 403 || outcome.status === 404) return false;
      return method === 'GET' ? outcome.status < 400 : true;
    default: throw new Error(`unknown cell "${expected}" in docs/access.md`);
  }
}

describe('access matrix (docs/access.md)', () => {
  let world: World;
  beforeAll(async () => {
    world = await buildWorld();
  });

  it('has rows for every route file, for its loader and its action', async () => {
    for (const file of routeFiles) {
      const mod = (await import(`../../app/routes/${file}`)) as Record<string, unknown>;
      const rows = matrix.filter((r) => r.file === file);
      expect(rows.length, `${file} has no row in docs/access.md`).toBeGreaterThan(0);
      if (mod.loader) expect(rows.some((r) => r.method === 'GET'), `${file}: loader has no GET row`).toBe(true);
      if (mod.action) expect(rows.some((r) => r.method === 'POST'), `${file}: action has no POST row`).toBe(true);
    }
    for (const row of matrix) expect(routeFiles, `docs/access.md names a missing file`).toContain(row.file);
  });

  for (const row of matrix) {
    it(`${row.method} ${row.path}`, async () => {
      for (const role of roles) {
        const denialsBefore = await deniedCount();
        const outcome = await call(row, world, role);
        const expected = row.cells[role];
        expect(matches(expected, outcome, row.method), `${role}: expected ${expected}, got ${outcome.status} ${outcome.location ?? ''}`).toBe(true);
        if (expected === '✗' && role !== 'anonymous') {
          expect(await deniedCount(), `${role}: the denial was not audited`).toBe(denialsBefore + 1);
        }
      }
    });
  }
});

async function deniedCount() {
  const [row] = await getDb().select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(eq(auditLog.action, 'access.denied'));
  return row!.n;
}
