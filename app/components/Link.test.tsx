import { Link as RemixLink, NavLink as RemixNavLink, Outlet } from '@remix-run/react';
import fc from 'fast-check';
import { useId, type ComponentProps, type ComponentType } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { describe, expect, it, vi } from 'vitest';
import { Link, NavLink, plainHref } from './Link';

// ~/components/Link writes a plain address's anchor itself while the server renders (decision 0027); in the
// browser Remix's <Link> hydrates that markup, so the two must write the same, for any address from any page.

const remixLinkRenders = vi.hoisted(() => ({ count: 0 }));
vi.mock('@remix-run/react', async (original) => {
  const actual = await original<typeof import('@remix-run/react')>();
  const Counted = (props: ComponentProps<typeof actual.Link>) => {
    remixLinkRenders.count++;
    return <actual.Link {...props} />;
  };
  const CountedNav = (props: ComponentProps<typeof actual.NavLink>) => {
    remixLinkRenders.count++;
    return <actual.NavLink {...props} />;
  };
  return { ...actual, Link: Counted, NavLink: CountedNav };
});

/** The markup of one link on the server, rendered inside the page at `location` as Remix renders pages. */
async function markup<P extends object>(Component: ComponentType<P>, props: P, location: string) {
  const element = (
    <>
      <Component {...props} />
      <Outlet />
    </>
  );
  const routes = [
    {
      path: '/',
      element,
      children: [
        { path: 'teams/:teamId/*', element },
        { path: 'admin', element },
        { path: '*', element },
      ],
    },
  ];
  const handler = createStaticHandler(routes);
  const context = await handler.query(new Request(new URL(location, 'http://localhost')));
  if (context instanceof Response) throw new Error(`${location}: ${context.status}`);
  return renderToStaticMarkup(<StaticRouterProvider router={createStaticRouter(handler.dataRoutes, context)} context={context} hydrate={false} />);
}

const segment = fc.oneof(
  fc.constantFrom('teams', '12', 'activities', 'sheet', 'history', 'admin', '.', '..', '', 'csv', 'a.b'),
  fc.string({ unit: fc.constantFrom('a', 'Z', '9', '-', '_', '%', '2', 'F', '日', '本', ' ', '.', '~') }),
);
const query = fc.array(
  fc.tuple(
    fc.constantFrom('year', 'from', 'to', 'q', 'sort', 'dir', ''),
    fc.string({ unit: fc.constantFrom('2', '0', '-', '日', '&', '=', '?', '%', '+', ' ', '/') }),
  ),
  { maxLength: 3 },
);
/** Addresses as the app writes them, and the odd ones: `.`/`..`, `//`, a lone `?`, `#`, no slash, a full URL. */
const address = fc.oneof(
  fc
    .tuple(fc.array(segment, { minLength: 1, maxLength: 4 }), query)
    .map(([parts, q]) => `/${parts.join('/')}${q.length ? `?${q.map(([k, v]) => `${k}=${v}`).join('&')}` : ''}`),
  query.map((q) => `?${q.map(([k, v]) => `${k}=${v}`).join('&')}`),
  fc.constantFrom(
    '/',
    '?',
    '/teams?',
    '/teams#x',
    '?a=1#b',
    '#top',
    '//example.com/x',
    'https://example.com/',
    'activities',
    '../sheet',
    '.',
    '',
    '/teams/./12',
    '/teams/../admin',
    '/teams/',
  ),
);
const location = fc.constantFrom('/', '/admin', '/admin?year=2026', '/teams/12', '/teams/12/', '/teams/12/activities', '/teams/12/sheet/history?x=1');
const extras = fc.record(
  {
    className: fc.constantFrom('button', 'tag'),
    'aria-label': fc.constantFrom('甲府市を編集', '"<&>"'),
    preventScrollReset: fc.boolean(),
    replace: fc.boolean(),
    target: fc.constantFrom('_self', '_blank'),
    reloadDocument: fc.boolean(),
  },
  { requiredKeys: [] },
);
const children = fc.constantFrom('令和8年4月6日', '<script>&"', '');

describe("the app's link, rendered on the server", () => {
  it('writes what Remix’s <Link> writes, for any address from any page', async () => {
    await fc.assert(
      fc.asyncProperty(address, location, extras, children, async (to, at, props, text) => {
        const all = { ...props, to, children: text };
        expect(await markup(Link, all, at)).toBe(await markup(RemixLink, all, at));
      }),
      { numRuns: 300 },
    );
  });

  it('writes a plain address without Remix’s <Link>, and hands the others to it', async () => {
    remixLinkRenders.count = 0;
    const page = await markup(Link, { to: '/teams/12/activities?from=2026-04-06&to=2026-04-12', children: '4月6日' }, '/teams/12');
    expect(page).toContain('href="/teams/12/activities?from=2026-04-06&amp;to=2026-04-12"');
    await markup(Link, { to: '?year=2026', className: 'tag', children: '2026' }, '/admin');
    expect(remixLinkRenders.count).toBe(0);
    await markup(Link, { to: 'activities', children: '活動' }, '/teams/12');
    await markup(Link, { to: '/teams/../admin', children: '管理' }, '/teams/12');
    await markup(Link, { to: '/teams/12', reloadDocument: true, children: '再読み込み' }, '/teams/12');
    expect(remixLinkRenders.count).toBe(3 * 2); // three links, each rendered by the page's two routes
  });

  it('takes as plain only an absolute path without dot segments, //, # or a lone ?, or a query alone', () => {
    expect(plainHref('/teams/12', '/')).toBe('/teams/12');
    expect(plainHref('/teams/12/activities?from=a&to=b', '/')).toBe('/teams/12/activities?from=a&to=b');
    expect(plainHref('?year=2026', '/admin')).toBe('/admin?year=2026');
    for (const odd of ['/teams/../x', '/teams/./x', '/teams/..', '/a//b', '//host/x', '/x#y', '/x?', '?', 'x', '', 'https://a/']) {
      expect(plainHref(odd, '/admin')).toBeUndefined();
    }
  });

  it('writes a menu’s NavLink as Remix’s does, marked on its page and below it unless `end`', async () => {
    const segment = fc.constantFrom('teams', 'Teams', '12', 'activities', 'admin', 'alumni', 'directory', '', 'a.b', '日本', '%E6', '~x');
    const to = fc.oneof(
      fc.array(segment, { minLength: 0, maxLength: 3 }).map((parts) => `/${parts.join('/')}`),
      fc.constantFrom('/', '/teams/', '/teams?x=1', '/teams#a', 'activities', '..'),
    );
    const page = fc.constantFrom('/', '/teams', '/TEAMS/12', '/teams/12', '/teams/12/', '/teams/12/activities', '/teams12', '/admin', '/alumni/directory');
    const navProps = fc.record(
      {
        end: fc.boolean(),
        caseSensitive: fc.boolean(),
        className: fc.constantFrom('', 'tab', 'site-nav__link'),
        'aria-current': fc.constantFrom('page', 'step', undefined),
        reloadDocument: fc.boolean(),
      },
      { requiredKeys: [] },
    );
    await fc.assert(
      fc.asyncProperty(to, page, navProps, async (address, at, props) => {
        const all = { ...props, to: address, children: 'チーム' };
        // An address Remix cannot write ("//teams") throws in both.
        const outcome = (written: Promise<string>) => written.catch((error: unknown) => `threw ${error instanceof Error ? error.name : String(error)}`);
        expect(await outcome(markup(NavLink, all, at))).toBe(await outcome(markup(RemixNavLink, all, at)));
      }),
      { numRuns: 300 },
    );
    // The cases that matter most, each for sure: letter case, a trailing slash, `end`, a longer name.
    for (const [address, at, props] of [
      ['/teams', '/TEAMS/12', {}],
      ['/teams', '/TEAMS/12', { caseSensitive: true }],
      ['/Teams/', '/teams/12', {}],
      ['/teams/12', '/teams/12/', { end: true }],
      ['/teams', '/teams12', {}],
      ['/', '/admin', { end: true }],
      ['/', '/admin', {}],
    ] as const) {
      const all = { ...props, to: address, children: 'チーム' };
      expect(await markup(NavLink, all, at), `${address} at ${at}`).toBe(await markup(RemixNavLink, all, at));
    }
    remixLinkRenders.count = 0;
    expect(await markup(NavLink, { to: '/teams', children: 'チーム' }, '/teams/12')).toContain('aria-current="page" class="active" href="/teams"');
    expect(await markup(NavLink, { to: '/teams/12', end: true, children: '概要' }, '/teams/12/activities')).toContain('class="" href="/teams/12"');
    expect(remixLinkRenders.count).toBe(0);
  });

  it('puts a child where Remix’s does, so an id made with useId inside a link, and after it, is the same', async () => {
    const Labelled = () => <span id={useId()}>名前</span>;
    const Page = ({ Link: Shown }: { Link: ComponentType<{ to: string; children: React.ReactNode }> }) => (
      <div>
        <Labelled />
        <Shown to="/teams/12">
          <Labelled />
        </Shown>
        <Labelled />
      </div>
    );
    for (const [ours, theirs] of [
      [Link, RemixLink],
      [NavLink, RemixNavLink],
    ] as const) {
      const written = await markup(Page, { Link: ours as never }, '/teams/12');
      expect(written).toBe(await markup(Page, { Link: theirs as never }, '/teams/12'));
      expect(written.match(/id=":[^"]+:"/g)).toHaveLength(3 * 2); // three ids on each of the page's two routes
    }
  });
});
