import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser } from './browser';

useBrowser();

// The organizer's year: FY2027 from FY2026's structure (the demo's 研究会, which only this file
// reads to copy; no other file makes FY2027), teams by CSV for a municipality of its fixture and two
// new ones, dialogue groups, and the pre-assignment matrix filling in as a newly invited member
// records a submission.
const { municipality, prefecture } = seeded('year-setup');

const csv = [
  '自治体名,都道府県,区分,氏名,メールアドレス,部署,課・係,人事担当課枠',
  `${municipality},${prefecture},市,笛吹 真央,mao.fuefuki@example.jp,総務部,人事課,○`,
  `${municipality},${prefecture},市,石和 拓海,takumi.isawa@example.jp,市民部,市民課,`,
  '小布施町,長野県,町,栗田 陽菜,hina.kurita@example.jp,総務課,企画係,○',
  '湯沢町,新潟県,町,雪野 蒼,aoi.yukino@example.jp,総務課,人事係,○',
].join('\n');

async function matrixCells(page: Page, municipality: string) {
  await page.goto('/admin/years/2027/preassignments');
  await page.getByRole('heading', { name: '事前課題の提出状況' }).waitFor();
  const row = page.getByRole('row').filter({ has: page.getByRole('rowheader', { name: new RegExp(municipality) }) });
  return row.locator('td').evaluateAll((tds) => tds.map((td) => td.getAttribute('data-status')));
}

// One journey: the second test signs in with the invitation the first one made.
describe('an organizer sets up FY2027', { shuffle: false }, () => {
  let inviteUrl = '';

  it('creates FY2027 from FY2026, imports teams, forms a dialogue group', async () => {
    const { page } = await openPage('year-setup');
    await signIn(page, 'admin@example.jp');
    await page.getByRole('link', { name: '年度の設定' }).click();
    await page.getByRole('heading', { level: 1, name: '年度の設定' }).waitFor();

    await page.getByLabel('年度（西暦）').fill('2027');
    await page.getByLabel('統一テーマ').fill('対話から変化を創る人・組織づくり');
    await page.getByRole('button', { name: '年度を作成' }).click();
    await page.getByRole('heading', { level: 1, name: /令和9年度/ }).waitFor();
    const sessions = page.locator('section[aria-labelledby="sessions-heading"] tbody tr');
    expect(await sessions.count()).toBeGreaterThanOrEqual(6);
    expect(await sessions.first().textContent()).toMatch(/令和9年4月/);
    await keepScreenshot(page, 'year-setup-sessions');

    await page.getByRole('link', { name: 'CSV取り込み' }).click();
    await page.getByLabel('または、CSVの内容を貼り付け').fill(csv);
    await page.getByRole('button', { name: '取り込む内容を確認' }).click();
    await page.getByRole('heading', { name: /取り込む内容の確認（3チーム）/ }).waitFor();
    await keepScreenshot(page, 'year-setup-import-preview');
    await page.getByRole('button', { name: 'この内容で取り込む' }).click();
    await page.getByText('取り込みました：自治体 2件、チーム 3件、メンバー 4名。').waitFor();
    inviteUrl = await page.getByRole('listitem').filter({ hasText: 'mao.fuefuki@example.jp' }).getByRole('textbox', { name: 'リンク' }).inputValue();
    expect(inviteUrl).toMatch(/\/invite\/[\w-]{43}$/);

    await page.getByRole('link', { name: '対話自治体' }).click();
    await page.getByRole('heading', { name: 'グループを作る' }).waitFor();
    // A checkbox is named "<prefecture> <municipality>", then the group it is already in, if any.
    const team = (name: string) => page.getByRole('checkbox', { name: new RegExp(`^\\S+ ${name}(\\s|$)`) });
    for (const name of [municipality, '小布施町', '湯沢町']) await team(name).check();
    await page.getByRole('button', { name: 'グループを作る' }).click();
    await page.getByText(`${municipality}・小布施町・湯沢町`).first().waitFor();
    // A team already grouped cannot join a second group.
    await team(municipality).check();
    await team('小布施町').check();
    await page.getByRole('button', { name: 'グループを作る' }).click();
    await page.getByText(/すでにほかのグループに入っています/).waitFor();

    expect(await matrixCells(page, municipality)).toEqual(expect.arrayContaining(['missing']));
    expect(await matrixCells(page, municipality)).not.toContain('submitted');
    await keepScreenshot(page, 'year-setup-matrix-empty');
  });

  it('a new member accepts the invitation and marks a submission; the matrix fills in', async () => {
    const { page: member } = await openPage('year-setup-member', phone);
    await member.goto(inviteUrl);
    await member.getByRole('heading', { name: 'アカウントの作成' }).waitFor();
    await member
      .getByLabel(/^パスワード/)
      .first()
      .fill('fuefuki-2027-pass');
    await member.getByLabel('パスワード（確認）').fill('fuefuki-2027-pass');
    await member.getByRole('button', { name: 'アカウントを作成してログイン' }).click();
    await member.getByRole('heading', { level: 1, name: 'チーム' }).waitFor();
    await member.getByRole('link', { name: `${municipality}チーム` }).click();
    await member.getByRole('link', { name: '事前課題' }).click();
    await member.getByRole('heading', { name: /事前課題（0件提出/ }).waitFor();
    const first = member.locator('section.card').first();
    await first.getByLabel(/メモ/).fill('共有フォルダに提出しました');
    await first.getByRole('button', { name: '提出済みにする' }).click();
    await member.getByRole('heading', { name: /事前課題（1件提出/ }).waitFor();
    await keepScreenshot(member, 'year-setup-member-submitted');

    const { page: organizer } = await openPage('year-setup-matrix');
    await signIn(organizer, 'admin@example.jp');
    const own = await matrixCells(organizer, municipality);
    expect(own[0]).toBe('submitted');
    expect(await matrixCells(organizer, '小布施町')).not.toContain('submitted');
    await keepScreenshot(organizer, 'year-setup-matrix-filled');
    const { page: small } = await openPage('year-setup-matrix-phone', phone);
    await signIn(small, 'admin@example.jp');
    await matrixCells(small, municipality);
    await keepScreenshot(small, 'year-setup-matrix-phone');
    await small.goto('/admin/years/2027/teams');
    await small.getByRole('heading', { name: /参加チーム（3チーム）/ }).waitFor();
    await keepScreenshot(small, 'year-setup-teams-phone');
    const download = await organizer.request.get('/admin/years/2027/preassignments.csv');
    expect(download.headers()['content-type']).toBe('text/csv; charset=utf-8');
    const text = (await download.body()).toString('utf8');
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`${prefecture},${municipality},提出済`);
  });
});
