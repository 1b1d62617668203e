import { describe, expect, it } from 'vitest';
import { todayInTokyo } from '../../app/utils/clock';
import { baseUrl, demoPassword, seeded } from './browser';
import { signInOver } from './fault-helpers';

// Kept pages (app/utils/page-cache.server.ts) must never show anything a fresh rendering would not:
// not after a write, not to someone else, not after sign-out, and never with an old CSP nonce.

const { teamPath: path, member, outsider: stranger } = seeded('page-cache');
const signInOverHttp = (email: string) => signInOver(baseUrl(), email, demoPassword);

const get = (pathname: string, cookie: string) => fetch(baseUrl() + pathname, { redirect: 'manual', headers: { Cookie: cookie } });

async function page(pathname: string, cookie: string) {
  const response = await get(pathname, cookie);
  expect(response.status).toBe(200);
  const html = await response.text();
  const nonce = /'nonce-([^']+)'/.exec(response.headers.get('content-security-policy') ?? '')?.[1];
  expect(nonce).toBeTruthy();
  return { html, nonce: nonce!, kept: response.headers.get('x-page-cache') };
}

describe('kept pages', () => {
  it('answer a repeated view with the same page and a fresh nonce that the page carries', async () => {
    const cookie = await signInOverHttp(member);
    // A first view teaches the cache that the path keeps documents; the next keeps the page under
    // the document key (reusing its rendering); by the third it is sent without Remix.
    const first = await page(path, cookie);
    await page(path, cookie);
    const second = await page(path, cookie);
    expect(second.kept).toBe('document');
    expect(second.nonce).not.toBe(first.nonce);
    // Every script the page carries has this response's nonce, and none has the old one.
    expect(second.html).toContain(`nonce="${second.nonce}"`);
    expect(second.html).not.toContain(first.nonce);
    expect(second.html.replaceAll(second.nonce, 'N')).toBe(first.html.replaceAll(first.nonce, 'N'));
  });

  it('show a write at once', async () => {
    const cookie = await signInOverHttp(member);
    const title = `キャッシュ確認の打合せ ${Date.now()}`;
    for (let i = 0; i < 2; i++) await page(path, cookie);
    expect((await page(path, cookie)).kept).toBe('document');
    const saved = await fetch(`${baseUrl()}${path}/activities`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl(), Cookie: cookie },
      body: new URLSearchParams({ intent: 'quick', kind: 'meeting', occurredOn: todayInTokyo(), title, durationPick: '60' }),
    });
    expect(saved.status).toBe(302);
    const after = await page(path, cookie);
    expect(after.kept).toBeNull(); // rendered again: the data changed
    expect(after.html).toContain(title);
    expect((await page(`${path}/activities`, cookie)).html).toContain(title);
  });

  it('are not shown after sign-out, nor to someone who may not see the team', async () => {
    const cookie = await signInOverHttp(member);
    const mine = await page(path, cookie);
    await page(path, cookie);
    expect((await page(path, cookie)).kept).toBe('document');

    const outsider = await signInOverHttp(stranger);
    const theirs = await get(path, outsider);
    expect(theirs.status).toBeGreaterThanOrEqual(400);
    expect(await theirs.text()).not.toContain(mine.html.slice(mine.html.indexOf('<main'), mine.html.indexOf('<main') + 400));

    const signedOut = await fetch(`${baseUrl()}/logout`, {
      method: 'POST',
      redirect: 'manual',
      headers: { Origin: baseUrl(), Cookie: cookie },
      body: new URLSearchParams(),
    });
    expect(signedOut.status).toBe(302);
    const after = await get(path, cookie);
    expect(after.status).toBe(302);
    expect(after.headers.get('location')).toMatch(/^\/login/);
  });
});
