import { describe, expect, it } from 'vitest';
import { baseUrl } from './browser';

// Cross-site requests that could change state are refused before they reach the app.

describe('CSRF', () => {
  const post = (headers: Record<string, string>) =>
    fetch(`${baseUrl()}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
      body: 'email=member%40example.jp&password=jinmane-demo-2026',
    });

  it('refuses a POST from another origin with 403, and keeps the security headers on it', async () => {
    const response = await post({ Origin: 'https://evil.example' });
    expect(response.status).toBe(403);
    expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
  });

  it('refuses a POST a browser marks cross-site, and one with no origin at all', async () => {
    expect((await post({ 'Sec-Fetch-Site': 'cross-site', Origin: baseUrl() })).status).toBe(403);
    expect((await post({})).status).toBe(403);
  });

  it('answers a same-site POST that is not a form with 400, not 500', async () => {
    for (const init of [{}, { headers: { 'Content-Type': 'application/json' }, body: '{"intent":"everywhere"}' }]) {
      const response = await fetch(`${baseUrl()}/logout`, { method: 'POST', redirect: 'manual', ...init, headers: { Origin: baseUrl(), ...init.headers } });
      expect(response.status).toBe(400);
      expect(await response.text()).toContain('送信の形式が正しくありません');
    }
  });

  it('accepts the same POST from the site itself', async () => {
    const response = await post({ Origin: baseUrl(), 'Sec-Fetch-Site': 'same-origin' });
    expect(response.status).toBe(302);
    const cookie = response.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^__Host-jinmane_session=/);
    for (const attribute of [/; Secure/i, /; HttpOnly/i, /; SameSite=Lax/i, /; Path=\//i]) expect(cookie).toMatch(attribute);
  });
});

describe('answers that hold notes', () => {
  it('are kept by no browser or proxy: pages, data answers, CSV and refusals alike', async () => {
    const signIn = await fetch(`${baseUrl()}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl() },
      body: 'email=member%40example.jp&password=jinmane-demo-2026',
    });
    const cookie = signIn.headers.get('set-cookie')!.split(';')[0]!;
    const teams = await fetch(`${baseUrl()}/teams`, { headers: { Cookie: cookie }, redirect: 'manual' });
    const teamPath = /href="(\/teams\/\d+)"/.exec(await teams.text())![1]!;
    for (const path of ['/teams', teamPath, `${teamPath}/interviews`, `${teamPath}/interviews.data`, `${teamPath}/activities.csv`, '/teams/999999', '/login']) {
      // Twice: a second view of a page says the same.
      for (const round of [1, 2]) {
        const res = await fetch(baseUrl() + path, { headers: { Cookie: cookie }, redirect: 'manual' });
        expect(res.headers.get('cache-control'), `${path} (${round})`).toBe('private, no-store');
      }
    }
  });
});
