import crypto from 'node:crypto';
import v8 from 'node:v8';
import type { EntryContext } from '@remix-run/node';
import { LRUCache } from 'lru-cache';
import { databaseSnapshot } from '~/models/database-snapshot.server';
import { liveSessionUserId } from './auth.server';
import { todayInTokyo } from './clock';
import { carriesNotice } from './notice.server';

/**
 * Pages are not rendered twice for the same thing. Two keys lead to a kept page:
 *
 * - **Document key** (checked in server.mjs before Remix runs): the signed-in user, the path, the
 *   date in Tokyo and the database snapshot (`databaseSnapshot()`). Same user, same snapshot means
 *   every loader would read exactly the same rows, so the page is sent without running them. Only
 *   pages whose route says `handle = { documentCache: true }` are kept this way: their loaders
 *   depend on nothing but those four (no clock finer than a day, no other request header). The
 *   session is still checked on every request (expired and idle sessions miss), and any write
 *   anywhere changes the snapshot. A request carrying a save's notice (notice.server.ts) is rendered.
 * - **Render key** (checked after the loaders ran): the URL and the data the loaders returned.
 *   Rendering is a pure function of them, so a page whose data did not change is not rendered again.
 *
 * A kept page is sent with its CSP nonce replaced by this response's; the nonce is 16 random
 * bytes, so it cannot occur in a page by chance or by anyone's typing. PAGE_CACHE=off turns both
 * off (the benchmark measures both ways).
 */
type Page = { html: string; nonce: string; headers: [string, string][] };

const pages = new LRUCache<string, Page>({
  maxSize: 64 * 1024 * 1024,
  sizeCalculation: (page) => page.html.length * 2 + 500,
});
const largestPage = 4 * 1024 * 1024;
// Keys are hashed with a secret of this process, so nobody can compute another person's key.
const secret = crypto.randomBytes(32);

const enabled = () => process.env.PAGE_CACHE !== 'off';
const hash = (state: Buffer) => crypto.createHmac('sha256', secret).update(state).digest('base64url');

// Paths whose route keeps documents, learnt as they are rendered: other pages cost no extra query.
const documentPaths = new LRUCache<string, true>({ max: 20_000 });

export async function documentKey(request: Request, bot: boolean): Promise<string | null> {
  if (!enabled() || request.method !== 'GET' || !documentPaths.has(new URL(request.url).pathname)) return null;
  // A save's notice is said once, by the page rendered for it (which clears it, so is never kept).
  if (carriesNotice(request)) return null;
  const userId = await liveSessionUserId(request);
  if (userId === null) return null;
  // The session first: looking it up may touch it (a write), and the snapshot must come after.
  const snapshot = await databaseSnapshot();
  const url = new URL(request.url);
  return hash(v8.serialize(['document', userId, url.pathname + url.search, bot, todayInTokyo(), snapshot]));
}

/** The render key of a document request, or null when its rendering must not be reused. */
export function renderKey(request: Request, status: number, context: EntryContext): string | null {
  if (!enabled() || request.method !== 'GET' || status !== 200) return null;
  const { loaderData, actionData, errors } = context.staticHandlerContext;
  if (actionData || errors) return null;
  try {
    // v8.serialize keeps what JSON would blur (Dates, Maps, undefined) and refuses promises
    // (deferred data, which streams).
    return hash(v8.serialize(['render', request.url, todayInTokyo(), loaderData]));
  } catch {
    return null;
  }
}

/** Whether the page's own route may be kept under its document key (and from now on, its path). */
export function routeKeepsDocument(request: Request, context: EntryContext): boolean {
  const leaf = context.staticHandlerContext.matches.at(-1);
  const handle = leaf ? (context.routeModules[leaf.route.id]?.handle as { documentCache?: boolean } | undefined) : undefined;
  if (handle?.documentCache !== true) return false;
  documentPaths.set(new URL(request.url).pathname, true);
  return true;
}

/** The kept page under `key` with this response's nonce; also kept from now on under `alsoUnder`. */
export function keptPage(key: string | null | undefined, nonce: string, alsoUnder: string[] = []) {
  const page = key ? pages.get(key) : undefined;
  if (!page) return null;
  for (const other of alsoUnder) if (other !== key) pages.set(other, page);
  return { html: page.html.replaceAll(page.nonce, nonce), headers: page.headers };
}

/** Keeps a page rendered without an error under the given keys. Responses that set a cookie are never kept. */
export function keepPage(keys: string[], nonce: string, headers: Headers, html: Buffer) {
  if (headers.has('set-cookie') || html.length > largestPage) return;
  const page = { html: html.toString('utf8'), nonce, headers: [...headers] };
  for (const key of keys) pages.set(key, page);
}

/** For tests: forget every kept page. */
export function forgetPages() {
  pages.clear();
  documentPaths.clear();
}
