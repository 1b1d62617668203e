import fs from 'node:fs';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, screenshotDir, seeded, signIn, useBrowser, waitForDraft, waitForHydration } from './browser';

useBrowser();

// The change-story sheet in a real browser: two members saving at once, a diff, a partner's
// comment, and the print view as Chromium's own 「PDFに保存」 renders it on A4. On this file's own
// teams: each test reads the sheet as it finds it, so the tests run in any order.
const {
  teamName,
  sheetPath: sheetUrl,
  members: [member, member2],
  alumni,
  partner: partnerEmail,
  diff,
} = seeded('sheet');

/** Ticks a record the row does not cite yet; the checkbox, found again by its value after a reload. */
async function citeOne(row: Locator) {
  await row.locator('details').evaluate((details) => ((details as HTMLDetailsElement).open = true));
  const value = await row.getByRole('checkbox', { checked: false }).first().getAttribute('value');
  const box = row.locator(`input[type="checkbox"][value="${value}"]`);
  await box.check();
  return box;
}

const currentState = (page: Page) => page.getByRole('textbox', { name: '現状とその背景', exact: true });

describe('the change-story sheet', () => {
  it('two members edit at once: the second sees both texts, merges, and saves', async () => {
    const { page: first } = await openPage('sheet-first');
    const { page: second } = await openPage('sheet-second', phone);
    await signIn(first, member);
    await signIn(second, member2);
    for (const page of [first, second]) {
      await page.goto(`${sheetUrl}/edit`);
      await page.getByRole('heading', { name: '変革ストーリーシートを編集' }).waitFor();
    }
    const original = await currentState(first).inputValue();
    expect(original.length).toBeGreaterThan(10);

    await currentState(first).fill(`${original}\n一人目が書き足した段落。`);
    await first.getByLabel('保存メッセージ（任意）').fill('一人目の追記');
    await first.getByRole('button', { name: '保存する' }).click();
    const saved = await first.getByRole('status').filter({ hasText: '版として保存しました' }).textContent();
    const firstVersion = Number(/第(\d+)版/.exec(saved ?? '')?.[1]);
    expect(firstVersion).toBeGreaterThan(1);

    // The second member was still on the older version.
    await currentState(second).fill(`${original}\n二人目が夜中に書いた段落。`);
    await second.getByRole('button', { name: '保存する' }).click();
    await second.getByRole('heading', { name: 'ほかの人の保存と重なりました' }).waitFor();
    const compare = second.locator('[data-field="currentState"] .merge-compare');
    expect(await compare.textContent()).toContain('両方で変更されています');
    expect(await compare.locator('.diff-pair > div').first().textContent()).toContain('一人目が書き足した段落。');
    expect(await compare.locator('.diff-pair > div').last().textContent()).toContain('二人目が夜中に書いた段落。');
    // The two new sentences share characters, so only the differing ones are marked.
    expect((await compare.locator('ins').allTextContents()).join('')).toContain('夜中');
    expect((await compare.locator('del').allTextContents()).join('')).toContain('足し');
    expect(await currentState(second).inputValue()).toBe(`${original}\n二人目が夜中に書いた段落。`);
    await keepScreenshot(second, 'sheet-conflict-phone');
    // Only the field both changed is shown for merging (evidence read back from jsonb compares equal).
    expect(await second.locator('[data-field]:has(.merge-compare)').evaluateAll((els) => els.map((e) => e.getAttribute('data-field')))).toEqual([
      'currentState',
    ]);
    const overflow = await second.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await currentState(second).fill(`${original}\n一人目が書き足した段落。\n二人目が夜中に書いた段落。`);
    await second.getByRole('button', { name: `まとめた内容を第${firstVersion + 1}版として保存` }).click();
    await second
      .getByRole('status')
      .filter({ hasText: `第${firstVersion + 1}版として保存しました` })
      .waitFor();
    const body = await second.locator('#section-currentState + .sheet-field').textContent();
    expect(body).toContain('一人目が書き足した段落。');
    expect(body).toContain('二人目が夜中に書いた段落。');
  });

  it('keeps unsaved text in the browser through a reload', async () => {
    const { page } = await openPage('sheet-draft');
    await signIn(page, member);
    await page.goto(`${sheetUrl}/edit`);
    await waitForHydration(page);
    const goal = page.getByRole('textbox', { name: '1年後に目指す状態', exact: true });
    await goal.fill('保存する前に停電した文章。');
    await waitForDraft(page, ['保存する前に停電した文章。'], 'sheet');
    await page.reload();
    await page.getByText('保存されていない入力内容').waitFor();
    expect(await goal.inputValue()).toBe('保存する前に停電した文章。');
    await page.getByRole('button', { name: '復元した内容を破棄する' }).click();
  });

  it('restores rows added before a reload, with their text and cited records', async () => {
    const { page } = await openPage('sheet-draft-rows');
    await signIn(page, member);
    await page.goto(`${sheetUrl}/edit`);
    await waitForHydration(page);
    const rows = page.locator('[data-field="actionPlan.first"] .item-row');
    const shown = await rows.count();
    await page.getByRole('button', { name: 'まず取り組むの項目を追加' }).click();
    await page.getByRole('button', { name: 'まず取り組むの項目を追加' }).click();
    const added = rows.nth(shown + 1);
    await added.getByRole('textbox').fill('再読み込みの前に足した行。');
    const cited = await citeOne(added);
    // A record cited in another list must stay cited when the added rows are filled in.
    const otherCited = await citeOne(page.locator('[data-field="focusInitiatives"] .item-row').first());
    await waitForDraft(page, ['再読み込みの前に足した行。', (await cited.getAttribute('value'))!, (await otherCited.getAttribute('value'))!], 'sheet');

    await page.reload();
    await page.getByText('保存されていない入力内容').waitFor();
    await expect.poll(() => added.getByRole('textbox').inputValue()).toBe('再読み込みの前に足した行。');
    expect(await rows.count()).toBe(shown + 2);
    expect(await rows.nth(shown).getByRole('textbox').inputValue()).toBe('');
    expect(await cited.isChecked()).toBe(true);
    expect(await otherCited.isChecked()).toBe(true);
    await page.getByRole('button', { name: '復元した内容を破棄する' }).click();
  });

  it('highlights a changed Japanese sentence between two versions', async () => {
    const { page } = await openPage('sheet-diff');
    await signIn(page, diff.member);
    await page.goto(`${diff.sheetPath}/edit`);
    await waitForHydration(page);
    const text = await currentState(page).inputValue();
    await currentState(page).fill(text.replace('二人目が夜中に書いた段落。', '二人目が明け方に書き直した段落。'));
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').filter({ hasText: '版として保存しました' }).waitFor();
    await page.getByRole('link', { name: '版の履歴と比較' }).click();
    await page.getByRole('link', { name: '前の版との違い' }).first().click();
    await page.getByRole('heading', { name: /版の比較$/ }).waitFor();
    const field = page.locator('section[aria-labelledby="diff-currentState"]');
    // By characters within the changed sentence: 夜中に書いた → 明け方に書き直した.
    expect(await field.locator('del').allTextContents()).toEqual(['夜中', 'い']);
    expect(await field.locator('ins').allTextContents()).toEqual(['明け方', 'き直し']);
    expect(await field.locator('.diff-pair > div').last().textContent()).toContain('二人目が明け方に書き直した段落。');
    expect(await page.locator('.diff-legend').first().textContent()).toContain('取り消し線');
    expect(await page.locator('section[aria-labelledby="diff-oneYearGoal"]').textContent()).toContain('変更なし');
    await keepScreenshot(page, 'sheet-diff-desktop');
  });

  it('carries a dialogue partner’s comment to the team', async () => {
    const { page: partner } = await openPage('sheet-partner');
    await signIn(partner, partnerEmail);
    await partner.goto(sheetUrl);
    await partner.getByText('「10年後のありたい姿」にコメントする').click();
    await partner.locator('#comment-idealIn10Years').fill('熊本市チームです。10年後の姿、市民の声がもっと聞きたいです。');
    await partner.locator('section[aria-labelledby="section-idealIn10Years"]').getByRole('button', { name: 'コメントを投稿' }).click();
    await partner.locator('section[aria-labelledby="section-idealIn10Years"] .comment').filter({ hasText: '市民の声がもっと聞きたい' }).waitFor();
    // A second comment right after, on the page the first one landed on: a new record, not taken for a resend.
    await waitForHydration(partner);
    const form = partner.locator('section[aria-labelledby="section-idealIn10Years"] details.comment-form');
    if (!(await form.evaluate((d) => (d as HTMLDetailsElement).open))) await form.locator('summary').click();
    await partner.locator('#comment-idealIn10Years').fill('もう一つ。若手の声も聞いてみてください。');
    await partner.locator('section[aria-labelledby="section-idealIn10Years"]').getByRole('button', { name: 'コメントを投稿' }).click();
    await partner.locator('section[aria-labelledby="section-idealIn10Years"] .comment').filter({ hasText: '若手の声も聞いてみて' }).waitFor();

    const { page: teamMember } = await openPage('sheet-member-comments');
    await signIn(teamMember, member);
    await teamMember.goto(sheetUrl);
    const section = teamMember.locator('section[aria-labelledby="section-idealIn10Years"]');
    expect(await section.locator('.comment').filter({ hasText: '市民の声がもっと聞きたい' }).count()).toBe(1);
    expect(await section.locator('.comment').filter({ hasText: '若手の声も聞いてみて' }).count()).toBe(1);
    expect(await section.locator('h2').textContent()).toMatch(/未解決のコメント \d+件/);
    await keepScreenshot(teamMember, 'sheet-view-desktop');
  });

  it('prints on one or two A4 pages with no site navigation', async () => {
    const { page } = await openPage('sheet-print');
    await signIn(page, member);
    await page.goto(`${sheetUrl}/print`);
    await page.getByRole('heading', { level: 1, name: teamName }).waitFor();
    expect(await page.locator('.site-header, .site-footer').count()).toBe(0);
    const meta = await page.locator('.print-sheet__meta').textContent();
    expect(meta).toMatch(/令和8年度・\d+期生・第\d+版/);
    await page.emulateMedia({ media: 'print' });
    const pdf = await page.pdf({ format: 'A4', printBackground: true });
    fs.mkdirSync(screenshotDir, { recursive: true });
    fs.writeFileSync(path.join(screenshotDir, 'sheet-print.pdf'), pdf);
    const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
    expect(pages).toBeGreaterThanOrEqual(1);
    expect(pages).toBeLessThanOrEqual(2);
    expect(await page.getByRole('button', { name: '印刷する・PDFに保存' }).isVisible()).toBe(false);
    await page.setViewportSize({ width: 794, height: 1123 });
    await keepScreenshot(page, 'sheet-print-a4');
  });

  it('fits every sheet of the municipality, including last year’s final version, on two A4 pages at most', async () => {
    const { page } = await openPage('sheet-print-alumni');
    await signIn(page, alumni);
    await page.goto('/teams');
    const teams = await page.getByRole('link', { name: teamName }).evaluateAll((as) => as.map((a) => a.getAttribute('href')));
    expect(teams.length).toBeGreaterThanOrEqual(2);
    await page.emulateMedia({ media: 'print' });
    for (const team of teams) {
      await page.goto(`${team}/sheet/print`);
      await page.getByRole('heading', { level: 1, name: teamName }).waitFor();
      if ((await page.getByText('まだシートがありません').count()) > 0) continue;
      const pdf = await page.pdf({ format: 'A4', printBackground: true });
      const pages = pdf.toString('latin1').match(/\/Type\s*\/Page(?!s)/g)?.length ?? 0;
      expect(pages, `${team}: ${pages} pages`).toBeGreaterThanOrEqual(1);
      expect(pages, `${team}: ${pages} pages`).toBeLessThanOrEqual(2);
    }
  });
});
