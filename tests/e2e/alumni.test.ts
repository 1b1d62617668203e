import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { formatFiscalYear } from '../../app/utils/dates';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser } from './browser';

useBrowser();

// マネ友 in a real browser: the directory by theme, a mentor's advice, a handover between
// generations, and a 世話人派遣 request from 募集中 to 実施済 — around a municipality of this file's
// own, its current team and an alumnus of last year's.
const { year, municipality, member: memberEmail, alumni: alumniEmail, theme, elsewhere: otherMunicipality } = seeded('alumni');
const lastYear = formatFiscalYear(year - 1);

/** The member's current team (the one link to the municipality's team a member sees). */
async function currentTeamUrl(page: Page) {
  await page.goto('/teams');
  const href = await page.getByRole('link', { name: `${municipality}チーム` }).getAttribute('href');
  expect(href).toMatch(/^\/teams\/\d+$/);
  return href!;
}

async function ownName(page: Page) {
  const text = await page
    .getByRole('navigation', { name: 'メインメニュー' })
    .getByRole('link', { name: / さん$/ })
    .textContent();
  return text!.replace(/ さん$/, '');
}

const noOverflow = async (page: Page) => expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);

describe('マネ友', () => {
  it('an alumnus finds another municipality’s past sheet by theme', async () => {
    const { page } = await openPage('alumni-directory', phone);
    await signIn(page, alumniEmail);
    await page.getByRole('link', { name: 'マネ友', exact: true }).click();
    await page.getByRole('link', { name: 'マネ友名簿' }).first().click();
    await page.getByRole('heading', { name: 'マネ友名簿', level: 1 }).waitFor();
    await page.getByLabel('テーマ（重点取組）で探す').fill(theme);
    await page.getByRole('button', { name: '探す' }).click();
    await page.waitForURL(/q=/);
    // Only the team whose final sheet names the theme (the count above the list says so once it has loaded).
    await page
      .getByRole('status')
      .filter({ hasText: /^1チーム・/ })
      .waitFor();
    const cards = page.locator('.alumni-card');
    expect(await cards.count()).toBe(1);
    expect(await cards.locator('h3 + ul').textContent()).toContain(theme);
    await keepScreenshot(page, 'alumni-directory-phone');
    await noOverflow(page);
    const link = cards.getByRole('link', { name: /最終版シートを読む/ });
    expect((await link.textContent())!.replace(/チーム.*$/, '')).toBe(otherMunicipality);
    await link.click();
    await page.getByRole('heading', { name: `${otherMunicipality}チーム`, level: 1 }).waitFor();
    expect(await page.locator('main').textContent()).toContain(theme);
  });

  it('a mentor’s advice reaches the team', async () => {
    const { page: alumni } = await openPage('alumni-mentor');
    await signIn(alumni, alumniEmail);
    const alumniName = await ownName(alumni);
    const { page: member } = await openPage('alumni-team');
    await signIn(member, memberEmail);
    const teamUrl = await currentTeamUrl(member);
    await member.goto(`${teamUrl}/mentors`);
    await member.getByRole('heading', { name: 'メンターをお願いする' }).waitFor();
    await member.getByRole('combobox', { name: /^マネ友/ }).selectOption({ label: `${alumniName}（${municipality} 1期生・${lastYear}）` });
    await member.getByRole('button', { name: 'メンターをお願いする' }).click();
    await member.getByRole('status').filter({ hasText: 'メンターをお願いしました' }).waitFor();
    expect(await member.locator('main').textContent()).toContain(alumniName);

    await alumni.goto(`${teamUrl}/mentors`);
    await alumni.getByLabel('シートの項目').selectOption({ label: '1年後に目指す状態' });
    await alumni.getByRole('textbox', { name: /^アドバイス/ }).fill('1年後の姿は「誰が」変わるかで書くと伝わります。');
    await alumni.getByRole('button', { name: 'アドバイスを届ける' }).click();
    await alumni.getByRole('status').filter({ hasText: 'アドバイスをシートのコメントとして届けました' }).waitFor();

    await member.goto('/');
    await member.getByRole('link', { name: /お知らせ.*未読/ }).click();
    await member.getByRole('heading', { name: 'お知らせ' }).waitFor();
    await member.getByRole('link', { name: /マネ友からアドバイスが届きました: 1年後の姿は/ }).click();
    await member.locator('.comment').filter({ hasText: '「誰が」変わるかで書くと伝わります' }).first().waitFor();
    expect(await member.locator('.comment').filter({ hasText: '「誰が」変わるか' }).first().textContent()).toContain(alumniName);
  });

  it('a handover written at the end of one year appears for the next team', async () => {
    const { page: member } = await openPage('alumni-handover-next', phone);
    await signIn(member, memberEmail);
    const teamUrl = await currentTeamUrl(member);
    await member.goto(`${teamUrl}/mentors`);
    await member.getByRole('navigation', { name: 'チームのページ' }).getByRole('link', { name: '引き継ぎ' }).click();
    await member.getByRole('heading', { name: '前の期からの引き継ぎ' }).waitFor();
    const previousSheet = await member.getByRole('link', { name: new RegExp(`${lastYear}（\\d+期生）の変革ストーリーシート`) }).getAttribute('href');
    const previousTeam = previousSheet!.replace(/\/sheet$/, '');

    const { page: alumni } = await openPage('alumni-handover-write');
    await signIn(alumni, alumniEmail);
    await alumni.goto(`${previousTeam}/handover`);
    await alumni.getByRole('heading', { name: '次の期への引き継ぎを書く' }).waitFor();
    await alumni.getByLabel('続けてほしいこと').fill('ランチ対話会は第3木曜に続けてください（E2E）。');
    await alumni.getByRole('button', { name: '引き継ぎを保存する' }).click();
    await alumni.getByRole('status').filter({ hasText: '引き継ぎを保存しました' }).waitFor();

    await member.reload();
    await member.getByText('ランチ対話会は第3木曜に続けてください（E2E）。').waitFor();
    expect(await member.locator('main').textContent()).toContain('のマネ友');
    await keepScreenshot(member, 'alumni-handover-phone');
    await noOverflow(member);
    await member.goto('/notifications');
    await member.getByRole('link', { name: '前の期のチームが引き継ぎを更新しました' }).first().waitFor();
  });

  it('a facilitator request goes from 募集中 to 実施済', async () => {
    const { page: member } = await openPage('alumni-support-request');
    await signIn(member, memberEmail);
    await member.goto('/alumni/support');
    await member.getByLabel(/^開催日/).fill(`${year + 1}-01-22`);
    await member.getByLabel(/^場所/).fill(`${municipality}役所 本庁舎 大会議室`);
    await member.getByLabel(/^お願いしたいこと/).fill('若手と管理職のオフサイトミーティングの進行をお願いしたい（E2E）');
    await member.getByRole('button', { name: '依頼する' }).click();
    await member.getByRole('heading', { name: `${municipality}チームの依頼` }).waitFor();
    expect(await member.locator('.lead').textContent()).toContain('募集中');
    const requestUrl = new URL(member.url()).pathname;

    const { page: alumni } = await openPage('alumni-support-offer', phone);
    await signIn(alumni, alumniEmail);
    const alumniName = await ownName(alumni);
    await alumni.goto(requestUrl);
    await alumni.getByLabel('ひとこと（任意）').fill('ハミダシ隊で世話人をしています。お手伝いします。');
    await alumni.getByRole('button', { name: '申し出る' }).click();
    await alumni.getByText('ハミダシ隊で世話人をしています。').waitFor();
    await keepScreenshot(alumni, 'alumni-support-phone');
    await noOverflow(alumni);

    await member.reload();
    await member.getByRole('button', { name: `${alumniName}さんにお願いする` }).click();
    await member.locator('.lead').filter({ hasText: '決定' }).waitFor();
    await member.getByRole('button', { name: '実施済にする' }).click();
    await member.locator('.lead').filter({ hasText: '実施済' }).waitFor();
    expect(await member.getByRole('button', { name: '依頼を取り消す' }).count()).toBe(0);
    await keepScreenshot(member, 'alumni-support-done');
  });
});
