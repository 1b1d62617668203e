import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForDraft, waitForHydration } from './browser';

useBrowser();

// An organizer corrects a team after set-up on a phone: a member's section, the 人事担当課枠, and
// a session's agenda that must survive a reload before it is saved. The team and the sessions (in
// a year of their own) are this file's.
const { year, municipality, sessionYear } = seeded('team-member-edit');

async function openSession(page: Page, number: number) {
  await page.goto(`/admin/years/${sessionYear}`);
  await page.getByRole('link', { name: `研究会 第${number}回` }).click();
  await page.getByRole('heading', { level: 1, name: `研究会 第${number}回` }).waitFor();
  await waitForHydration(page);
}

/** Types into a DraftForm field, and waits until the browser has kept it. */
async function typeDrafted(page: Page, field: Locator, text: string, draftName: string) {
  await field.fill(text);
  await waitForDraft(page, [text], draftName);
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('an organizer corrects a team on a phone', () => {
  it('edits a member’s section and moves the 人事担当課枠', async () => {
    const { page } = await openPage('team-member-edit', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto(`/admin/years/${year}/teams`);
    await page.getByRole('link', { name: municipality, exact: true }).click();
    await page.getByRole('heading', { level: 1, name: `${municipality}チーム` }).waitFor();

    const members = page.locator('section[aria-labelledby="members-heading"] .member-list > li');
    expect(await members.count()).toBe(3);
    // The holder is listed first; take the second member.
    expect(await members.first().locator('.tag', { hasText: '人事担当課枠' }).count()).toBe(1);
    const formerHolder = (await members.first().evaluate((li) => li.firstChild?.textContent ?? '')).trim();
    const name = (await members.nth(1).evaluate((li) => li.firstChild?.textContent ?? '')).trim();
    const member = members.filter({ hasText: name });

    await member.locator('summary').click();
    const section = member.getByLabel('課・係');
    await section.fill('人材育成係'.repeat(41));
    await member.getByRole('button', { name: '所属を保存' }).click();
    await member.getByText('課・係は200文字以内で入力してください').waitFor();
    expect(await section.inputValue()).toBe('人材育成係'.repeat(41)); // what was typed stays
    expect(await member.locator('details').getAttribute('open')).not.toBeNull();
    await keepScreenshot(page, 'team-member-edit-error-phone');
    await noSideways(page);

    await section.fill('人材育成係');
    await member.getByRole('button', { name: '所属を保存' }).click();
    await member.locator('.muted', { hasText: /人材育成係）$/ }).waitFor();
    expect(await member.locator('details').getAttribute('open')).toBeNull(); // folded again after saving

    await member.locator('summary').click();
    await member.getByText(`${formerHolder}さんから、このメンバーに移ります。`).waitFor();
    await keepScreenshot(page, 'team-member-edit-open-phone');
    await member.getByRole('button', { name: '人事担当課枠をこのメンバーに移す' }).click();
    // The new holder is listed first, and no one else keeps the tag.
    await members.first().filter({ hasText: name }).locator('.tag', { hasText: '人事担当課枠' }).waitFor();
    expect(await page.locator('.member-list .tag', { hasText: '人事担当課枠' }).count()).toBe(1);
    expect(await members.filter({ hasText: formerHolder }).locator('.tag').count()).toBe(0);
    await keepScreenshot(page, 'team-member-edit-moved-phone');
    await noSideways(page);
  });

  it('keeps a session’s unsaved agenda through a reload until it is saved', async () => {
    const { page } = await openPage('session-draft', phone);
    await signIn(page, 'admin@example.jp');
    await openSession(page, 3);

    const agendaText = '第3回のテーマ：重点取組を絞り込む。\n対話自治体とシートを読み合い、幹事からのフィードバックを受ける。';
    const descriptionText = '変革ストーリーシートの「現状」と「10年後のありたい姿」を書き直して提出してください。';
    const agenda = page.getByRole('textbox', { name: 'テーマ・議題' });
    const description = page.getByRole('textbox', { name: '説明', exact: true });
    await typeDrafted(page, agenda, agendaText, 'session');
    await typeDrafted(page, description, descriptionText, 'preassignment');

    await page.reload();
    await page.getByText('保存されていない入力内容').first().waitFor();
    await waitForHydration(page);
    expect(await page.getByText('保存されていない入力内容').count()).toBe(2);
    expect(await agenda.inputValue()).toBe(agendaText);
    expect(await description.inputValue()).toBe(descriptionText);
    await keepScreenshot(page, 'session-draft-restored-phone');
    await noSideways(page);

    // Saving the session clears its draft; the pre-assignment's draft stays until it is dealt with.
    const sessionForm = page.locator('form#session');
    await sessionForm.getByRole('button', { name: '保存する' }).click();
    await sessionForm.getByText('保存されていない入力内容').waitFor({ state: 'detached' });
    await page.reload();
    await page.getByText('保存されていない入力内容').first().waitFor();
    expect(await sessionForm.getByText('保存されていない入力内容').count()).toBe(0);
    expect(await agenda.inputValue()).toBe(agendaText); // saved on the server
    const paForm = page.locator('form#preassignment');
    await paForm.getByRole('button', { name: '復元した内容を破棄する' }).click();
    expect(await description.inputValue()).not.toBe(descriptionText);
  });

  it('keeps a box the organizer unticked unticked through a reload', async () => {
    const { page } = await openPage('session-draft-checkbox', phone);
    await signIn(page, 'admin@example.jp');
    await openSession(page, 4);
    const sessionForm = page.locator('form#session');
    const online = sessionForm.getByRole('checkbox', { name: /オンライン/ });
    const agenda = page.getByRole('textbox', { name: 'テーマ・議題' });
    expect(await online.isChecked()).toBe(true);

    await online.uncheck();
    await typeDrafted(page, agenda, `${await agenda.inputValue()}（オンラインはやめる）`, 'session');
    await page.reload();
    await sessionForm.getByText('保存されていない入力内容').waitFor();
    expect(await online.isChecked()).toBe(false);
  });
});
