import crypto from 'node:crypto';
import { createCookie, redirect } from '@remix-run/node';
import { z } from 'zod';
import { getEnv } from './env.server';

/**
 * What a save says on the page it leads to ("保存しました。"), carried in a short-lived cookie, not in
 * the address: reloading, going back or sharing the link never says it again. The cookie is signed with COOKIE_SECRET (the primary of server-cluster.mjs makes one for its
 * workers when unset; several instances must share one), so only this installation can write one; it names
 * the page it is for, and is taken (and cleared) by the first load of that page.
 */
export type Notice = { text: string; id: number | null };

export const noticeCookieName = 'jinmane_notice';
const processSecret = crypto.randomBytes(32).toString('base64url');
const stored = z.object({ text: z.string().max(500), id: z.number().int().nullable(), path: z.string() });

function noticeCookie() {
  return createCookie(noticeCookieName, {
    httpOnly: true,
    sameSite: 'lax',
    secure: getEnv().COOKIE_SECURE,
    path: '/',
    maxAge: 60,
    secrets: [getEnv().COOKIE_SECRET ?? processSecret],
  });
}

/** Redirects to `to`, whose page then says `text` once; `id` names the record it is about (to mark it). */
export async function redirectWithNotice(to: string, text: string, id: number | null = null, init: ResponseInit = {}) {
  const path = new URL(to, 'http://x').pathname;
  const headers = new Headers(init.headers);
  headers.append('Set-Cookie', await noticeCookie().serialize({ text, id, path }));
  return redirect(to, { ...init, headers });
}

/**
 * The notice for this page, if a save just led here, and the headers that clear it (return them
 * with the loader's data: `data(..., { headers })`). A notice for another page is left for that page
 * (a link prefetched meanwhile must not take it); it lapses within a minute.
 */
export async function takeNotice(request: Request): Promise<{ notice: Notice | null; headers: Headers }> {
  const headers = new Headers();
  const cookie = noticeCookie();
  const parsed = stored.safeParse(await cookie.parse(request.headers.get('Cookie')));
  if (!parsed.success || parsed.data.path !== new URL(request.url).pathname) return { notice: null, headers };
  headers.append('Set-Cookie', await cookie.serialize('', { maxAge: 0 }));
  return { notice: { text: parsed.data.text, id: parsed.data.id }, headers };
}
