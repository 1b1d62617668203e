import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Issue 18 in a real browser: the demo team's member opens its 共同論文 draft on a desktop and on a phone, sees the
// A4 preview, confirms the record kept to the team that the draft quotes, and downloads the Word file; two members
// of this file's own team save the draft at once, and the second sees both texts instead of losing one.

const { paperPath, members } = seeded('paper');

async function openDemoPaper(page: Page) {
  // A member of this year's team lands on it after signing in.
  await signIn(page, 'member@example.jp');
  await page.getByRole('heading', { name: '甲府市チーム', level: 1 }).waitFor();
  await page.getByRole('navigation', { name: 'チームのページ' }).getByRole('link', { name: '共同論文' }).click();
  await page.getByRole('heading', { name: '共同論文の草稿' }).waitFor();
}

/** What reaches past the screen's right edge outside a scroll region (as tests/e2e/japanese-pages.test.ts checks). */
const overflow = (page: Page) =>
  page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const box = el.getBoundingClientRect();
      if (box.width === 0 || box.right <= width + 1) continue;
      let inside: Element | null = el.parentElement;
      while (inside && inside !== document.body && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(inside).overflowX))
        inside = inside.parentElement;
      if (!inside || inside === document.body) found.push(`<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').trim().slice(0, 20)}`);
    }
    return found;
  });

describe('the joint paper draft', () => {
  it('on a desktop: the A4 preview, the confirmation, and the Word file', async () => {
    const { page, context } = await openPage('paper-desktop', desktop);
    await openDemoPaper(page);
    const preview = page.locator('.paper-preview');
    await preview.getByLabel('表紙').getByText('共同論文', { exact: true }).waitFor();
    // A4: each page of the preview is 210 mm wide on a wide screen (96 px to the inch).
    const width = await preview
      .locator('.paper-page')
      .first()
      .evaluate((el) => el.getBoundingClientRect().width);
    expect(Math.round(width)).toBe(Math.round((210 / 25.4) * 96));
    expect(await preview.locator('img.paper-chart').count()).toBeGreaterThanOrEqual(2);
    await keepScreenshot(page, 'paper-desktop');
    await preview.locator('.paper-page').first().screenshot({ path: 'test-results/screenshots/paper-desktop-cover.png' });

    // The record kept to the team is listed, and the download waits for the box.
    const warning = page.getByRole('note').filter({ hasText: '公開範囲がチーム内のみの記録を含みます' });
    expect(await warning.getByRole('listitem').count()).toBeGreaterThanOrEqual(1);
    const button = page.getByRole('button', { name: 'Wordファイル（.docx）をダウンロード' });
    await button.click();
    expect(await page.getByRole('checkbox', { name: /確認しました/ }).evaluate((box) => (box as HTMLInputElement).validity.valueMissing)).toBe(true);
    await page.getByRole('checkbox', { name: /確認しました/ }).check();
    const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
    expect(download.suggestedFilename()).toBe('甲府市_令和8年度_共同論文（草稿）.docx');
    const file = fs.readFileSync((await download.path())!);
    expect(file.length).toBeGreaterThan(30_000);
    expect(file.subarray(0, 2).toString()).toBe('PK');

    // The same address answers as Word's type, and without the confirmation it is refused.
    const confirmed = new URL(download.url());
    const answer = await context.request.get(confirmed.pathname + confirmed.search);
    expect(answer.headers()['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    // The same document (its time stamps aside).
    expect(Math.abs((await answer.body()).length - file.length)).toBeLessThan(100);
    const refused = await context.request.get(confirmed.pathname);
    expect(refused.status()).toBe(409);
    expect(await refused.text()).toContain('確認が必要です');
    await context.close();
  });

  it('on a 360 px phone: the preview fits the screen, wide tables scroll inside their regions', async () => {
    const { page, context } = await openPage('paper-phone', phone);
    await openDemoPaper(page);
    const cover = page.locator('.paper-preview .paper-page').first();
    await cover.scrollIntoViewIfNeeded();
    expect(await overflow(page)).toEqual([]);
    await keepScreenshot(page, 'paper-phone', { type: 'jpeg' });
    await cover.screenshot({ path: 'test-results/screenshots/paper-phone-cover.png' });
    await context.close();
  });

  it('two members save at once: the second keeps their text and sees the first one’s beside it', async () => {
    const { page: first, context: one } = await openPage('paper-first');
    const { page: second, context: two } = await openPage('paper-second', phone);
    for (const [page, email] of [
      [first, members[0]],
      [second, members[1]],
    ] as const) {
      await signIn(page, email);
      await page.goto(paperPath);
      await waitForHydration(page);
    }
    await first.getByLabel('見出した成果').fill('対話 ＝ 聴く × 話す');
    await first.getByRole('checkbox', { name: /市長/ }).check();
    await first.getByRole('button', { name: '草稿を保存する' }).click();
    await first.getByRole('status').filter({ hasText: '共同論文の草稿を保存しました。' }).waitFor();
    // The ticked interview is now listed for confirmation, and its words are in the preview.
    await first.getByRole('note').filter({ hasText: '公開範囲がチーム内のみの記録を含みます' }).waitFor();

    await second.getByLabel('見出した成果').fill('正解より問いを持ち続けること');
    await second.getByRole('button', { name: '草稿を保存する' }).click();
    await second.getByRole('heading', { name: 'ほかの人の保存と重なりました' }).waitFor();
    expect(await second.getByLabel('見出した成果').inputValue()).toBe('正解より問いを持ち続けること');
    // The box the first member ticked and the second did not touch is taken in.
    expect(await second.getByRole('checkbox', { name: /市長/ }).isChecked()).toBe(true);
    await second.getByRole('button', { name: '草稿を保存する' }).click();
    await second.getByRole('status').filter({ hasText: '共同論文の草稿を保存しました。' }).waitFor();
    expect(await second.locator('.paper-preview').textContent()).toContain('正解より問いを持ち続けること');
    await one.close();
    await two.close();
  });
});
