import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInTokyo } from '../../app/utils/clock';
import { formatFiscalYear } from '../../app/utils/dates';
import { addDays } from '../factories/util';
import { desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser } from './browser';

useBrowser();

// The organizer dashboard (issue 17): the table and the heat map list the teams in one order, north to
// south; the heat map opens on its latest week, at 1280 px as on a phone, even without JavaScript; and
// a year just created says what to do next instead of showing empty tables, without the page scrolling
// sideways on a phone.
const { north, south, emptyYear } = seeded('organizer-dashboard');

const thisMonday = (() => {
  const today = todayInTokyo();
  return addDays(today, -((new Date(`${today}T00:00:00Z`).getUTCDay() + 6) % 7));
})();

/** Whether the page itself scrolls sideways (a wide table must scroll in its own region instead). */
const pageOverflows = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

async function openDashboard(name: string, viewport: { width: number; height: number }, javaScript = true) {
  const { page } = await openPage(name, viewport, { javaScript });
  await signIn(page, 'admin@example.jp');
  await page.goto('/admin');
  await page.getByRole('heading', { name: '事務局ダッシュボード' }).waitFor();
  return page;
}

/**
 * Where the latest week of the northern team sits, beside the viewport and the scroll region: the heat map
 * draws a team's weeks as one strip (ActivityHeatmap.tsx), its last week the strip's right-most 34 px.
 */
async function latestCell(page: Page) {
  const region = page.getByRole('region', { name: '週ごとの活動の表' });
  await region.evaluate((el) => window.scrollTo(0, el.getBoundingClientRect().top + window.scrollY - 100)); // the page, not the region
  const strip = region.locator(`tr[data-team="${north}"] svg`);
  const [stripBox, frame] = [(await strip.boundingBox())!, (await region.boundingBox())!];
  const box = { x: stripBox.x + stripBox.width - 34, width: 34 };
  const week = await region.locator('thead text[data-week]').last().getAttribute('data-week');
  // Every week's count, in the header's order.
  const counts = ((await strip.getAttribute('data-counts')) ?? '').split(',');
  return { week, text: counts.at(-1), box, frame, region, strip };
}

describe('the organizer dashboard', () => {
  for (const [label, viewport, javaScript] of [
    ['1280 px', desktop, true],
    ['1280 px without JavaScript', desktop, false],
    ['360 px', phone, true],
  ] as const) {
    it(`opens the heat map on this week (${label}), the teams in the table's order`, async () => {
      const page = await openDashboard(`organizer-dashboard-${viewport.width}${javaScript ? '' : '-nojs'}`, viewport, javaScript);
      const { week, text, box, frame, region } = await latestCell(page);
      expect(week).toBe(thisMonday);
      expect(text).toBe('1');
      expect(box.x).toBeGreaterThanOrEqual(frame.x);
      expect(box.x + box.width).toBeLessThanOrEqual(Math.min(frame.x + frame.width, viewport.width) + 0.5);
      expect(await pageOverflows(page)).toBe(false);
      // A marked scroll region: named, reachable by keyboard.
      expect(await region.getAttribute('tabindex')).toBe('0');

      // One order: the table as it opens and the heat map list the same teams in the same order,
      // 北海道 first and 沖縄県 last.
      const order = (selector: string) => page.locator(selector).evaluateAll((trs) => trs.map((tr) => Number(tr.getAttribute('data-team'))));
      const table = await order('table[data-twin="teams"] tbody tr');
      expect(await order('table[data-twin="heatmap"] tbody tr')).toEqual(table);
      expect([table[0], table.at(-1)]).toEqual([north, south]);
      if (viewport.width === 1280 && javaScript) await keepScreenshot(page, 'organizer-dashboard-heatmap');
    });
  }

  it('scrolls back to earlier weeks with the arrow keys', async () => {
    const page = await openDashboard('organizer-dashboard-keys', desktop);
    const { region, box } = await latestCell(page);
    await region.focus();
    for (let i = 0; i < 10; i++) await page.keyboard.press('ArrowLeft');
    await page.waitForFunction(
      ([team, left]) => document.querySelector(`[data-twin="heatmap"] tr[data-team="${team}"] svg`)!.getBoundingClientRect().right - 34 > left + 40,
      [north, box.x] as const,
    );
  });

  it('sorts the table by a column and back to the one order, by links', async () => {
    const page = await openDashboard('organizer-dashboard-sort', phone, false);
    await page.getByRole('link', { name: '活動回数' }).click();
    await page.getByRole('link', { name: '活動回数 ▲' }).waitFor();
    await page.getByText('活動回数の少ない順に並べています。').waitFor();
    await page.getByRole('link', { name: '都道府県の北から順に戻す' }).click();
    await page.getByText('都道府県の北から順（同じ都道府県の中は自治体名順）に並べています。').waitFor();
    const first = await page.locator('table[data-twin="teams"] tbody tr').first().getAttribute('data-team');
    expect(Number(first)).toBe(north);
  });
});

describe('a year just created, at 360 px', () => {
  it('says on each of its pages what to do next, with no empty table, and nothing scrolls sideways', async () => {
    const { page } = await openPage('organizer-empty-year', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/years');
    await page.getByLabel('年度（西暦）').fill(String(emptyYear));
    await page.getByLabel('統一テーマ').fill('対話で地域の未来をひらく');
    await page.getByLabel(/前年度の構成/).uncheck();
    await page.getByRole('button', { name: '年度を作成' }).click();
    await page.getByText(`${formatFiscalYear(emptyYear)}を作りました。`).waitFor();

    const nextStep = page.locator('[data-next-step="teams"]');
    for (const path of [
      `/admin/years/${emptyYear}`,
      `/admin/years/${emptyYear}/teams`,
      `/admin/years/${emptyYear}/groups`,
      `/admin/years/${emptyYear}/preassignments`,
      `/admin?year=${emptyYear}`,
    ]) {
      if (path !== `/admin/years/${emptyYear}`) await page.goto(path);
      await nextStep.waitFor();
      expect(await nextStep.textContent(), path).toContain(`${formatFiscalYear(emptyYear)}にはまだチームがありません。`);
      expect(await page.locator('main table').count(), path).toBe(0);
      expect(await pageOverflows(page), path).toBe(false);
      await keepScreenshot(page, `organizer-empty-year${path.replace(/[^a-z0-9]+/gi, '-')}`);
    }
    // The line leads to where teams are registered.
    await nextStep.getByRole('link', { name: '参加自治体のチームを登録' }).click();
    await page.getByRole('heading', { name: /参加チーム（0チーム）/ }).waitFor();
  });
});
