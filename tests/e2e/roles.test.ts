import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { baseUrl, demoPassword, keepScreenshot, openPage, phone, seeded, signIn, useBrowser } from './browser';
import { signInOver } from './fault-helpers';

useBrowser();

// Each role signs in through the form and sees exactly what that role may see of team A (this
// file's own, with one interview opened to each circle): the member sees every interview; others
// only what was opened to them. The organizer is the demo's admin, who only reads here.
const { teamPath, teamName, accounts } = seeded('roles');

async function interviewLabels(page: Page) {
  const items = page.locator('section[aria-labelledby="interviews-heading"] li');
  return items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-visibility') ?? '?'));
}

describe('what each role sees', () => {
  it('member: their own team, every interview, activity figures; no organizer pages', async () => {
    const { page } = await openPage('role-member', phone);
    await signIn(page, accounts.member);
    await page.goto('/teams');
    expect(await page.getByRole('link', { name: teamName }).getAttribute('href')).toBe(teamPath);
    await page.goto(teamPath);
    await page.getByRole('heading', { name: '活動の記録' }).waitFor();
    expect((await interviewLabels(page)).sort()).toEqual(['municipality', 'program', 'team']);
    await keepScreenshot(page, 'role-member-team');
    const admin = await page.goto('/admin/accounts');
    expect(admin?.status()).toBe(403);
    await page.getByRole('heading', { name: 'このページを表示する権限がありません' }).waitFor();
  });

  for (const [role, email, visible, progress] of [
    ['hr', accounts.hr, ['municipality', 'program'], true],
    ['alumni', accounts.alumni, ['municipality', 'program'], true],
    ['partner', accounts.partner, ['program'], false],
    ['admin', 'admin@example.jp', ['program'], true],
  ] as const) {
    it(`${role}: only the interviews opened to them`, async () => {
      const { page } = await openPage(`role-${role}`);
      await signIn(page, email);
      await page.goto(teamPath);
      await page.getByRole('heading', { name: 'キーパーソンインタビュー' }).waitFor();
      expect((await interviewLabels(page)).sort()).toEqual([...visible]);
      expect(await page.getByRole('heading', { name: '活動の記録' }).count()).toBe(progress ? 1 : 0);
      // The sheet is open to all of these roles.
      await page.getByRole('link', { name: '変革ストーリーシート' }).click();
      await page.getByRole('heading', { name: '現状とその背景' }).waitFor();
    });
  }

  it("outsider: another group's team is not found, and confidential pages say nothing", async () => {
    const { page } = await openPage('role-outsider');
    await signIn(page, accounts.outsider);
    const response = await page.goto(teamPath);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('main')).not.toContain(teamName);
    await page.goto('/teams');
    await page.getByRole('heading', { level: 1, name: 'チーム' }).waitFor();
    expect(await page.getByRole('link', { name: teamName }).count()).toBe(0);
  });

  it("admin: the organizer pages and the audit log, which records an outsider's denied attempt", async () => {
    const cookie = await signInOver(baseUrl(), accounts.outsider, demoPassword);
    expect((await fetch(baseUrl() + teamPath, { headers: { Cookie: cookie } })).status).toBe(404);
    const { page } = await openPage('role-admin-audit');
    await signIn(page, 'admin@example.jp');
    // Filtered to the outsider: other files running meanwhile add denials of their own.
    await page.goto(`/admin/audit?action=access.denied&email=${encodeURIComponent(accounts.outsider)}`);
    await page.getByRole('heading', { name: '操作ログ' }).waitFor();
    expect(await page.textContent('table')).toContain(accounts.outsider);
    await keepScreenshot(page, 'role-admin-audit');
  });

  it('a wrong password keeps the email, not the password, and says the same as an unknown email', async () => {
    const { page } = await openPage('login-wrong');
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill(accounts.member);
    await page.getByLabel(/^パスワード/).fill('wrong-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('alert').waitFor();
    const message = await page.getByRole('alert').textContent();
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe(accounts.member);
    expect(await page.getByLabel(/^パスワード/).inputValue()).toBe('');
    await page.getByLabel('メールアドレス').fill('nobody@example.jp');
    await page.getByLabel(/^パスワード/).fill('wrong-password');
    const answered = page.waitForResponse((r) => r.request().method() === 'POST' && new URL(r.url()).pathname.startsWith('/login'));
    await page.getByRole('button', { name: 'ログイン' }).click();
    await answered;
    await page.getByRole('alert').waitFor();
    expect(await page.getByRole('alert').textContent()).toBe(message);
    expect(await page.getByLabel(/^パスワード/).inputValue()).toBe('');
  });
});
