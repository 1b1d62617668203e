import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, keepScreenshot, openPage, overflowOnPage, phone, signIn, useBrowser } from './browser';
import { signInOver } from './fault-helpers';

// Issue 17: every page, as every demo account. Every page reachable by links from the first one is read
// (as the server sends it, scripts and styles left out) and searched for what a public servant should
// never have to read: a fiscal year as 「FY2026」, a date or timestamp in western form only (2026/11/29 15:58;
// a western date is shown only small beside its era date, in .date-western), 「0日前」 for today, 「0回・0時間」 for a team whose log is not in the app, a bare
// English 「Not Found」, and a record named as the code names it (activity #1643).
// Then one page of each kind (/teams/6/activities/1643 stands for every activity) is opened in Chromium on a
// 360 px phone (signed in through the form): nothing may reach past the screen's right edge except inside a marked scroll region
// (overflow-x: auto, role="region", a label and tabindex="0", so it can be scrolled by keyboard and is announced),
// and a screenshot of each is kept in test-results/screenshots/phone/<account>/ (JPEG).

useBrowser();

const accounts = ['admin', 'member', 'member2', 'hr', 'alumni', 'partner', 'outsider'].map((name) => `${name}@example.jp`);
const maxPages = 120;

const forbidden: [string, RegExp][] = [
  ['FY for 年度', /FY\s?\d{4}/],
  ['a western-only date', /(?<![\d/])(?:\d{4}\/\d{1,2}\/\d{1,2}|\d{4}-\d{2}-\d{2})(?![\d/])/],
  ['0日前 for 今日', /(?<![\d.])0日前/],
  ['0回・0時間 for a team with no log in the app (記録なし)', /(?<![\d.])0回・0時間/],
  ['English Not Found', /Not Found/i],
  ['a record named in code (activity #1643)', /\b[a-z_]+(?:\.[a-z]+)? #\S/],
];

/** What a reader sees of a page: its text without scripts, styles, tags, examples of input and the small western dates. */
function visibleText(html: string) {
  return (
    html
      .replace(/<script[\s\S]*?<\/script>/g, '')
      .replace(/<style[\s\S]*?<\/style>/g, '')
      // An example of what a user may type (日付は <code>2022/4/27</code>…) is not a date the page shows.
      .replace(/<code>[^<]*<\/code>/g, '')
      .replace(/<span class="date-western">(?:[^<]|<!-- -->)*<\/span>/g, '')
      .replace(/<[^>]+>/g, ' ')
      .replace(/&amp;/g, '&')
      .replace(/\s+/g, ' ')
  );
}

/** Same-site page links, without sign-out, downloads and assets. */
function linksOf(html: string) {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((href) => !/^\/(logout|login|build\/|favicon)|\.(csv|zip|png|ico|css|js)(\?|$)|\/print(\?|$)/.test(href));
}

/** One address stands for every page of its kind: numbers and query values left out. */
const kindOf = (href: string) => {
  const url = new URL(href, 'http://x');
  return (
    url.pathname.replace(/\/\d+(?=\/|$)/g, '/:n') +
    [...url.searchParams.keys()]
      .sort()
      .map((k) => `?${k}`)
      .join('')
  );
};

describe('every page, as every account', () => {
  for (const email of accounts) {
    it(
      `as ${email}: Japanese only (no FY, no western-only date, no 0日前, no English 404, no record named in code); nothing overflows a 360 px phone`,
      { timeout: 240_000 },
      async () => {
        const base = baseUrl();
        const cookie = await signInOver(base, email, demoPassword);
        // Pages of a kind not yet met are read first, so the page limit leaves out only more of the same kind.
        const seen = new Set<string>(['/']);
        const fresh = ['/'];
        const later: string[] = [];
        const queuedKinds = new Set<string>([kindOf('/')]);
        const offenders: string[] = [];
        const kinds = new Map<string, string>();
        const refusedDownloads = new Set<string>();
        let read = 0;
        while ((fresh.length || later.length) && read < maxPages) {
          const path = (fresh.length ? fresh : later).shift()!;
          const res = await fetch(base + path, { headers: { Cookie: cookie }, redirect: 'manual' });
          const html = await res.text();
          read++;
          if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
          if (res.status === 200 && !kinds.has(kindOf(path))) kinds.set(kindOf(path), path);
          const text = visibleText(html);
          for (const [what, pattern] of forbidden) {
            const found = pattern.exec(text);
            if (found) offenders.push(`${path}: ${what}: …${text.slice(Math.max(0, found.index - 30), found.index + 40)}…`);
          }
          for (const [, href] of html.matchAll(/href="(\/[^"]*\.(?:csv|zip))[?"]/g))
            if (/\/\d+\//.test(href!)) refusedDownloads.add(href!.replace(/\/\d+\//, '/999999/'));
          for (const link of linksOf(html)) {
            if (seen.has(link)) continue;
            seen.add(link);
            if (queuedKinds.has(kindOf(link))) later.push(link);
            else {
              queuedKinds.add(kindOf(link));
              fresh.push(link);
            }
          }
        }
        expect(read, 'pages read').toBeGreaterThan(5);

        // A download refused (another team's CSV, a team that is not there) says why in Japanese, not 「Not Found」.
        for (const download of refusedDownloads) {
          const res = await fetch(base + download, { headers: { Cookie: cookie }, redirect: 'manual' });
          const body = await res.text();
          if (
            res.status < 400 ||
            !/^(ページが見つかりません|このページを表示する権限がありません)。/.test(body) ||
            !/charset=utf-8/.test(res.headers.get('content-type') ?? '')
          ) {
            offenders.push(`${download}: refused as ${res.status} 「${body.slice(0, 40)}」 (${res.headers.get('content-type')})`);
          }
        }
        expect(offenders).toEqual([]);

        // One page of each kind on a phone, signed in through the form.
        const account = email.split('@')[0]!;
        const { page, context } = await openPage(`phone-${account}`, phone);
        await signIn(page, email);
        const overflowing: string[] = [];
        for (const [kind, href] of kinds) {
          await page.goto(href);
          for (const problem of await page.evaluate(overflowOnPage)) overflowing.push(`${href}: ${problem}`);
          await keepScreenshot(page, path.join('phone', account, kind.replace(/^\//, '').replace(/[/:?]+/g, '_') || 'top'), { type: 'jpeg' });
        }
        await context.close();
        expect(kinds.size, 'kinds of page opened on a phone').toBeGreaterThan(3);
        expect(overflowing).toEqual([]);
      },
    );
  }
});
