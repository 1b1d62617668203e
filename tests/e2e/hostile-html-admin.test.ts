import { beforeAll, describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, seeded } from './browser';
import { signInOver } from './fault-helpers';

// HTML typed into the organizers' set-up forms (and a team's pre-assignment note) is shown as text
// on the real server's pages, never as markup. On the shared server, in a year of this file's own
// (its theme and 研究会) with its own two teams; the roster entry it adds is its own too.

const payload = `<script>alert("x")</script><img src=x onerror=alert(1)>`;
const fixture = seeded('hostile-html-admin');
const { year, teamId } = fixture;
let organizer: string;
let member: string;

const send = async (cookie: string, pathname: string, fields: Record<string, string>, expected = 302) => {
  const res = await fetch(baseUrl() + pathname, {
    method: 'POST',
    redirect: 'manual',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl(), Cookie: cookie },
    body: new URLSearchParams(fields),
  });
  const body = await res.text();
  expect(res.status, body.slice(0, 300)).toBe(expected);
  return { location: res.headers.get('location') ?? '', body };
};
const page = async (cookie: string, pathname: string) => {
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
  organizer = await signInOver(baseUrl(), fixture.organizer, demoPassword);
  member = await signInOver(baseUrl(), fixture.member, demoPassword);
});

describe('hostile HTML in the set-up pages is escaped where it is shown', () => {
  it("in the theme, a session, its pre-assignment, and a team's submission note", async () => {
    const yearPage = `/admin/years/${year}`;
    // The theme form rests on the version its page shows (app/components/BaseVersionInput.tsx).
    const baseVersion = /name="baseVersion"[^>]*value="(\d+)"/.exec(await page(organizer, yearPage))![1]!;
    await send(organizer, yearPage, { intent: 'theme', baseVersion, theme: payload });
    const { location } = await send(organizer, yearPage, {
      intent: 'session',
      kind: 'study',
      number: '1',
      startsOn: `${year}-06-10`,
      venue: payload,
      agenda: payload,
    });
    await send(organizer, location, { intent: 'preassignment', baseVersion: '0', title: payload, description: payload, dueOn: `${year}-06-05` });
    expectEscaped(await page(organizer, yearPage));
    expectEscaped(await page(organizer, location));
    expectEscaped(await page(organizer, `${yearPage}/preassignments`));

    const list = await page(member, `/teams/${teamId}/preassignments`);
    expectEscaped(list);
    const preAssignmentId = /name="preAssignmentId" value="(\d+)"/.exec(list)![1]!;
    await send(member, `/teams/${teamId}/preassignments`, { intent: 'submit', preAssignmentId, submittedOn: `${year}-06-01`, note: payload });
    expectEscaped(await page(member, `/teams/${teamId}/preassignments`));
    expectEscaped(await page(organizer, `${yearPage}/preassignments`));
  });

  it('in the roster, a dialogue group, a member invitation and the CSV import preview', async () => {
    await send(organizer, '/admin/organizers', { intent: 'create', fullName: payload, role: 'kanji', affiliation: payload });
    expectEscaped(await page(organizer, '/admin/organizers'));

    const teams = await page(organizer, `/admin/years/${year}/teams`);
    const ids = [...teams.matchAll(/href="\/admin\/teams\/(\d+)"/g)].map((m) => m[1]!);
    expect(new Set(ids).size).toBe(2);
    const body = new URLSearchParams({ intent: 'create', name: payload });
    for (const id of new Set(ids)) body.append('teamIds', id);
    const res = await fetch(`${baseUrl()}/admin/years/${year}/groups`, {
      method: 'POST',
      redirect: 'manual',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded', Origin: baseUrl(), Cookie: organizer },
      body,
    });
    expect(res.status).toBe(302);
    expectEscaped(await page(organizer, `/admin/years/${year}/groups`));

    const added = await send(
      organizer,
      `/admin/teams/${teamId}`,
      { intent: 'add', email: 'hostile-html-admin.new@e2e.example.jp', fullName: payload, department: payload, section: payload },
      200,
    );
    expectEscaped(added.body);
    expectEscaped(await page(organizer, `/admin/teams/${teamId}`));

    const csv = `自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠\n"${payload.replace(/"/g, '""')}",山梨県,市,"${payload.replace(/"/g, '""')}",hostile-html-admin.csv@e2e.example.jp,,,\n`;
    const preview = await send(organizer, `/admin/years/${year}/import`, { intent: 'preview', csv }, 200);
    expectEscaped(preview.body);
  });
});
