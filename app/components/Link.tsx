import { createElement, type ComponentProps } from 'react';
import { Link as RemixLink, useLocation } from '@remix-run/react';

// The app's one link inside the app: Remix's <Link>, except while the server renders a page, where a link to
// an address written out ("/teams/12/activities?from=…", or "?year=2026" on the same page) is written as the
// anchor Remix's would write, without its twenty-odd hooks (the address resolved twice, the click handler,
// prefetching, refs): a tenth of a long page's server time (decision 0027). In the browser it is always
// Remix's <Link>, which hydrates that same markup and handles the click. app/components/Link.test.tsx renders both
// on the server, for any address and any current page, and compares the markup.

type Props = ComponentProps<typeof RemixLink>;

/**
 * The href React Router would give `to`, where that is the string itself (or the current path before it):
 * an absolute path with no `.`/`..` segment, `//` or `#`, or a query alone. Anything else: undefined.
 */
export function plainHref(to: string, pathname: string): string | undefined {
  if (to.includes('#') || to.endsWith('?')) return undefined;
  if (to.startsWith('?')) return pathname + to;
  if (!to.startsWith('/')) return undefined;
  const path = to.split('?', 1)[0]!;
  if (path.includes('//') || /\/\.\.?(?:\/|$)/.test(path)) return undefined;
  return to;
}

/** What Remix's and React Router's links take for themselves; the other props end up on the <a>, as with theirs. */
const ownProps: Record<string, true> = {
  to: true,
  prefetch: true,
  discover: true,
  onClick: true,
  relative: true,
  reloadDocument: true,
  replace: true,
  state: true,
  target: true,
  preventScrollReset: true,
  viewTransition: true,
};

export function Link(props: Props) {
  const { pathname } = useLocation();
  const { to, prefetch = 'none', discover = 'render', reloadDocument } = props;
  const href =
    typeof document === 'undefined' && typeof to === 'string' && prefetch === 'none' && discover === 'render' && !reloadDocument
      ? plainHref(to, pathname)
      : undefined;
  if (href === undefined) return <RemixLink {...props} />;
  // Copied key by key into one new object, in Remix's order (an object rest and a spread cost a microsecond a link).
  const anchor: Record<string, unknown> = {};
  for (const key in props) if (ownProps[key] !== true) anchor[key] = props[key as keyof Props];
  anchor['data-discover'] = 'true';
  anchor.href = href;
  anchor.target = props.target;
  return createElement('a', anchor);
}
