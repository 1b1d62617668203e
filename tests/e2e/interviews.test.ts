import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { todayInTokyo } from '../../app/utils/clock';
import { demoPassword, desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForDraft, waitForHydration } from './browser';

useBrowser();

// The member's journeys around interviews and モヤモヤ, on a team of this file's own.
const {
  year,
  teamName,
  members: [member, member2],
  names: [memberName],
  hr,
} = seeded('interviews');

async function teamPath(page: Page) {
  await page.goto('/teams');
  const href = await page.getByRole('link', { name: teamName }).getAttribute('href');
  expect(href).toMatch(/^\/teams\/\d+$/);
  return href!;
}

async function fillInterview(page: Page, date: string, note: string) {
  await page.getByLabel('実施日').fill(date);
  await page.getByLabel('インタビューの相手').fill('市議会議員（Bさん）');
  await page.getByLabel('相手の立場').selectOption('council');
  await page.getByLabel('所要時間（分）').fill('60');
  await page.getByLabel('目的', { exact: true }).fill('議会から見た市役所の組織風土を伺う');
  await page.getByLabel('内容', { exact: true }).fill(note);
  await page.getByLabel('宿題 1 の内容').fill('若手職員との意見交換会を企画してほしい');
  await page.getByLabel('宿題 2 の内容').fill('議会報告の様式を見直してほしい');
  await page.getByLabel('対応状況').nth(1).selectOption('doing');
}

describe('key-person interviews', () => {
  it('records an interview with two homework items and sees the activity appear in the timeline', async () => {
    const { page } = await openPage('interview-record');
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/interviews`);
    await page.getByRole('link', { name: 'インタビューを記録' }).click();
    await page.getByRole('heading', { name: 'キーパーソンインタビューを記録' }).waitFor();
    await fillInterview(page, `${year}-10-15`, '議会も職員の挑戦を後押ししたいと考えている。<b>太字ではない</b>');
    await keepScreenshot(page, 'interview-new');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const interviewPath = new URL(page.url()).pathname;
    expect(await page.getByRole('heading', { name: '宿題（2件）' }).count()).toBe(1);
    // Text is shown as text: the tag is visible, not rendered.
    expect(await page.textContent('main')).toContain('<b>太字ではない</b>');
    await keepScreenshot(page, 'interview-detail');

    await page.goto(`${team}/activities?kind=interview`);
    const entry = page.locator(`a[href="${interviewPath}"]`);
    await entry.first().waitFor();
    expect(await entry.count()).toBe(1);
    expect(await entry.textContent()).toBe('議員インタビュー');
  });

  it('keeps the interview text when the session has expired, and saves it after signing in again', async () => {
    const { page, context } = await openPage('interview-expired');
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/interviews/new`);
    await waitForHydration(page);
    const note = '期限切れでも消えてほしくない大事なメモ。'.repeat(20);
    await fillInterview(page, `${year}-10-20`, note);
    // The draft holds the note and the last change fillInterview makes (宿題 2 set to 対応中).
    await waitForDraft(page, [note, 'doing'], 'interview');
    await context.clearCookies();
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByLabel('メールアドレス').waitFor();
    await page.getByLabel('メールアドレス').fill(member);
    await page.getByLabel(/^パスワード/).fill(demoPassword);
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('heading', { name: 'キーパーソンインタビューを記録' }).waitFor();
    await page.getByText('保存されていない入力内容').waitFor();
    expect(await page.getByLabel('内容', { exact: true }).inputValue()).toBe(note);
    expect(await page.getByLabel('宿題 2 の内容').inputValue()).toBe('議会報告の様式を見直してほしい');
    await page.getByRole('button', { name: '記録する' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    expect(await page.textContent('main')).toContain('期限切れでも消えてほしくない大事なメモ。');
  });

  it('shows HR the roles heard as far as they may read, and how many interviews they may not read, never 未実施 then', async () => {
    const { page } = await openPage('interview-coverage', phone);
    await signIn(page, hr);
    const team = await teamPath(page);
    await page.goto(`${team}/interviews`);
    await page.getByRole('heading', { name: 'キーパーソンの網羅状況' }).waitFor();
    const table = page.locator('table[data-twin="coverage"]');
    // The demo team keeps some interviews to itself.
    expect(Number(await table.getAttribute('data-hidden'))).toBeGreaterThan(0);
    expect(await table.locator('caption').textContent()).toMatch(/あなたに公開されていないインタビュー（チーム内のみ など）が\d+件あります/);
    expect(await table.textContent()).not.toContain('未実施');
    // The same table, the same words, on 概要.
    const here = await table.innerHTML();
    await page.goto(team);
    expect(await page.locator('table[data-twin="coverage"]').innerHTML()).toBe(here);
    expect(await page.getByRole('link', { name: 'インタビューを記録' }).count()).toBe(0);
    await keepScreenshot(page, 'interview-list-hr-phone');
    await page.getByRole('link', { name: '創り出した変化' }).click();
    await page.getByRole('heading', { name: /^創り出した変化（/ }).waitFor();
    await keepScreenshot(page, 'changes-hr-phone');
  });
});

describe('宿題 past their due date', () => {
  for (const [size, viewport] of [
    ['phone', phone],
    ['desktop', desktop],
  ] as const) {
    it(`are marked 期限切れ with the days on the interview page and on 概要 (${size})`, async () => {
      const { page } = await openPage(`homework-overdue-${size}`, viewport);
      await signIn(page, member);
      const team = await teamPath(page);
      await page.goto(`${team}/interviews`);
      await page.getByRole('link', { name: '市長' }).first().click();
      await page.getByRole('heading', { name: '宿題（2件）' }).waitFor();
      const overdue = page.locator('main li[data-deadline="overdue"]');
      expect(await overdue.count()).toBe(1);
      expect(await overdue.textContent()).toContain('若手職員の声を集めて報告してほしい');
      await overdue.getByText('期限切れ（3日超過）').waitFor();
      expect(await page.locator('main li[data-deadline="today"]').getByText('今日が期限').count()).toBe(1);
      await keepScreenshot(page, `homework-overdue-interview-${size}`);
      await page.goto(team);
      expect(await page.locator('[data-figure="overdue-homework"]').textContent()).toBe('期限を過ぎた宿題が1件あります。');
      await page.locator('[data-twin="homework"] li[data-deadline="overdue"]').getByText('期限切れ（3日超過）').waitFor();
      await page.locator('[data-twin="homework"]').scrollIntoViewIfNeeded();
      await keepScreenshot(page, `homework-overdue-overview-${size}`);
    });
  }

  it('are counted for HR on /hr without the text of an interview kept to the team (phone)', async () => {
    const { page } = await openPage('homework-overdue-hr', phone);
    await signIn(page, hr);
    await page.goto('/hr');
    const figure = page.locator('[data-figure="overdue-homework"]');
    await figure.waitFor();
    expect(await figure.textContent()).toBe(
      '期限を過ぎた宿題が1件あります。あなたに公開されていないインタビュー（チーム内のみ など）の宿題のため、内容は表示されません。',
    );
    expect(await page.textContent('main')).not.toContain('若手職員の声を集めて報告してほしい');
    await figure.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'homework-overdue-hr-phone');
  });
});

/** Chooses a level on the slider with the keyboard, as a person without a mouse would: End, then ← to it. */
async function chooseLevel(page: Page, label: RegExp, level: number) {
  const slider = page.getByLabel(label);
  await slider.focus();
  await slider.press('End');
  for (let i = level; i < 100; i++) await slider.press('ArrowLeft');
}

describe('モヤモヤ指数', () => {
  it('starts the level unset on a phone, asks for one in place keeping the note, and takes it from the keyboard', async () => {
    const { page } = await openPage('moyamoya-slider', phone);
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/moyamoya`);
    await page.getByRole('heading', { name: '今日のモヤモヤ' }).waitFor();
    await waitForHydration(page);
    const form = page.locator('form').filter({ has: page.getByLabel(/^自分のモヤモヤ指数/) });
    const slider = form.getByLabel(/^自分のモヤモヤ指数/);
    const shown = form.locator('output');
    expect(await slider.getAttribute('type')).toBe('range');
    expect(await shown.textContent()).toBe('未選択');
    expect(await slider.getAttribute('aria-valuetext')).toBe('未選択');
    // The chart sits on this page too, with its table twin open.
    await page.getByRole('heading', { name: 'モヤモヤ指数の推移' }).waitFor();
    await keepScreenshot(page, 'moyamoya-slider-unset-phone');

    const note = '数字はまだ決められないけれど、書いておきたい';
    await form.getByLabel('ひとこと（任意）').fill(note);
    await form.getByRole('button', { name: '記録する' }).click();
    await form.getByText('モヤモヤ指数を選んでください').waitFor();
    expect(await form.getByLabel('ひとこと（任意）').inputValue()).toBe(note);
    expect(await shown.textContent()).toBe('未選択');
    await keepScreenshot(page, 'moyamoya-slider-refused-phone');

    await slider.focus();
    await slider.press('ArrowRight');
    expect(await shown.textContent()).toBe('51');
    await chooseLevel(page, /^自分のモヤモヤ指数/, 62);
    expect(await shown.textContent()).toBe('62');
    expect(await slider.getAttribute('aria-valuetext')).toBeNull();
    await keepScreenshot(page, 'moyamoya-slider-chosen-phone');
    await form.getByRole('button', { name: '記録する' }).click();
    await page.getByRole('status').filter({ hasText: '今日のモヤモヤ指数を記録しました' }).waitFor();
    const row = page.locator(`table[data-twin="lines"] tr[data-date="${todayInTokyo()}"][data-series="${memberName}"]`);
    await row.waitFor();
    expect(await row.getAttribute('data-level')).toBe('62');
    expect(await row.textContent()).toContain(note);
    await keepScreenshot(page, 'moyamoya-slider-saved-phone');
  });

  it('is a number box with nothing in it without JavaScript', async () => {
    const { page } = await openPage('moyamoya-no-js', phone, { javaScript: false });
    await signIn(page, member2);
    const team = await teamPath(page);
    await page.goto(`${team}/moyamoya`);
    const box = page.getByLabel(/^自分のモヤモヤ指数/);
    expect(await box.getAttribute('type')).toBe('number');
    expect(await box.inputValue()).toBe('');
  });

  it('checks in モヤモヤ as two members', async () => {
    let team = '';
    for (const [email, level, note] of [
      [member, '70', 'まだ霧の中'],
      [member2, '40', '少し晴れてきた'],
    ] as const) {
      const { page } = await openPage(`moyamoya-${email.split('@')[0]}`, phone);
      await signIn(page, email);
      team = await teamPath(page);
      await page.goto(`${team}/moyamoya`);
      await page.getByRole('heading', { name: '今日のモヤモヤ' }).waitFor();
      await waitForHydration(page);
      await chooseLevel(page, /^自分のモヤモヤ指数/, Number(level));
      await page.getByLabel('ひとこと（任意）').fill(note);
      await page.getByRole('button', { name: '記録する' }).first().click();
      await page.getByRole('status').filter({ hasText: '今日のモヤモヤ指数を記録しました' }).waitFor();
      await keepScreenshot(page, `moyamoya-${email.split('@')[0]}`);
    }
    const { page } = await openPage('moyamoya-both');
    await signIn(page, member);
    await page.goto(`${team}/moyamoya`);
    // The chart's table twin lists today's figures.
    const today = page.locator(`table[data-twin="lines"] tr[data-date="${todayInTokyo()}"]`);
    await today.first().waitFor();
    const rows = await today.allTextContents();
    expect(rows.some((r) => r.includes('70') && r.includes('まだ霧の中'))).toBe(true);
    expect(rows.some((r) => r.includes('40') && r.includes('少し晴れてきた'))).toBe(true);
    // A second check-in the same day replaces the first.
    await waitForHydration(page);
    await chooseLevel(page, /^自分のモヤモヤ指数/, 55);
    await page.getByRole('button', { name: '記録する' }).first().click();
    await page.getByRole('status').filter({ hasText: '今日のモヤモヤ指数を記録しました' }).waitFor();
    const after = await today.allTextContents();
    expect(after).toHaveLength(2);
    expect(after.some((r) => r.includes('55'))).toBe(true);
    expect(after.some((r) => r.includes('70'))).toBe(false);
    await keepScreenshot(page, 'moyamoya-desktop');
  });
});
