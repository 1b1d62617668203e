import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, seeded } from './browser';
import { signInOver } from './fault-helpers';

// Addresses a person did not build: a NUL in a search (PostgreSQL refuses it in text: it was a 500 on
// the activity search, the directory and the audit log), and where sign-in sends the browser back to.

const fixture = seeded('hostile-urls');
let member: string;
let organizer: string;

beforeAll(async () => {
  member = await signInOver(baseUrl(), fixture.member, demoPassword);
  organizer = await signInOver(baseUrl(), fixture.organizer, demoPassword);
});

const get = (path: string, cookie: string) => fetch(baseUrl() + path, { redirect: 'manual', headers: { Cookie: cookie } });

describe('a NUL in the address', () => {
  it('is refused with 400 and a Japanese message on every page and data request, never a 500', async () => {
    const team = `/teams/${fixture.teamId}`;
    const asMember = [
      `${team}/activities?q=a%00b`,
      `${team}/activities.data?q=a%00b`,
      `${team}/activities?kind=%00&member=%00`,
      `${team}/interviews?q=%00`,
      `/alumni/directory?q=a%00b`,
      `/alumni/directory.data?q=%00&year=%00`,
      `/teams/%00`,
      `/login?redirectTo=%2F%00`,
    ];
    const asOrganizer = [`/admin/audit?email=a%00b`, `/admin/audit?action=%00`, `/admin/audit.data?before=%00`];
    for (const [paths, cookie] of [
      [asMember, member],
      [asOrganizer, organizer],
    ] as const) {
      for (const path of paths) {
        const res = await get(path, cookie);
        expect(res.status, path).toBe(400);
        expect(await res.text(), path).toContain('アドレスに使えない文字が含まれています');
      }
    }
    // The same searches without the NUL answer as usual.
    expect((await get(`${team}/activities?q=ab`, member)).status).toBe(200);
    expect((await get(`/admin/audit?email=ab`, organizer)).status).toBe(200);
  });
});

describe('where sign-in sends the browser back to', () => {
  const signIn = (redirectTo: string) =>
    fetch(`${baseUrl()}/login`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl() },
      body: new URLSearchParams({ email: fixture.member, password: demoPassword, redirectTo }),
    });

  it.each([['/\t/evil.example'], ['/\r\n/evil.example'], ['/.//evil.example'], ['//evil.example'], ['/\\evil.example'], ['https://evil.example']])(
    'stays on this site for %j',
    async (redirectTo) => {
      const res = await signIn(redirectTo);
      expect(res.status).toBe(302);
      const location = res.headers.get('location')!;
      // As a browser reads it: tabs and line breaks dropped, then resolved against this site.
      expect(new URL(location.replace(/[\t\n\r]/g, ''), baseUrl()).origin).toBe(new URL(baseUrl()).origin);
      expect(location).toBe('/teams');
    },
  );

  it('still goes back to the page a person came from', async () => {
    const res = await signIn(`/teams/${fixture.teamId}/activities?q=%E5%AF%BE%E8%A9%B1`);
    expect(res.headers.get('location')).toBe(`/teams/${fixture.teamId}/activities?q=%E5%AF%BE%E8%A9%B1`);
  });
});
