import { createCookie, redirect } from '@remix-run/node';
import {
  createAuthSession,
  deleteAuthSession,
  endSessions,
  hashSessionId,
  keepSessionAlive,
  purgeExpiredSessions,
  sessionLifetimeMs,
} from '~/models/auth-sessions.server';
import { findSessionViewer } from '~/models/viewers.server';
import { getEnv } from './env.server';
import type { Viewer } from './permissions';
import { clientIp, requestId } from './request.server';

// The cookie carries only a random id; the session itself lives in the database.
function sessionCookie() {
  const secure = getEnv().COOKIE_SECURE;
  return createCookie(secure ? '__Host-jinmane_session' : 'jinmane_session', {
    httpOnly: true,
    sameSite: 'lax',
    secure,
    path: '/',
    maxAge: sessionLifetimeMs / 1000,
  });
}

async function sessionIdFrom(request: Request): Promise<string | null> {
  const value: unknown = await sessionCookie().parse(request.headers.get('Cookie'));
  return typeof value === 'string' && /^[A-Za-z0-9_-]{43}$/.test(value) ? value : null;
}

/**
 * Who is signed in, and their unread notifications as of the lookup (the header's count). The loaders of one
 * request share the lookup, and so does its action: an action that changes the viewer's own notifications
 * (markRead) redirects, so the page after it counts afresh.
 */
export type SignedIn = { viewer: Viewer; sessionIdHash: string; unread: number };

/** The signed-in viewer, or null. Expired and idle sessions count as signed out. */
// Remix hands each loader of a request its own copy of the Request, so the root loader and the
// page loader would each look the session up; they share one lookup, kept for a few seconds.
const lookups = new Map<string, { at: number; signedIn: Promise<SignedIn | null> }>();
const lookupTtlMs = 10_000;

export function getSignedIn(request: Request): Promise<SignedIn | null> {
  const key = requestId(request);
  if (!key) return lookUpSession(request);
  // A cache's age, not a time of day: performance.now() keeps running when a test stops the clock.
  const now = performance.now();
  const cached = lookups.get(key);
  if (cached && now - cached.at < lookupTtlMs) return cached.signedIn;
  // Oldest first (a key is set again only at the end), so the sweep stops at the first one still fresh: it
  // went through every entry on every request once there were 1,000 (4,000 of them at 400 pages a second;
  // ~5 % of the sign-in page's CPU in a 6 s run, and growing with the rate).
  for (const [k, v] of lookups) {
    if (now - v.at < lookupTtlMs) break;
    lookups.delete(k);
  }
  const signedIn = lookUpSession(request);
  lookups.delete(key);
  lookups.set(key, { at: now, signedIn });
  signedIn.catch(() => lookups.delete(key));
  return signedIn;
}

/** Forget a request's lookup once it changed who is signed in (sign-out, password change). */
function forgetLookup(request: Request) {
  const key = requestId(request);
  if (key) lookups.delete(key);
}

/** The live session of the request's cookie with its viewer, or null (expired and idle sessions count as none). */
async function lookUpSession(request: Request): Promise<SignedIn | null> {
  const id = await sessionIdFrom(request);
  const found = id ? await findSessionViewer(hashSessionId(id)) : null;
  if (!found || !(await keepSessionAlive(found.session))) return null;
  return found.viewer ? { viewer: found.viewer, sessionIdHash: found.session.idHash, unread: found.unread } : null;
}

export async function getViewer(request: Request): Promise<Viewer | null> {
  return (await getSignedIn(request))?.viewer ?? null;
}

/** Signed in, or sent to the sign-in page, coming back here afterwards. */
export async function requireSignedIn(request: Request): Promise<SignedIn> {
  const signedIn = await getSignedIn(request);
  if (signedIn) return signedIn;
  const url = new URL(request.url);
  // After a POST the way back is the form's page, where the kept draft waits.
  const back = request.method === 'GET' ? url.pathname + url.search : url.pathname;
  throw redirect(`/login?${new URLSearchParams({ redirectTo: back, expired: '1' })}`);
}

export async function requireViewer(request: Request): Promise<Viewer> {
  return (await requireSignedIn(request)).viewer;
}

/** Starts a session and returns the Set-Cookie header value for it. */
export async function startSession(request: Request, userId: number): Promise<string> {
  await purgeExpiredSessions(); // sign-ins are rare enough to keep the table small this way
  const id = await createAuthSession(userId, { ip: clientIp(request), userAgent: request.headers.get('User-Agent') ?? '' });
  forgetLookup(request);
  return sessionCookie().serialize(id);
}

/** Ends this session (or all of the user's sessions) and returns the Set-Cookie header that clears it. */
export async function endSession(request: Request, { everywhere = false } = {}): Promise<string> {
  const signedIn = await getSignedIn(request);
  if (signedIn) {
    await endSessions({ userId: signedIn.viewer.userId, ip: clientIp(request) }, signedIn.sessionIdHash, everywhere);
  } else {
    const id = await sessionIdFrom(request);
    if (id) await deleteAuthSession(hashSessionId(id));
  }
  forgetLookup(request);
  return sessionCookie().serialize('', { maxAge: 0 });
}
