import { describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, useBrowser } from './browser';
import { signInOver } from './fault-helpers';

// Issue 17: the app speaks Japanese on every page. As each demo account, every page reachable by links
// from the first one is read (as the server sends it, scripts and styles left out) and searched for what
// a public servant should never have to read: a fiscal year as 「FY2026」, a timestamp in western form
// only (2026/11/29 15:58; a western date is shown only small beside its era date, in .date-western),
// 「0日前」 for today, a bare English 「Not Found」, and a record named as the code names it (activity #1643).

useBrowser();

const accounts = ['admin', 'member', 'member2', 'hr', 'alumni', 'partner', 'outsider'].map((name) => `${name}@example.jp`);
const maxPages = 120;

const forbidden: [string, RegExp][] = [
  ['FY for 年度', /FY\s?\d{4}/],
  ['a western-only timestamp', /\d{4}\/\d{1,2}\/\d{1,2}\s+\d{1,2}:\d{2}/],
  ['0日前 for 今日', /(?<![\d.])0日前/],
  ['English Not Found', /Not Found/i],
  ['a record named in code (activity #1643)', /\b[a-z_]+(?:\.[a-z]+)? #\S/],
];

/** What a reader sees of a page: its text without scripts, styles, tags and the small western dates. */
function visibleText(html: string) {
  return html
    .replace(/<script[\s\S]*?<\/script>/g, '')
    .replace(/<style[\s\S]*?<\/style>/g, '')
    .replace(/<span class="date-western">[^<]*<\/span>/g, '')
    .replace(/<[^>]+>/g, ' ')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ');
}

/** Same-site page links, without sign-out, downloads and assets. */
function linksOf(html: string) {
  return [...html.matchAll(/href="(\/[^"#]*)"/g)]
    .map((m) => m[1]!.replace(/&amp;/g, '&'))
    .filter((href) => !/^\/(logout|login|build\/|favicon)|\.(csv|png|ico|css|js)(\?|$)|\/print(\?|$)/.test(href));
}

describe('every page in Japanese', () => {
  for (const email of accounts) {
    it(`as ${email}: no FY, no western-only timestamp, no 0日前, no English 404, no record named in code`, { timeout: 120_000 }, async () => {
      const base = baseUrl();
      const cookie = await signInOver(base, email, demoPassword);
      const seen = new Set<string>(['/']);
      const queue = ['/'];
      const offenders: string[] = [];
      let read = 0;
      while (queue.length && read < maxPages) {
        const path = queue.shift()!;
        const res = await fetch(base + path, { headers: { Cookie: cookie }, redirect: 'manual' });
        const html = await res.text();
        read++;
        if (!(res.headers.get('content-type') ?? '').includes('text/html')) continue;
        const text = visibleText(html);
        for (const [what, pattern] of forbidden) {
          const found = pattern.exec(text);
          if (found) offenders.push(`${path}: ${what}: …${text.slice(Math.max(0, found.index - 30), found.index + 40)}…`);
        }
        for (const link of linksOf(html)) {
          if (!seen.has(link)) {
            seen.add(link);
            queue.push(link);
          }
        }
      }
      expect(read, 'pages read').toBeGreaterThan(5);
      expect(offenders).toEqual([]);
    });
  }
});
