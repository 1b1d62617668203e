import { describe, expect, it } from 'vitest';
import { baseUrl, keepScreenshot, openPage, phone, seeded, signIn, useBrowser } from './browser';

useBrowser();
const { municipality, hr } = seeded('pages');

describe('the demo in a browser', () => {
  // The demo's program years and sessions, which no browser test changes.
  it('shows program years and sessions with era dates beside western dates', async () => {
    const { page } = await openPage('home');
    await signIn(page, 'member@example.jp');
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: '年度と研究会' }).waitFor();
    const fy2026 = page.getByRole('heading', { name: /令和8年度/ });
    await expect(fy2026.count()).resolves.toBe(1);
    const body = await page.textContent('main');
    expect(body).toMatch(/令和\d+年\d+月\d+日（[月火水木金土日]）/);
    expect(body).toMatch(/20\d\d\/\d\d\/\d\d/);
    expect(body).toContain('第6回');
    await keepScreenshot(page, 'home-desktop');
  });

  it('shows a municipality with 期生 derived from its teams, on a phone-sized screen', async () => {
    const { page } = await openPage('municipality-phone', phone);
    await signIn(page, hr);
    await page.goto('/municipalities');
    await page.getByRole('link', { name: municipality }).click();
    await page.getByRole('heading', { level: 1, name: municipality }).waitFor();
    expect(page.url()).toMatch(/\/municipalities\/\d+$/);
    const teams = await page.getByRole('heading', { level: 3 }).allTextContents();
    expect(teams).toHaveLength(3);
    const generations = teams.map((t) => Number(/(\d+)期生/.exec(t)?.[1]));
    // Newest first, counting down to 1期生 without gaps.
    expect(generations).toEqual([3, 2, 1]);
    // Nothing overflows the 360 px screen.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await keepScreenshot(page, 'municipality-phone');
  });

  it('opens 年度と研究会 on the current year with the next session marked, in cards on a phone', async () => {
    const { page } = await openPage('home-phone', phone);
    await signIn(page, 'member2@example.jp');
    await page.goto('/');
    const open = page.locator('details.year[open]');
    expect(await open.count()).toBe(1);
    // The tests' clock starts on 26 November 2026: 令和8年度, whatever other year is set up.
    expect(await open.locator('h2').textContent()).toContain('令和8年度');
    expect(await open.locator('tr[aria-current="date"]').count()).toBe(1);
    expect(await open.locator('tr[aria-current="date"]').textContent()).toContain('次回');
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await keepScreenshot(page, 'home-phone');
  });

  it('has an icon for the browser tab', async () => {
    const { page } = await openPage('favicon');
    await page.goto('/login');
    const href = await page.locator('link[rel="icon"]').getAttribute('href');
    const icon = await fetch(baseUrl() + href!);
    expect([icon.status, icon.headers.get('content-type')]).toEqual([200, 'image/svg+xml']);
  });

  it('answers an unknown URL with a Japanese 404 page', async () => {
    const { page } = await openPage('not-found');
    const response = await page.goto('/no/such/page');
    expect(response?.status()).toBe(404);
    await page.getByRole('heading', { level: 1, name: 'ページが見つかりません' }).waitFor();
  });

  it('puts the security headers on pages and on 404s alike', async () => {
    for (const path of ['/', '/login', '/no/such/page', '/healthz', '/build/nothing.js']) {
      const response = await fetch(baseUrl() + path);
      expect(response.headers.get('content-security-policy')).toMatch(/nonce-[A-Za-z0-9+/=]+/);
      expect(response.headers.get('content-security-policy')).toContain("object-src 'none'");
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      expect(response.headers.get('referrer-policy')).toBe('same-origin');
      expect(response.headers.get('strict-transport-security')).toMatch(/max-age=\d+/); // production
      expect(response.headers.get('content-security-policy')).toContain("base-uri 'none'");
      expect(response.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
    }
  });
});
