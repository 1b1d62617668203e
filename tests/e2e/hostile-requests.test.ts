import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, seeded } from './browser';
import { signInOver } from './fault-helpers';

// Requests a person's browser would not send: a NUL in a search (PostgreSQL refuses it in text: it was
// a 500 on the activity search, the directory and the audit log), a way back from sign-in that leaves
// the site, and a body larger than any form (read whole and echoed back; 100 MB was a 500).

const fixture = seeded('hostile-requests');
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
      expect(location).toBe('/teams?landing');
    },
  );

  it('still goes back to the page a person came from', async () => {
    const res = await signIn(`/teams/${fixture.teamId}/activities?q=%E5%AF%BE%E8%A9%B1`);
    expect(res.headers.get('location')).toBe(`/teams/${fixture.teamId}/activities?q=%E5%AF%BE%E8%A9%B1`);
  });
});

describe('a body larger than any form', () => {
  const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
    fetch(baseUrl() + path, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl(), Cookie: member, ...headers },
      body,
      duplex: 'half',
    } as RequestInit);

  it('is refused with 413 in Japanese before it is read; a CSV import may send more; a body of unknown size is refused', async () => {
    const team = `/teams/${fixture.teamId}`;
    const huge = `content=${'あ'.repeat(1_200_000)}`;
    const refused = await post(`${team}/interviews/new`, huge);
    expect(refused.status).toBe(413);
    expect(await refused.text()).toContain('送信できる大きさ（1MB）を超えています');
    // Just under the import's limit: the import's own check answers (its file limit is 2 MB), not 413.
    const csv = await post(`${team}/activities/import`, `intent=preview&csv=${'a'.repeat(2_500_000)}`);
    expect(csv.status).not.toBe(413);
    expect(csv.status).toBeLessThan(500);
    // A streamed body without Content-Length.
    const stream = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('content=x'));
        controller.close();
      },
    });
    expect((await post(`${team}/interviews/new`, stream)).status).toBe(411);
    // An ordinary form still goes through.
    expect((await post(`${team}/interviews/new`, 'interviewee=')).status).toBe(400);
  });
});
