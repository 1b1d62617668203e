import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Each dashboard as its role: the canvases draw, the table twins hold the database's numbers, the
// session markers sit at their dates, and the HR view names no other city. The team's, the HR and
// the alumni views read this file's own municipality (and the year's 研究会 of the demo, which no
// test changes); the secretariat's reads every team of the year, checking what holds for any data.
const { municipality, member, hr, alumni } = seeded('dashboards');

async function teamUrl(page: Page) {
  await page.emulateMedia({ reducedMotion: 'reduce' }); // charts draw at once, so screenshots show them whole
  await page.goto('/teams');
  return (await page.getByRole('link', { name: `${municipality}チーム` }).getAttribute('href'))!;
}

/** Waits until every chart on the page has drawn something (a blank canvas is a short data URL). */
async function chartsDrawn(page: Page, expected: number) {
  await page
    .locator('figure.chart canvas')
    .nth(expected - 1)
    .waitFor();
  await page.waitForFunction((n) => {
    const canvases = [...document.querySelectorAll('figure.chart canvas')] as HTMLCanvasElement[];
    return canvases.length >= n && canvases.every((c) => c.width > 0 && c.height > 0);
  }, expected);
  return page.locator('figure.chart canvas').count();
}

/** Rows of a table as trimmed cell texts. */
function rowsOf(page: Page, selector: string) {
  return page.locator(selector).evaluateAll((trs) => trs.map((tr) => [...tr.children].map((c) => (c.textContent ?? '').trim())));
}

const dayMs = 86_400_000;
const utc = (iso: string) => Date.parse(`${iso}T00:00:00Z`);

describe('dashboards', () => {
  it('member: the team dashboard draws its charts from the activity log', async () => {
    const { page } = await openPage('dashboard-team');
    await signIn(page, member);
    const url = await teamUrl(page);
    await page.goto(url);
    expect(await chartsDrawn(page, 3)).toBe(3);

    // Hours by kind: the same rows as the activity summary page.
    const twin = await rowsOf(page, 'table[data-twin="kinds"] tbody tr, table[data-twin="kinds"] tfoot tr');
    await page.goto(`${url}/activities/summary`);
    const summary = await rowsOf(page, 'table.summary-table tbody tr, table.summary-table tfoot tr');
    expect(twin).toEqual(summary);
    expect(twin.length).toBeGreaterThan(2);

    // Session markers: the annotation lines sit on the week that holds each session's date.
    await page.goto(url);
    await chartsDrawn(page, 3);
    const marks = JSON.parse((await page.locator('figure[data-chart="weekly"] .chart-canvas').getAttribute('data-session-marks'))!) as {
      label: string;
      date: string;
      x: number;
    }[];
    const listed = await page.locator('[data-twin="sessions"] li').evaluateAll((lis) => lis.map((li) => li.getAttribute('data-date')));
    expect(marks.map((m) => m.date)).toEqual(listed);
    expect(marks.length).toBeGreaterThan(0);
    const firstWeek = (await page.locator('table[data-twin="weekly"] tbody tr').first().getAttribute('data-week'))!;
    const yearStart = firstWeek.slice(0, 4);
    const monday = (() => {
      const d = new Date(`${yearStart}-04-01T00:00:00Z`);
      d.setUTCDate(d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
      return d.getTime();
    })();
    for (const [i, m] of marks.entries()) {
      expect(m.label).toBe(`第${i + 1}回`);
      expect(m.x).toBe(Math.floor((utc(m.date) - monday) / dayMs / 7));
    }
    // The モヤモヤ chart marks the same sessions, on its day axis.
    const lineMarks = JSON.parse((await page.locator('figure[data-chart="lines"] .chart-canvas').getAttribute('data-session-marks'))!) as {
      date: string;
      x: number;
    }[];
    expect(lineMarks.map((m) => m.date)).toEqual(listed);
    for (const m of lineMarks) expect(m.x).toBe((utc(m.date) - utc(`${yearStart}-04-01`)) / dayMs);

    // A week's row opens that week's entries (the table twin is folded under the chart).
    await page.locator('figure[data-chart="weekly"] summary').click();
    const weekRow = page.locator('table[data-twin="weekly"] tbody tr').first();
    const count = Number(await weekRow.locator('[data-count]').textContent());
    await weekRow.getByRole('link').click();
    await page.getByRole('heading', { name: /活動の記録（/ }).waitFor();
    expect(page.url()).toContain(`from=${firstWeek}`);
    await expect(page.getByRole('heading', { name: `活動の記録（${count}件）` }).count()).resolves.toBe(1);

    await page.goto(url);
    await chartsDrawn(page, 3);
    await keepScreenshot(page, 'dashboard-team');
  });

  it("member: a week of the weekly table opens that week's log inside the app", async () => {
    const { page } = await openPage('dashboard-team-week');
    await signIn(page, member);
    await page.goto(await teamUrl(page));
    await waitForHydration(page);
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    const table = page.locator('table[data-twin="weekly"]');
    await page.locator('details.chart__table', { has: table }).locator('summary').click();
    const week = table.locator('tbody th a').first();
    const href = (await week.getAttribute('href'))!;
    expect(href).toMatch(/^\/teams\/\d+\/activities\?from=\d{4}-\d{2}-\d{2}&to=\d{4}-\d{2}-\d{2}$/);
    // The rows are markup written as text (decision 0027): the table follows a plain click on a link inside the
    // app, and leaves to the browser a click with a modifier key or another button, a link to a new window or a
    // download, and an address that is not a plain path of this site. Each probe is a link put into the table.
    const preventedBy = (attributes: Record<string, string>, init: Record<string, unknown> = {}) =>
      table.evaluate(
        (t, json) => {
          const [attrs, eventInit] = JSON.parse(json) as [Record<string, string>, MouseEventInit];
          const probe = document.createElement('a');
          for (const [name, value] of Object.entries(attrs)) probe.setAttribute(name, value);
          probe.textContent = '確認';
          t.querySelector('tbody th')!.append(probe);
          let prevented: boolean | undefined;
          window.addEventListener('click', (event) => ((prevented = event.defaultPrevented), event.preventDefault()), { once: true });
          probe.dispatchEvent(new MouseEvent('click', { bubbles: true, cancelable: true, ...eventInit }));
          probe.remove();
          return prevented;
        },
        JSON.stringify([attributes, init]),
      );
    for (const init of [{ ctrlKey: true }, { metaKey: true }, { shiftKey: true }, { altKey: true }, { button: 1 }])
      expect(await preventedBy({ href }, init), JSON.stringify(init)).toBe(false);
    const elsewhere: Record<string, string>[] = [
      { href, target: '_blank' },
      { href, download: '' },
      { href: '/\\example.org/' },
      { href: 'https://example.org/' },
    ];
    for (const attributes of elsewhere) expect(await preventedBy(attributes), JSON.stringify(attributes)).toBe(false);
    // This very page, as a plain link: followed inside the app (and the probe is not vacuous).
    const here = await page.evaluate(() => location.pathname + location.search);
    expect(await preventedBy({ href: here, target: '_self' })).toBe(true);
    await week.click();
    await page.waitForURL((url) => url.pathname + url.search === href);
    await page.getByRole('heading', { name: /^活動の記録（\d+件）$/ }).waitFor();
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
  });

  it('member on a phone: the charts fit the screen', async () => {
    const { page } = await openPage('dashboard-team-phone', phone);
    await signIn(page, member);
    await page.goto(await teamUrl(page));
    await chartsDrawn(page, 3);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'dashboard-team-phone');
  });

  it('hr: their team beside the cohort median, and no other municipality named', async () => {
    const { page } = await openPage('dashboard-hr');
    await signIn(page, hr);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto('/municipalities');
    const names = await page.locator('table tbody tr td:nth-child(2)').evaluateAll((tds) => tds.map((td) => (td.textContent ?? '').trim()));
    expect(names.length).toBeGreaterThan(3);
    await page.getByRole('link', { name: '人事課' }).click();
    await page.getByRole('heading', { name: `${municipality}の研究生の歩み` }).waitFor();
    expect(await chartsDrawn(page, 1)).toBe(1);
    expect(await page.locator('[data-card] [data-median]').count()).toBe(7);
    const text = await page.locator('main').textContent();
    for (const name of names.filter((n) => n !== municipality)) expect(text, `names ${name}`).not.toContain(name);
    await keepScreenshot(page, 'dashboard-hr');
  });

  it('admin: the table, the heat map, the group comparison and the CSV', async () => {
    const { page } = await openPage('dashboard-admin');
    await signIn(page, 'admin@example.jp');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.getByRole('link', { name: '事務局ダッシュボード' }).click();
    await page.getByRole('heading', { name: '事務局ダッシュボード' }).waitFor();
    expect(await chartsDrawn(page, 1)).toBe(1);
    const rows = page.locator('table[data-twin="teams"] tbody tr');
    expect(await rows.count()).toBeGreaterThan(3);
    // Sorting works by links (no JavaScript needed): by activities, most first. With JavaScript the links
    // ("?year=…&sort=…", written by the server as plain anchors: ~/components/Link) navigate inside the app.
    await page.evaluate(() => Object.assign(window, { sameDocument: true }));
    await page.getByRole('link', { name: '活動回数' }).click();
    await page.getByRole('link', { name: '活動回数 ▲' }).waitFor();
    await page.getByRole('link', { name: '活動回数 ▲' }).click();
    await page.getByRole('link', { name: '活動回数 ▼' }).waitFor();
    const counts = await rows.evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-activities'))));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    expect(await page.evaluate(() => 'sameDocument' in window)).toBe(true);
    // The heat map's row for a team adds up to its activity count (every test's activities lie inside the year).
    const first = rows.first();
    const teamId = await first.getAttribute('data-team');
    const strip = page.locator(`table[data-twin="heatmap"] tr[data-team="${teamId}"] svg`);
    const weeks = ((await strip.getAttribute('data-counts')) ?? '').split(',').map(Number);
    expect(weeks.reduce((s, n) => s + n, 0)).toBe(counts[0]);
    expect(Number(await strip.getAttribute('data-total'))).toBe(counts[0]);
    // What a screen reader hears names the total and each week with its count.
    expect(await strip.getAttribute('aria-label')).toMatch(new RegExp(`^計${counts[0]}件。`));
    const csv = await page.request.get(`/admin/dashboard.csv?year=${new URL(page.url()).searchParams.get('year')}`);
    expect(csv.status()).toBe(200);
    expect((await csv.body()).subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    await keepScreenshot(page, 'dashboard-admin');
  });

  it("alumni: their municipality's teams, current and past", async () => {
    const { page } = await openPage('dashboard-alumni');
    await signIn(page, alumni);
    await page.getByRole('link', { name: 'マネ友', exact: true }).click();
    await page.getByRole('heading', { name: `${municipality}のチーム` }).waitFor();
    expect(await page.getByRole('link', { name: new RegExp(`^${municipality}チーム（\\d+期生）$`) }).count()).toBe(2);
    await keepScreenshot(page, 'dashboard-alumni');
  });
});
