import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, seeded } from './browser';
import { postInterview, signInOver } from './fault-helpers';

// HTML typed into a form is shown as text on the pages of the real server, never as markup. On the
// shared server, in a team of this file's own.

const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const { year, teamId, member } = seeded('hostile-html');
let cookie: string;

const form = async (url: string, fields: Record<string, string>) => {
  const res = await fetch(url, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl(), Cookie: cookie },
    body: new URLSearchParams(fields),
  });
  expect(res.status, await res.text()).toBe(302);
  return res.headers.get('location')!;
};
const page = async (pathname: string) => {
  const res = await fetch(baseUrl() + pathname, { headers: { Cookie: cookie } });
  expect(res.status).toBe(200);
  return res.text();
};
const expectEscaped = (html: string) => {
  expect(html).not.toContain('<script>alert');
  expect(html).not.toContain('<img src=x');
  expect(html).toContain('&lt;script&gt;alert');
};

beforeAll(async () => {
  cookie = await signInOver(baseUrl(), member, demoPassword);
});

describe('hostile HTML is escaped where it is shown', () => {
  it('in the activity timeline', async () => {
    await form(`${baseUrl()}/teams/${teamId}/activities`, {
      intent: 'quick',
      kind: 'meeting',
      occurredOn: `${year}-05-01`,
      title: payload,
      durationPick: '30',
    });
    expectEscaped(await page(`/teams/${teamId}/activities`));
  });

  it('in an interview and its homework', async () => {
    expect(await postInterview(baseUrl(), cookie, teamId, payload)).toBe(true);
    const list = await page(`/teams/${teamId}/interviews`);
    expectEscaped(list);
    const id = /\/interviews\/(\d+)/.exec(list)![1];
    expectEscaped(await page(`/teams/${teamId}/interviews/${id}`));
  });

  it('in a モヤモヤ note and a 変化 title', async () => {
    await form(`${baseUrl()}/teams/${teamId}/moyamoya`, { intent: 'checkin', level: '40', note: payload });
    expectEscaped(await page(`/teams/${teamId}/moyamoya`));
    await form(`${baseUrl()}/teams/${teamId}/changes/new`, {
      title: payload,
      'moments[0].stage': 'trigger',
      'moments[0].occurredOn': `${year}-05-02`,
      'moments[0].description': payload,
    });
    expectEscaped(await page(`/teams/${teamId}/changes`));
  });

  it('in the sheet and its history', async () => {
    await form(`${baseUrl()}/teams/${teamId}/sheet/edit`, { baseVersion: '0', currentState: payload, 'focusInitiatives[0].text': payload, message: payload });
    expectEscaped(await page(`/teams/${teamId}/sheet`));
    expectEscaped(await page(`/teams/${teamId}/sheet/history`));
  });
});
