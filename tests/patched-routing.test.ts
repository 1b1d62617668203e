import { createRequire } from 'node:module';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// patches/@remix-run+router: the route tree is flattened once per routes array, each pattern compiled
// once, a path's matches found once and handed out as copies, and an absolute link's address resolved once
// (docs/decisions/0027). The server's copy is the CommonJS build, which the patch changes; these tests load
// that very file.
const require = createRequire(import.meta.url);
const router = require('@remix-run/router') as typeof import('@remix-run/router');
type Route = import('@remix-run/router').AgnosticRouteObject;

const routes: Route[] = [
  {
    id: 'root',
    path: '',
    children: [
      { id: 'index', index: true },
      {
        id: 'teams',
        path: 'teams/:teamId',
        children: [
          { id: 'team-index', index: true },
          { id: 'activities', path: 'activities' },
          { id: 'activity', path: 'activities/:activityId' },
        ],
      },
      { id: 'admin', path: 'admin', caseSensitive: true, children: [{ id: 'year', path: 'years/:fiscalYear' }] },
      { id: 'splat', path: '*' },
    ],
  },
];

/** The same tree made again: what an unpatched router would match against. */
const fresh = (): Route[] => structuredClone(routes);
const shape = (matches: ReturnType<typeof router.matchRoutes>) =>
  matches?.map((m) => ({ id: m.route.id, pathname: m.pathname, base: m.pathnameBase, params: m.params }));

describe('the patched route matching', () => {
  it('is patched (the build this runs on keeps its ranked routes)', () => {
    const source = require('node:fs').readFileSync(require.resolve('@remix-run/router'), 'utf8') as string;
    expect(source).toContain('jinmane patch');
    expect(source).toContain('resolvedAbsolute'); // the link addresses' hunk
  });

  it('matches any path as a fresh tree does, however often the same tree is asked', () => {
    const segment = fc.oneof(
      fc.constantFrom('teams', 'activities', 'admin', 'ADMIN', 'years', '541', '2026', '', '%E7%94%B2%E5%BA%9C'),
      fc.stringMatching(/^[a-z0-9-]{1,6}$/),
    );
    fc.assert(
      fc.property(fc.array(segment, { maxLength: 5 }), (segments) => {
        const path = '/' + segments.join('/');
        expect(shape(router.matchRoutes(routes, path))).toEqual(shape(router.matchRoutes(fresh(), path)));
        expect(shape(router.matchRoutes(routes, path))).toEqual(shape(router.matchRoutes(fresh(), path)));
      }),
      { numRuns: 200 },
    );
  });

  it('hands out copies: changing one answer changes no later one', () => {
    const first = router.matchRoutes(routes, '/teams/541/activities/7')!;
    expect(first.map((m) => m.route.id)).toEqual(['root', 'teams', 'activity']);
    (first[2]!.params as Record<string, string>).activityId = 'changed';
    first.pop();
    const again = router.matchRoutes(routes, '/teams/541/activities/7')!;
    expect(again.map((m) => m.route.id)).toEqual(['root', 'teams', 'activity']);
    expect(again[2]!.params).toEqual({ teamId: '541', activityId: '7' });
    // Every match of one answer shares its params, as the unpatched router's do.
    expect(again[0]!.params).toBe(again[2]!.params);
  });

  it("resolves a link's address as the unpatched router does, from any route and location, and hands out copies", async () => {
    // The ES module build is not patched (the server loads the CommonJS one): the reference.
    const unpatched = (await import(path.join(path.dirname(require.resolve('@remix-run/router')), 'router.js'))) as typeof router;
    const piece = fc.constantFrom('teams', '541', 'activities', '..', '.', '', 'sheet', '%E7%94%B2', '?from=2026-04-06&to=2026-04-12', '#main', '/');
    const address = fc.tuple(fc.constantFrom('/', '', '//', '..', './'), fc.array(piece, { maxLength: 5 })).map(([head, rest]) => head + rest.join('/'));
    const pathnames = fc.array(fc.constantFrom('/', '/teams/541', '/teams/541/activities', '/admin'), { minLength: 1, maxLength: 3 });
    const location = fc.constantFrom('/', '/teams/541', '/teams/541/', '/admin/years/2026');
    fc.assert(
      fc.property(address, pathnames, location, fc.boolean(), (to, routePathnames, at, relative) => {
        const expected = unpatched.resolveTo(to, routePathnames, at, relative);
        const answer = router.resolveTo(to, routePathnames, at, relative);
        expect(answer, to).toEqual(expected);
        answer.pathname = '/changed';
        expect(router.resolveTo(to, routePathnames, at, relative), to).toEqual(expected);
      }),
      { numRuns: 300 },
    );
  });

  it('keeps case sensitivity and the end of a pattern apart when compiling', () => {
    expect(router.matchPath({ path: '/admin', caseSensitive: true }, '/ADMIN')).toBeNull();
    expect(router.matchPath({ path: '/admin', caseSensitive: false }, '/ADMIN')).not.toBeNull();
    expect(router.matchPath({ path: '/teams', end: true }, '/teams/5')).toBeNull();
    expect(router.matchPath({ path: '/teams', end: false }, '/teams/5')?.pathnameBase).toBe('/teams');
  });
});
