import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, signIn, useBrowser } from './browser';

useBrowser();

// Each demo role signs in through the form and sees exactly what that role may see of 甲府市's
// current team (member's team): the member sees every interview; others only what was opened to them.

async function kofuTeamUrl(page: Page) {
  await page.goto('/teams');
  const link = page.getByRole('link', { name: '甲府市チーム' }).first();
  return link.getAttribute('href');
}

async function interviewLabels(page: Page) {
  const items = page.locator('section[aria-labelledby="interviews-heading"] li');
  return items.evaluateAll((lis) => lis.map((li) => li.getAttribute('data-visibility') ?? '?'));
}

describe('what each demo role sees', () => {
  let teamUrl: string;
  let all: string[];

  it('member: their own team, every interview, activity figures; no organizer pages', async () => {
    const { page } = await openPage('role-member', phone);
    await signIn(page, 'member@example.jp');
    teamUrl = (await kofuTeamUrl(page))!;
    expect(teamUrl).toMatch(/^\/teams\/\d+$/);
    await page.goto(teamUrl);
    await page.getByRole('heading', { name: '活動の記録' }).waitFor();
    all = await interviewLabels(page);
    expect(all).toContain('team');
    await keepScreenshot(page, 'role-member-team');
    const admin = await page.goto('/admin/accounts');
    expect(admin?.status()).toBe(403);
    await page.getByRole('heading', { name: 'このページを表示する権限がありません' }).waitFor();
  });

  for (const [email, visible, progress] of [
    ['hr@example.jp', ['municipality', 'program'], true],
    ['alumni@example.jp', ['municipality', 'program'], true],
    ['partner@example.jp', ['program'], false],
    ['admin@example.jp', ['program'], true],
  ] as const) {
    it(`${email}: only the interviews opened to them`, async () => {
      const { page } = await openPage(`role-${email.split('@')[0]}`);
      await signIn(page, email);
      await page.goto(teamUrl);
      await page.getByRole('heading', { name: 'キーパーソンインタビュー' }).waitFor();
      const seen = await interviewLabels(page);
      expect(seen).toEqual(all.filter((label) => (visible as readonly string[]).includes(label)));
      expect(await page.getByRole('heading', { name: '活動の記録' }).count()).toBe(progress ? 1 : 0);
      // The sheet is open to all of these roles.
      await page.getByRole('link', { name: '変革ストーリーシート' }).click();
      await page.getByRole('heading', { name: '現状とその背景' }).waitFor();
    });
  }

  it('outsider: another group\'s team is not found, and confidential pages say nothing', async () => {
    const { page } = await openPage('role-outsider');
    await signIn(page, 'outsider@example.jp');
    const response = await page.goto(teamUrl);
    expect(response?.status()).toBe(404);
    expect(await page.textContent('main')).not.toContain('甲府市');
    await page.goto('/teams');
    await page.getByRole('heading', { level: 1, name: 'チーム' }).waitFor();
    expect(await page.getByRole('link', { name: '甲府市チーム' }).count()).toBe(0);
  });

  it('admin: the organizer pages and the audit log, which records the outsider\'s denied attempt', async () => {
    const { page } = await openPage('role-admin-audit');
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/audit?action=access.denied');
    await page.getByRole('heading', { name: '操作ログ' }).waitFor();
    expect(await page.textContent('table')).toContain('outsider@example.jp');
    await keepScreenshot(page, 'role-admin-audit');
  });

  it('a wrong password keeps the email, not the password, and says the same as an unknown email', async () => {
    const { page } = await openPage('login-wrong');
    await page.goto('/login');
    await page.getByLabel('メールアドレス').fill('member@example.jp');
    await page.getByLabel(/^パスワード/).fill('wrong-password');
    await page.getByRole('button', { name: 'ログイン' }).click();
    await page.getByRole('alert').waitFor();
    const message = await page.getByRole('alert').textContent();
    expect(await page.getByLabel('メールアドレス').inputValue()).toBe('member@example.jp');
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
