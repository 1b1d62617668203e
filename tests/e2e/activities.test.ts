import { describe, expect, it } from 'vitest';
import { todayInTokyo } from '../../app/utils/clock';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();
const { teamName, member } = seeded('activities');

describe('activity log on a phone', () => {
  it('at phone size (360px) a member logs a meeting through quick add and sees it in the timeline', async () => {
    const { page } = await openPage('activities-quick-add', phone);
    await signIn(page, member);
    await page.goto('/teams');
    await page.getByRole('link', { name: teamName }).click();
    await page.getByRole('link', { name: '活動記録' }).click();
    await page.getByRole('heading', { name: 'すばやく記録' }).waitFor();
    // The minutes follow the chosen duration once the page's JavaScript runs (a busy machine takes a moment).
    await waitForHydration(page);

    const title = `廊下で打合せ<b>${Date.now()}</b>`;
    const quick = page.locator('section.quick-add');
    await quick.getByLabel('種別').selectOption({ label: 'ミーティング' });
    expect(await quick.getByLabel('日付').inputValue()).toBe(todayInTokyo());
    await quick.getByLabel(/^タイトル/).fill(title);
    await quick.getByRole('radio', { name: '1時間30分' }).click();
    expect(await quick.getByLabel('または分数を入力').inputValue()).toBe('90');
    const button = quick.getByRole('button', { name: '記録する' });
    const box = await button.boundingBox();
    expect(box!.height).toBeGreaterThanOrEqual(44); // a thumb-sized target
    await button.click();

    await page.getByRole('status').filter({ hasText: '活動を記録しました' }).waitFor();
    const entry = page.locator('.timeline-item.is-new');
    await entry.waitFor();
    // The title is shown as text: the markup typed in it is not rendered.
    expect(await entry.getByRole('link').textContent()).toBe(title);
    expect(await entry.textContent()).toContain('1時間30分');
    expect(await entry.locator('b').count()).toBe(0);
    // The quick add form is empty again for the next entry.
    expect(await quick.getByLabel(/^タイトル/).inputValue()).toBe('');
    // Nothing sticks out sideways at 360 px.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await keepScreenshot(page, 'activities-phone');

    // The notice is said once: the address carries no message, so a reload (or going back, or a
    // shared link) does not say it again, and the new entry is no longer marked.
    expect(new URL(page.url()).search).toBe('');
    await page.reload();
    await waitForHydration(page);
    await page.getByRole('link', { name: title }).waitFor();
    expect(await page.getByRole('status').filter({ hasText: '活動を記録しました' }).count()).toBe(0);
    expect(await page.locator('.timeline-item.is-new').count()).toBe(0);
  });
});
