import { execFileSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textDamage } from '../../app/utils/stream-integrity.server';
import { baseUrl, demoPassword } from './browser';
import { signInOver } from './fault-helpers';
import { throwawayPostgres } from '../setup/postgres-urls';
import { startServer, type RunningServer } from './server';

// Every page the server renders reaches the browser as the bytes of its text: valid UTF-8 with no
// NUL byte and no U+FFFD, on both databases.
// React 18's stream writer once sent NUL bytes at its 2,048-byte buffer ends (docs/decisions/0009);
// app/utils/stream-integrity.test.ts tries every length and offset against the writer itself, and
// this crawl proves the whole path (Remix, compression) on the demo's own text,
// visiting every kind of page each demo account can reach (a few of each).

const roles = ['admin', 'member', 'member2', 'hr', 'alumni', 'partner', 'outsider'].map((r) => `${r}@example.jp`);
// Every kind of page, a few of each: paths that differ only in their ids or query values are one kind.
const perKind = 3;
const kindOf = (path: string) => {
  const [route, query = ''] = path.split('?');
  return `${route!.replace(/\d+/g, ':n')}?${[...new URLSearchParams(query).keys()].sort().join('&')}`;
};

type Fetched = { status: number; bytes: Buffer };

async function fetchPage(base: string, path: string, cookie: string): Promise<Fetched> {
  const response = await fetch(base + path, { redirect: 'manual', headers: { Cookie: cookie } });
  return { status: response.status, bytes: Buffer.from(await response.arrayBuffer()) };
}

/** Same-site document links of a page: no downloads, no sign-out, no built assets. */
function linksOf(html: string): string[] {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replaceAll('&amp;', '&'))
    .filter((href) => !/^\/(build|logout|favicon)|\.(csv|zip|css|js|ico|png|svg|webmanifest)(\?|$)/.test(href));
}

/** Fetches a page and returns what was wrong with its bytes. */
async function checkPage(base: string, path: string, cookie: string) {
  const problems: string[] = [];
  const page = await fetchPage(base, path, cookie);
  if (page.status >= 500) problems.push(`${path}: ${page.status}`);
  if (page.status !== 200) return { problems, html: '' };
  const damage = textDamage(page.bytes);
  if (damage) problems.push(`${path}: ${damage}`);
  return { problems, html: page.bytes.toString('utf8') };
}

async function crawl(base: string) {
  const problems: string[] = [];
  let pages = 0;
  for (const email of roles) {
    const cookie = await signInOver(base, email, demoPassword);
    const seen = new Set<string>(['/']);
    const kinds = new Map<string, number>();
    const queue = ['/'];
    while (queue.length) {
      const path = queue.shift()!;
      const result = await checkPage(base, path, cookie);
      pages++;
      problems.push(...result.problems.map((p) => `${email} ${p}`));
      for (const link of linksOf(result.html)) {
        const kind = kindOf(link);
        if (seen.has(link) || (kinds.get(kind) ?? 0) >= perKind) continue;
        seen.add(link);
        kinds.set(kind, (kinds.get(kind) ?? 0) + 1);
        queue.push(link);
      }
    }
  }
  return { problems, pages };
}

/**
 * The activity search echoes its query into the page (the search field and the page's data), so
 * the query moves everything after it: Japanese text of 1–100 characters behind 0–2 ASCII bytes (the search keeps 100 characters)
 * puts the page's own text at 300 consecutive offsets against the writer's buffer.
 */
async function sweep(base: string) {
  const cookie = await signInOver(base, 'member@example.jp', demoPassword);
  const teams = (await fetchPage(base, '/teams', cookie)).bytes.toString('utf8');
  const team = /href="(\/teams\/\d+)"[^>]*>[^<]*甲府市/.exec(teams)?.[1];
  expect(team, 'the demo team').toBeTruthy();
  const problems: string[] = [];
  const text = '市民と対話し一人称で語る変革ストーリー';
  for (let length = 1; length <= 100; length++) {
    for (let pad = 0; pad <= 2; pad++) {
      const q = 'x'.repeat(pad) + text.repeat(6).slice(0, length);
      const path = `${team}/activities?q=${encodeURIComponent(q)}`;
      const result = await checkPage(base, path, cookie);
      problems.push(...result.problems);
      if (!result.html.includes(`value="${q.slice(0, 100)}"`)) problems.push(`${path}: the query is not in its field`);
    }
  }
  return problems;
}

describe('every rendered page is clean UTF-8', () => {
  it('PGlite: every kind of page of every demo account, and the search at 300 offsets', { timeout: 600_000 }, async () => {
    const { problems, pages } = await crawl(baseUrl());
    expect(pages).toBeGreaterThan(100);
    expect([...problems, ...(await sweep(baseUrl()))]).toEqual([]);
  });

  describe.runIf(process.env.TEST_DATABASE_URL)('PostgreSQL', () => {
    let db: Awaited<ReturnType<typeof throwawayPostgres>>;
    let server: RunningServer;
    beforeAll(async () => {
      db = await throwawayPostgres(process.env.TEST_DATABASE_URL!, `jinmane_stream_${process.pid}`);
      execFileSync('npx', ['tsx', 'db/seed-cli.ts'], { env: { ...process.env, DATABASE_URL: db.url }, stdio: 'ignore' });
      server = await startServer({ DATABASE_URL: db.url, COOKIE_SECURE: 'false' });
    }, 180_000);
    afterAll(async () => {
      await server?.stop();
      await db?.drop();
    });

    it('every kind of page of every demo account, and the search at 300 offsets', { timeout: 600_000 }, async () => {
      const { problems, pages } = await crawl(server.url);
      expect(pages).toBeGreaterThan(100);
      expect([...problems, ...(await sweep(server.url))]).toEqual([]);
    });
  });
});
