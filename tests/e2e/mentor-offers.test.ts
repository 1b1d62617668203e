import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFiscalYear } from '../../app/utils/dates';
import { desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Issue 17, where people land and what they do first: a マネ友 with no team to mentor offers to mentor
// this year's team of their municipality and its member accepts, on a phone; the team's mentor picker
// narrows a hundred names or more to what is typed. Around this file's own municipality (fixtures/mentor-offers.ts).
const { year, municipality, teamPath, member, alumni, alumniName, firstGeneration, elsewhere } = seeded('mentor-offers');
const teamTitle = `${municipality}チーム（3期生・${formatFiscalYear(year)}）`;

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
const options = (page: Page, group: string) => page.locator(`select optgroup[label="${group}"] option`).allTextContents();

describe('the mentor picker', () => {
  for (const [size, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    it(`narrows to what is typed: a reading, a municipality, a 期 (${size})`, async () => {
      const { page } = await openPage(`mentor-picker-${size}`, viewport);
      await signIn(page, member);
      await page.goto(`${teamPath}/mentors`);
      await page.getByRole('heading', { name: 'メンターをお願いする' }).waitFor();
      await waitForHydration(page);
      const search = page.getByRole('searchbox', { name: 'マネ友を探す' });
      const count = page.locator('.mentor-picker [role="status"]');
      const everyone = Number(/^(\d+)名から選べます$/.exec((await count.textContent())!)![1]);
      expect(everyone).toBeGreaterThan(100);

      // A reading in katakana finds both of this town's マネ友, in the group of the team's own municipality.
      await search.fill('シラカバ');
      await count.filter({ hasText: '2名が当てはまります' }).waitFor();
      expect(await options(page, '同じ自治体のマネ友')).toEqual([
        `${alumniName}（${municipality} 2期生・${formatFiscalYear(year - 1)}）`,
        `${firstGeneration}（${municipality} 1期生・${formatFiscalYear(year - 2)}）`,
      ]);
      expect(await page.locator('select optgroup[label="他の自治体のマネ友"]').count()).toBe(0);
      // Two words, both needed: the town and a 期 (not 11期 or 21期).
      await search.fill(`${municipality} 1期`);
      await count.filter({ hasText: '1名が当てはまります' }).waitFor();
      expect(await options(page, '同じ自治体のマネ友')).toEqual([`${firstGeneration}（${municipality} 1期生・${formatFiscalYear(year - 2)}）`]);
      await keepScreenshot(page, `mentor-picker-${size}`);
      await noOverflow(page);

      // Another municipality's alumnus; with one name left, Enter chooses it and moves to the list.
      await search.fill(elsewhere.municipality);
      await count.filter({ hasText: '1名が当てはまります' }).waitFor();
      await search.press('Enter');
      const select = page.getByRole('combobox', { name: /^マネ友/ });
      await expect.poll(() => select.evaluate((el) => el === document.activeElement)).toBe(true);
      expect(await select.locator('option:checked').textContent()).toBe(`${elsewhere.name}（${elsewhere.municipality} 1期生・${formatFiscalYear(year - 1)}）`);
      expect(page.url()).toMatch(/\/mentors$/); // Enter did not send the form
      await search.fill('該当なしの名前');
      await count.filter({ hasText: '当てはまるマネ友はいません' }).waitFor();
      // The choice stays in the list while another name is searched for.
      expect(await select.locator('option:checked').textContent()).toContain(elsewhere.name);
    });
  }

  it('is a plain select of groups without JavaScript', async () => {
    const { page } = await openPage('mentor-picker-nojs', phone, { javaScript: false });
    await signIn(page, member);
    await page.goto(`${teamPath}/mentors`);
    await page.getByRole('heading', { name: 'メンターをお願いする' }).waitFor();
    expect(await page.getByRole('searchbox').count()).toBe(0);
    const groups = await page.locator('select optgroup').evaluateAll((els) => els.map((el) => el.getAttribute('label')));
    expect(groups).toEqual(['同じ自治体のマネ友', '他の自治体のマネ友']);
    expect((await options(page, '同じ自治体のマネ友'))[0]).toContain(alumniName);
  });
});

describe('an offer to mentor', () => {
  it('is made by a マネ友 with no team to mentor and accepted by the team, on a phone', async () => {
    const { page: alumnus } = await openPage('mentor-offer-alumni', phone);
    await signIn(alumnus, alumni);
    await alumnus.getByRole('link', { name: 'マネ友', exact: true }).click();
    await alumnus.getByRole('heading', { name: '支援しているチーム' }).waitFor();
    await alumnus.getByText('メンターとして支援しているチームはまだありません。').waitFor();
    const card = alumnus.locator('.offer-card').filter({ hasText: teamTitle });
    await waitForHydration(alumnus);
    await keepScreenshot(alumnus, 'mentor-offer-form-phone');
    await noOverflow(alumnus);
    await card.getByLabel(/^チームへのひとこと/).fill('昨年度はインタビューの段取りで苦労しました。進め方の相談に乗れます。');
    await card.getByRole('button', { name: 'このチームのメンターを申し出る' }).click();
    await alumnus
      .getByRole('status')
      .filter({ hasText: `${municipality}チームにメンターを申し出ました` })
      .waitFor();
    await card.getByText('申し出中', { exact: true }).waitFor();
    expect(await card.textContent()).toContain('チームの返事を待っています');
    await keepScreenshot(alumnus, 'mentor-offer-pending-phone');
    await noOverflow(alumnus);
    await alumnus.setViewportSize(desktop);
    await keepScreenshot(alumnus, 'mentor-offer-pending-desktop');
    await alumnus.setViewportSize(phone);

    const { page: team } = await openPage('mentor-offer-team', phone);
    await signIn(team, member);
    await team.goto('/notifications');
    await team
      .getByRole('link', { name: `${alumniName}さん（マネ友）からメンターの申し出が届きました` })
      .first()
      .click();
    await team.getByRole('heading', { name: 'メンターの申し出（1件）' }).waitFor();
    expect(await team.locator('.offer-card').textContent()).toContain('インタビューの段取りで苦労しました');
    await keepScreenshot(team, 'mentor-offer-team-phone');
    await noOverflow(team);
    await team.setViewportSize(desktop);
    await keepScreenshot(team, 'mentor-offer-team-desktop');
    await team.setViewportSize(phone);
    await team.getByRole('button', { name: '承諾してメンターをお願いする' }).click();
    await team.getByRole('status').filter({ hasText: '申し出を承諾しました。メンターに加わりました。' }).waitFor();
    expect(await team.getByRole('heading', { name: 'メンターの申し出' }).count()).toBe(0);
    expect(await team.locator('section[aria-labelledby="mentors-heading"]').textContent()).toContain(alumniName);

    await alumnus.reload();
    const supported = alumnus.locator('section[aria-labelledby="mentored-heading"] table');
    await supported.getByRole('link', { name: `${municipality}チーム（3期生）` }).waitFor();
    expect(await alumnus.locator('.offer-card').count()).toBe(0);
    await keepScreenshot(alumnus, 'mentor-offer-accepted-phone');
    await noOverflow(alumnus);
  });
});
