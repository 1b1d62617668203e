import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

// patches/@remix-run+router: the route tree is flattened once per routes array, each pattern compiled
// once, and a path's matches found once and handed out as copies (docs/decisions/0027). The server's
// copy is the CommonJS build, which the patch changes; these tests load that very file.
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

  it('keeps case sensitivity and the end of a pattern apart when compiling', () => {
    expect(router.matchPath({ path: '/admin', caseSensitive: true }, '/ADMIN')).toBeNull();
    expect(router.matchPath({ path: '/admin', caseSensitive: false }, '/ADMIN')).not.toBeNull();
    expect(router.matchPath({ path: '/teams', end: true }, '/teams/5')).toBeNull();
    expect(router.matchPath({ path: '/teams', end: false }, '/teams/5')?.pathnameBase).toBe('/teams');
  });
});
