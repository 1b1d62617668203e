import { createElement, forwardRef, Fragment, type ComponentProps, type MouseEvent, type ReactElement } from 'react';
import { Link as RemixLink, NavLink as RemixNavLink, useLocation, useNavigate } from '@remix-run/react';

// The app's one link inside the app: Remix's <Link>, except while the server renders a page, where a link to
// an address written out ("/teams/12/activities?from=…", or "?year=2026" on the same page) is written as the
// anchor Remix's would write, without its twenty-odd hooks (the address resolved twice, the click handler,
// prefetching, refs): a tenth of a long page's server time (decision 0027). In the browser it is always
// Remix's <Link>, which hydrates that same markup and handles the click. NavLink, the menus' and tabs' link
// that marks the current page, likewise. app/components/Link.test.tsx renders both on the server, for any
// address and any current page, and compares the markup.

type Props = ComponentProps<typeof RemixLink>;
type NavProps = ComponentProps<typeof RemixNavLink>;

/**
 * The href React Router would give `to`, where that is the string itself (or the current path before it):
 * an absolute path with no `.`/`..` segment, `//`, `#` or backslash (a browser reads `/\` as `//`), or a query
 * alone. Anything else: undefined.
 */
export function plainHref(to: string, pathname: string): string | undefined {
  if (to.includes('#') || to.includes('\\') || to.endsWith('?')) return undefined;
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

/**
 * The anchor in the place Remix's puts it: its <Link> renders a fragment of two (the anchor, and prefetch links
 * or nothing), and React numbers useId by such places, so a child's id matches in the browser.
 */
const asRemixPlacesIt = (anchor: ReactElement) => createElement(Fragment, null, anchor, null);

export const Link = forwardRef<HTMLAnchorElement, Props>(function Link(props, ref) {
  const { pathname } = useLocation();
  const { to, prefetch = 'none', discover = 'render', reloadDocument } = props;
  const href =
    typeof document === 'undefined' && typeof to === 'string' && prefetch === 'none' && discover === 'render' && !reloadDocument
      ? plainHref(to, pathname)
      : undefined;
  if (href === undefined) return <RemixLink {...props} ref={ref} />;
  // Copied key by key into one new object, in Remix's order (an object rest and a spread cost a microsecond a link).
  const anchor: Record<string, unknown> = {};
  for (const key in props) if (ownProps[key] !== true) anchor[key] = (props as Record<string, unknown>)[key];
  anchor['data-discover'] = 'true';
  anchor.href = href;
  anchor.target = props.target;
  return asRemixPlacesIt(createElement('a', anchor));
});

/** What NavLink takes for itself besides a link's own props. */
const navOwnProps: Record<string, true> = { ...ownProps, 'aria-current': true, caseSensitive: true, className: true, end: true, style: true, children: true };

/**
 * A menu's or tab's link, marked `aria-current` and `active` on its page (and below it, unless `end`). Written
 * out on the server for an absolute path of plain characters (the ones React Router's address encoding keeps
 * as they are), with a class, style and children that are not functions.
 */
export const NavLink = forwardRef<HTMLAnchorElement, NavProps>(function NavLink(props, ref) {
  const location = useLocation();
  const { to, prefetch = 'none', discover = 'render', reloadDocument, className = '', style, children, end = false, caseSensitive = false } = props;
  if (
    typeof document !== 'undefined' ||
    typeof to !== 'string' ||
    !/^\/[A-Za-z0-9_~-]*(?:\/[A-Za-z0-9_~-]+)*\/?$/.test(to) ||
    to.startsWith('//') ||
    prefetch !== 'none' ||
    discover !== 'render' ||
    reloadDocument ||
    typeof className === 'function' ||
    typeof style === 'function' ||
    typeof children === 'function'
  )
    return <RemixNavLink {...props} ref={ref} />;
  // React Router's rule (react-router-dom's NavLink), with no navigation under way on the server.
  const here = caseSensitive ? location.pathname : location.pathname.toLowerCase();
  const target = caseSensitive ? to : to.toLowerCase();
  const slashAt = target !== '/' && target.endsWith('/') ? target.length - 1 : target.length;
  const active = here === target || (!end && here.startsWith(target) && here.charAt(slashAt) === '/');
  const anchor: Record<string, unknown> = {};
  for (const key in props) if (navOwnProps[key] !== true) anchor[key] = (props as Record<string, unknown>)[key];
  anchor['data-discover'] = 'true';
  anchor['aria-current'] = active ? (props['aria-current'] === undefined ? 'page' : props['aria-current']) : undefined;
  anchor.className = [className, active ? 'active' : null].filter(Boolean).join(' ');
  anchor.style = style;
  anchor.href = to;
  anchor.target = props.target;
  return asRemixPlacesIt(createElement('a', anchor, children));
});

/**
 * For links inside markup written as text (the rows of a long table, decision 0027), set as the onClick of the
 * element around them: a plain click on such a link follows it inside the app, as Remix's Link does (the same
 * page's address replaces the entry); with a modifier key, another button, a target other than _self, a download,
 * or an address that is not a plain path of this site, it is the browser's. Without JavaScript they are links.
 * Where the page is is read at the click, so the table does not render again on every navigation.
 */
export function useLinksFollowedInApp() {
  const navigate = useNavigate();
  return (event: MouseEvent<HTMLElement>) => {
    const anchor = event.target instanceof Element ? event.target.closest('a[href]') : null;
    if (!anchor || !event.currentTarget.contains(anchor) || event.defaultPrevented || event.button !== 0) return;
    if (event.metaKey || event.altKey || event.ctrlKey || event.shiftKey || anchor.hasAttribute('download')) return;
    const target = anchor.getAttribute('target');
    if (target && target !== '_self') return;
    const href = anchor.getAttribute('href')!;
    const { pathname, search, hash } = window.location;
    if (plainHref(href, pathname) !== href) return;
    event.preventDefault();
    navigate(href, { replace: href === pathname + search + hash });
  };
}
