import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { encodeShiftJis } from '../encodings';
import { desktop, keepScreenshot, openPage, overflowOnPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// The member's journey with survey results, on a 360 px phone: a Google フォーム CSV saved in Shift_JIS is
// read, one question's kind is corrected in the preview, and the survey's page shows each question's chart
// with its table twin. On a team of this file's own.
const { year, teamName, member, countedSurveyId } = seeded('surveys');

async function teamPath(page: Page) {
  await page.goto('/teams');
  const href = await page.getByRole('link', { name: teamName }).getAttribute('href');
  expect(href).toMatch(/^\/teams\/\d+$/);
  return href!;
}

// 30 respondents: 20 はい / 10 いいえ; a one-word impression the reader takes for choices (the team says
// it is free text); a 5-point scale.
const answers = Array.from({ length: 30 }, (_, i) => [
  `${year}/07/${String(1 + (i % 5)).padStart(2, '0')} 10:${String(i).padStart(2, '0')}:00`,
  i % 3 === 2 ? 'いいえ' : 'はい',
  ['楽しい', '忙しい', 'やりがいがある'][i % 3]!,
  String((i % 5) + 1),
]);
const csv = [['タイムスタンプ', '対話の時間は足りていますか', '今の仕事を一言でいうと', '挑戦できる風土がある（5段階）'], ...answers]
  .map((row) => row.join(','))
  .join('\r\n');

/** Nothing reaches past the phone's right edge outside a marked scroll region. */
async function fitsThePhone(page: Page) {
  expect(await page.evaluate(overflowOnPage)).toEqual([]);
}

describe('survey results', () => {
  it('imports a Google フォーム CSV in Shift_JIS on a phone, with a kind corrected in the preview, and shows each chart with its table', async () => {
    const { page } = await openPage('survey-import', phone);
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/surveys`);
    await page.getByRole('link', { name: 'CSVから取り込む' }).click();
    await page.getByRole('heading', { name: 'アンケート結果をCSVから取り込む' }).waitFor();
    await waitForHydration(page);
    await page.getByLabel('CSVファイル').setInputFiles({ name: '若手職員アンケート.csv', mimeType: 'text/csv', buffer: Buffer.from(encodeShiftJis(csv)) });
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.getByRole('heading', { name: '読み込む内容の確認' }).waitFor();
    await expect.poll(() => page.getByRole('status').textContent()).toContain('Google フォームのCSVとして読みました（Shift_JIS）');
    expect(await page.getByLabel('Q1の形式').inputValue()).toBe('yes_no');
    expect(await page.getByLabel('Q2の形式').inputValue()).toBe('single');
    expect(await page.getByLabel('Q3の形式').inputValue()).toBe('scale');
    await fitsThePhone(page);
    await keepScreenshot(page, 'survey-import-preview-phone');

    // The team corrects the reading: the one-word answers are free text, not options.
    await page.getByLabel('Q2の形式').selectOption('free_text');
    expect(await page.getByRole('button', { name: 'この内容で取り込む' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '変更を反映して確認する' }).click();
    await page.getByText('（読み取りは単一選択）').waitFor();
    expect(await page.getByLabel('タイトル').inputValue()).toBe('若手職員アンケート');
    expect(await page.getByLabel('実施日').inputValue()).toBe(`${year}-07-01`);
    await page.getByLabel('対象').fill('入庁10年目までの職員');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();

    await page.getByRole('status').filter({ hasText: '「若手職員アンケート」を取り込みました' }).waitFor();
    await page.getByRole('heading', { name: '若手職員アンケート' }).waitFor();
    // Each choice question: a chart (drawn once the chart code has loaded) and its table twin.
    const charts = page.locator('figure[data-chart="shares"]');
    expect(await charts.count()).toBe(2);
    await charts.first().locator('canvas').waitFor();
    const yesNo = charts.first().locator('table[data-twin="shares"] tbody tr');
    expect(
      await yesNo.evaluateAll((rows) => rows.map((r) => [r.getAttribute('data-label'), r.getAttribute('data-percent'), r.getAttribute('data-count')])),
    ).toEqual([
      ['はい', '66.7', '20'],
      ['いいえ', '33.3', '10'],
    ]);
    expect(await charts.first().getByText('回答した30人に占める割合').count()).toBe(1);
    // The corrected question: its answers, each of which may be tagged 引用.
    await page.getByRole('heading', { name: 'Q2. 今の仕事を一言でいうと' }).waitFor();
    expect(await page.getByRole('button', { name: /^引用にする/ }).count()).toBe(30);
    await fitsThePhone(page);
    await keepScreenshot(page, 'survey-page-phone');
  });

  it('shows a counted survey with every kind of question, and tags an answer 引用', async () => {
    for (const [viewport, name] of [
      [desktop, 'desktop'],
      [phone, 'phone'],
    ] as const) {
      const { page } = await openPage(`survey-${name}`, viewport);
      await signIn(page, member);
      const team = await teamPath(page);
      await page.goto(`${team}/surveys/${countedSurveyId}`);
      await page.getByRole('heading', { name: '全職員アンケート' }).waitFor();
      await waitForHydration(page);
      expect(await page.locator('figure[data-chart="shares"]').count()).toBe(4);
      await page.locator('figure[data-chart="shares"] canvas').nth(3).waitFor();
      expect(await page.getByText('引用するとき: 「市役所の仕事にやりがいを感じていますか？（はい:46.4%／いいえ:53.6%）」').count()).toBe(1);
      if (name === 'phone') await fitsThePhone(page);
      await keepScreenshot(page, `survey-counted-${name}`);
      // Its edit form: the counted questions' results are shown, not typed.
      await page.getByRole('link', { name: '編集する' }).click();
      await page.getByRole('heading', { name: 'アンケートを編集' }).waitFor();
      expect(await page.getByText('ファイルから集計した結果').count()).toBe(5);
      if (name === 'phone') await fitsThePhone(page);
      await keepScreenshot(page, `survey-edit-${name}`);
    }
    const { page } = await openPage('survey-quote', phone);
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/surveys/${countedSurveyId}`);
    await waitForHydration(page);
    await page.getByRole('button', { name: '引用にする: 会議が報告ばかりで、話し合いになってい' }).click();
    await page.getByRole('status').filter({ hasText: '引用に指定しました' }).waitFor();
    expect(await page.locator('li[data-quoted="true"]').count()).toBe(2);
  });

  it('types a summary by hand on a phone', async () => {
    const { page } = await openPage('survey-new', phone);
    await signIn(page, member);
    const team = await teamPath(page);
    await page.goto(`${team}/surveys/new`);
    await page.getByRole('heading', { name: 'アンケートの集計結果を入力' }).waitFor();
    await waitForHydration(page);
    await page.getByLabel('タイトル').fill('マネ友アンケート');
    await page.getByLabel('実施日').fill(`${year}-09-01`);
    await page.getByLabel('Q1 質問').fill('部会に参加してよかったですか？');
    await page.getByLabel('形式').first().selectOption('yes_no');
    await page.getByLabel('選択肢と割合（自由記述は回答）').first().fill('Y:92%/N:8%');
    await fitsThePhone(page);
    await keepScreenshot(page, 'survey-new-phone');
    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const rows = page.locator('table[data-twin="shares"] tbody tr');
    expect(await rows.evaluateAll((r) => r.map((row) => [row.getAttribute('data-label'), row.getAttribute('data-percent')]))).toEqual([
      ['Y', '92'],
      ['N', '8'],
    ]);
  });
});
