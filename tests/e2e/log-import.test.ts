import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

// Issue 16, as a new team does it on a phone: the year's log kept in Excel (日付 and 活動内容 only,
// saved as CSV UTF-8), read the way the team meant it, one reading corrected in the preview, and the
// year summary, the activity timeline's 研究会 links, the weekly chart and the key-person coverage
// reflecting the file.

useBrowser();
const { teamId, member, year, sessions } = seeded('log-import');

const [first, second] = sessions as [(typeof sessions)[number], (typeof sessions)[number]];
const slash = (iso: string) => iso.replaceAll('-', '/');
const log = [
  '日付,活動内容',
  `${year}/4/10,顔合わせ`,
  `${slash(first.startsOn)},第１回研究会（オンライン）`,
  `${year}/5/12,市長インタビュー`,
  `${year}/5/20,キーマンインタビュー（人事課長）`,
  `${year}/5/22,ミーティング（シート見直し）`,
  `${slash(second.startsOn)},第2回研究会`,
  `${year}/6/3,全職員アンケート`,
  `${year}/6/10,チームの打ち上げ`,
].join('\r\n');

describe('importing a team’s own Excel log on a phone', () => {
  it('reads each row, takes a corrected kind, and the summary, timeline, chart and coverage follow the file', async () => {
    const { page } = await openPage('log-import-phone', phone);
    await signIn(page, member);
    await page.goto(`/teams/${teamId}/activities/import`);
    await waitForHydration(page);
    await page.getByLabel('CSVファイル（UTF-8）').setInputFiles({
      name: '活動記録.csv',
      mimeType: 'text/csv',
      buffer: Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(log, 'utf8')]),
    });
    await page.getByRole('button', { name: '内容を確認する' }).click();
    await page.getByRole('heading', { name: '読み込む内容の確認' }).waitFor();
    const status = page.getByRole('status').filter({ hasText: '8件のうち' });
    expect(await status.textContent()).toContain('キーパーソンインタビューを2件作ります（公開範囲はチーム内のみ）');

    // Each line shows how it was read.
    const row = (line: number) => page.locator('table.import-rows tbody tr').nth(line - 2);
    expect(await page.getByLabel('3行目の種別').inputValue()).toBe('study_session');
    expect(await row(3).textContent()).toContain('第1回研究会');
    expect(await page.getByLabel('4行目の種別').inputValue()).toBe('interview');
    expect(await row(4).textContent()).toContain('インタビュー: 市長');
    expect(await page.getByLabel('4行目の相手の区分').inputValue()).toBe('head');
    expect(await page.getByLabel('5行目の相手の区分').inputValue()).toBe('hr');
    expect(await page.getByLabel('9行目の種別').inputValue()).toBe('other');
    // Usable at 360 px: one card per line, nothing wider than the screen.
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    await keepScreenshot(page, 'log-import-preview-phone');

    // The team's party was a meeting of the team: corrected, read again, then added.
    await page.getByLabel('9行目の種別').selectOption({ label: 'ミーティング' });
    expect(await page.getByRole('button', { name: '8件を追加する' }).isDisabled()).toBe(true);
    await page.getByRole('button', { name: '変更を反映して確認する' }).click();
    await page.getByText('（読み取りはその他）').waitFor();
    expect(await page.getByLabel('9行目の種別').inputValue()).toBe('meeting');
    await page.getByRole('button', { name: '8件を追加する' }).click();
    const done = page.getByRole('status').filter({ hasText: '8件の記録を追加しました。' });
    await done.waitFor();
    expect(await done.textContent()).toContain('キーパーソンインタビューを2件作りました');

    // 1年間の活動回数・時間: the file's kinds, the corrected one included, nothing left as その他.
    await page.goto(`/teams/${teamId}/activities/summary`);
    const counts = Object.fromEntries(
      await page
        .locator('table.summary-table tbody tr')
        .evaluateAll((rows) => rows.map((r) => [r.querySelector('th')!.textContent, r.querySelector('td')!.textContent])),
    );
    expect(counts).toEqual({ 顔合わせ: '1回', 研究会: '2回', ミーティング: '2回', キーパーソンインタビュー: '2回', アンケート: '1回' });
    expect(await page.locator('table.summary-table tfoot').textContent()).toContain('8回');

    // The activity timeline links the 研究会 rows to the year's sessions.
    await page.goto(`/teams/${teamId}/activities`);
    await page.getByText('関連: 第1回研究会').waitFor();
    expect(await page.getByText('関連: 第2回研究会').count()).toBe(1);

    // The team's dashboard: the weekly chart counts the file's eight entries; the mayor and HR are covered.
    await page.goto(`/teams/${teamId}`);
    const weekly = await page.locator('table[data-twin="weekly"] td[data-count]').allTextContents();
    expect(weekly.reduce((sum, n) => sum + Number(n), 0)).toBe(8);
    // Each 研究会's week, where the chart draws its line, holds the file's 研究会 row.
    for (const session of [first, second]) {
      const day = new Date(`${session.startsOn}T00:00:00Z`);
      day.setUTCDate(day.getUTCDate() - ((day.getUTCDay() + 6) % 7));
      const week = page.locator(`table[data-twin="weekly"] tr[data-week="${day.toISOString().slice(0, 10)}"]`);
      expect(Number(await week.locator('td[data-count]').textContent())).toBeGreaterThanOrEqual(1);
      expect(await page.locator(`ul[data-twin="sessions"] li[data-date="${session.startsOn}"]`).count()).toBe(1);
    }
    expect(await page.locator('table[data-twin="coverage"] tr[data-role="head"]').getAttribute('data-count')).toBe('1');
    expect(await page.locator('table[data-twin="coverage"] tr[data-role="hr"]').getAttribute('data-count')).toBe('1');
    await keepScreenshot(page, 'log-import-dashboard-phone');
    // A chart saved as PNG is named in Japanese: whose, which year, what.
    await page.locator('figure[data-chart="weekly"] canvas').waitFor();
    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('figure[data-chart="weekly"]').getByRole('button', { name: 'PNGで保存' }).click(),
    ]);
    expect(download.suggestedFilename()).toBe(`白根沢市チーム_令和${year - 2018}年度_週ごとの活動時間（種類別）と累計時間.png`);
  });

  it('quick add reads a typed title the same way: an interview points to the interview form, a 研究会 sets the kind', async () => {
    const { page } = await openPage('log-import-quick-add', phone);
    await signIn(page, member);
    await page.goto(`/teams/${teamId}/activities`);
    await waitForHydration(page);
    const quick = page.locator('section.quick-add');
    await quick.getByLabel(/^タイトル/).fill('市長インタビュー');
    await quick.getByText('キーパーソンインタビューですか？').waitFor();
    expect(await quick.getByRole('link', { name: 'インタビューの記録' }).getAttribute('href')).toBe(`/teams/${teamId}/interviews/new`);
    await quick.getByLabel(/^タイトル/).fill('第2回研究会');
    await quick.getByRole('button', { name: '「研究会」にする' }).click();
    expect(await quick.getByLabel('種別').inputValue()).toBe('study_session');
    // Once the kind is no longer the default, the person has chosen: nothing more is offered.
    await quick.getByLabel(/^タイトル/).fill('副市長インタビュー');
    expect(await quick.locator('.kind-suggestion p').count()).toBe(0);
  });
});
