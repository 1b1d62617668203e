import type { Locator, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Issue 17, read at 1280 and 360 px: on アカウント管理 every radio button and checkbox sits beside its
// words and the invitation form shows the chosen scope's fields only (all of them, each saying whom it
// is for, without JavaScript); an email address is never broken mid-word on /account; a fiscal year
// range breaks at 〜 only. The account and the municipality are this file's (its fixture).
const { email, municipality, firstYear, lastYear } = seeded('choices-and-wraps');

const scopeFields = {
  'チームのメンバー（研究生）': ['teamId', 'department', 'section', 'isHrSlot'],
  '人事課（自治体のチームを見守る）': ['municipalityId', 'department'],
  '事務局・幹事': ['role', 'affiliation'],
} as const;
const everyField = ['teamId', 'municipalityId', 'department', 'section', 'isHrSlot', 'role', 'affiliation'];

async function openInvitationForm(name: string, viewport: typeof phone, javaScript = true) {
  const { page } = await openPage(name, viewport, { javaScript });
  await signIn(page, 'admin@example.jp');
  await page.goto('/admin/accounts');
  await page.getByRole('heading', { level: 2, name: '招待リンクを作成' }).waitFor();
  if (javaScript) await waitForHydration(page);
  return { page, form: page.locator('section[aria-labelledby="invite-heading"] form') };
}

/** The fields of the form a person sees, by name. */
async function visibleFields(form: Locator) {
  return form
    .locator('input, select')
    .evaluateAll((controls) =>
      controls.filter((c) => (c as HTMLElement).offsetParent !== null && (c as HTMLInputElement).type !== 'hidden').map((c) => (c as HTMLInputElement).name),
    );
}

/**
 * Each visible radio button and checkbox against the words of its label: the gap between the box and the
 * first character, and whether the box's middle lies within the first line of the words.
 */
async function choiceGaps(form: Locator) {
  return form.locator('input[type="radio"], input[type="checkbox"]').evaluateAll((inputs) =>
    inputs
      .filter((input) => (input as HTMLElement).offsetParent !== null)
      .map((input) => {
        const label = input.closest('label')!;
        const words = document.createRange();
        words.setStartAfter(input);
        words.setEnd(label, label.childNodes.length);
        const first = [...words.getClientRects()].find((r) => r.width > 0)!;
        const box = input.getBoundingClientRect();
        const middle = box.top + box.height / 2;
        return { text: words.toString().trim(), gap: Math.round(first.left - box.right), sameLine: middle > first.top && middle < first.bottom };
      }),
  );
}

/** How many lines an element's text takes (its text's line boxes, by their tops). */
function lineCount(locator: Locator) {
  return locator.evaluate((element) => {
    const range = document.createRange();
    range.selectNodeContents(element);
    return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
  });
}

async function noSideways(page: Page) {
  expect(await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)).toBeLessThanOrEqual(0);
}

describe('the invitation form on アカウント管理', () => {
  for (const [size, viewport] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    it(`shows the chosen scope's fields only, each radio button and checkbox beside its words (${size})`, async () => {
      const { page, form } = await openInvitationForm(`invitation-scopes-${size}`, viewport);
      const scopes = form.getByRole('group', { name: /立場/ });
      expect(await scopes.getByRole('radio').count()).toBe(3);
      for (const [scope, fields] of Object.entries(scopeFields)) {
        await form.getByRole('radio', { name: scope }).check();
        expect((await visibleFields(form)).filter((name) => everyField.includes(name)).sort()).toEqual([...fields].sort());
        for (const choice of await choiceGaps(form)) {
          expect(choice, choice.text).toMatchObject({ sameLine: true });
          expect(choice.gap, choice.text).toBeGreaterThanOrEqual(0);
          expect(choice.gap, choice.text).toBeLessThanOrEqual(12);
        }
        await keepScreenshot(page, `invitation-${fields[0]}-${size}`);
      }
      await noSideways(page);
    });
  }

  it('keeps what was typed for a scope when another is chosen and then this one again', async () => {
    const { form } = await openInvitationForm('invitation-switch', phone);
    await form.getByRole('textbox', { name: '課・係' }).fill('人材育成係');
    await form.getByRole('checkbox', { name: '人事担当課枠' }).check();
    await form.getByRole('radio', { name: '事務局・幹事' }).check();
    expect(await form.getByRole('textbox', { name: '課・係' }).isVisible()).toBe(false);
    await form.getByRole('radio', { name: 'チームのメンバー（研究生）' }).check();
    expect(await form.getByRole('textbox', { name: '課・係' }).inputValue()).toBe('人材育成係');
    expect(await form.getByRole('checkbox', { name: '人事担当課枠' }).isChecked()).toBe(true);
  });

  it('shows a refusal beside the chosen scope’s field, with every value kept', async () => {
    const { page, form } = await openInvitationForm('invitation-refused', phone);
    await form.getByRole('textbox', { name: /メールアドレス/ }).fill('refused.hr@e2e.example.jp');
    await form.getByRole('textbox', { name: /氏名/ }).fill('人事 断子');
    await form.getByRole('radio', { name: '人事課（自治体のチームを見守る）' }).check();
    await form.getByRole('combobox', { name: /自治体/ }).selectOption({ label: `千葉県 ${municipality}` });
    const department = form.getByRole('textbox', { name: '部署（部・局）' });
    await department.fill('人事部'.repeat(70));
    await form.getByRole('button', { name: '招待リンクを作成' }).click();
    await form.getByText('部署は200文字以内で入力してください').waitFor();
    expect(await department.getAttribute('aria-invalid')).toBe('true');
    expect(await department.inputValue()).toBe('人事部'.repeat(70));
    expect(await form.getByRole('radio', { name: '人事課（自治体のチームを見守る）' }).isChecked()).toBe(true);
    expect(await form.getByRole('combobox', { name: /自治体/ }).inputValue()).not.toBe('');
    expect((await visibleFields(form)).filter((name) => everyField.includes(name)).sort()).toEqual(['department', 'municipalityId']);
    await keepScreenshot(page, 'invitation-refused-phone');
    await noSideways(page);
  });

  it('without JavaScript shows every field saying whom it is for, and keeps the chosen scope after a refusal', async () => {
    const { page, form } = await openInvitationForm('invitation-no-js', phone, false);
    expect((await visibleFields(form)).filter((name) => everyField.includes(name)).sort()).toEqual([...everyField].sort());
    await form.getByText('（メンバーの場合は必須）').waitFor();
    await form.getByText('（人事課の場合は必須）').waitFor();
    await form.getByText('（メンバー・人事課の場合）').waitFor();
    await form.getByText('（事務局・幹事の場合）').first().waitFor();
    for (const choice of await choiceGaps(form)) expect(choice, choice.text).toMatchObject({ sameLine: true });

    await form.getByRole('textbox', { name: /メールアドレス/ }).fill('nojs.hr@e2e.example.jp');
    await form.getByRole('textbox', { name: /氏名/ }).fill('人事 静香');
    await form.getByRole('radio', { name: '人事課（自治体のチームを見守る）' }).check();
    await form.getByRole('combobox', { name: /自治体/ }).selectOption({ label: `千葉県 ${municipality}` });
    await form.getByRole('textbox', { name: /^部署/ }).fill('人事部'.repeat(70));
    await form.getByRole('button', { name: '招待リンクを作成' }).click();
    await form.getByText('部署は200文字以内で入力してください').waitFor();
    expect(await form.getByRole('radio', { name: '人事課（自治体のチームを見守る）' }).isChecked()).toBe(true);
    expect(
      await form
        .getByRole('combobox', { name: /自治体/ })
        .locator('option:checked')
        .textContent(),
    ).toBe(`千葉県 ${municipality}`);
    expect(await form.getByRole('textbox', { name: /氏名/ }).inputValue()).toBe('人事 静香');
    await keepScreenshot(page, 'invitation-no-js-refused-phone');
  });
});

describe('words that must not break', () => {
  for (const [size, viewport] of [
    ['desktop', desktop],
    ['phone', phone],
  ] as const) {
    it(`keeps the email address on /account on one line (${size})`, async () => {
      const { page } = await openPage(`account-email-${size}`, viewport);
      await signIn(page, email);
      await page.goto('/account');
      const address = page.locator('dd .email');
      expect(await address.textContent()).toBe(email);
      expect(await lineCount(address)).toBe(1);
      const { height, lineHeight } = await address.evaluate((el) => ({
        height: el.getBoundingClientRect().height,
        lineHeight: parseFloat(getComputedStyle(el).lineHeight),
      }));
      expect(height).toBeLessThanOrEqual(lineHeight + 1);
      await keepScreenshot(page, `account-email-${size}`);
      await noSideways(page);
    });
  }

  it('keeps every email address on アカウント管理 on one line, one card per account on a phone', async () => {
    const { page } = await openPage('accounts-emails-phone', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/accounts');
    const addresses = page.locator('section[aria-labelledby="accounts-heading"] .email');
    const mine = addresses.filter({ hasText: email });
    expect(await mine.count()).toBe(1);
    const lines = await addresses.evaluateAll((elements) =>
      elements.map((element) => {
        const range = document.createRange();
        range.selectNodeContents(element);
        return new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top))).size;
      }),
    );
    expect(lines.filter((n) => n !== 1)).toEqual([]);
    await mine.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'accounts-emails-phone');
    await noSideways(page);
  });

  it('breaks a fiscal year range at 〜 only on a phone', async () => {
    const { page } = await openPage('year-range-phone', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto('/municipalities');
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: municipality, exact: true }) });
    const years = row.getByRole('cell').last();
    const reiwa = (fiscalYear: number) => `令和${fiscalYear - 2018}年度`;
    expect(await years.textContent()).toBe(`${reiwa(firstYear)}〜${reiwa(lastYear)}`);
    for (const year of [`${reiwa(firstYear)}〜`, reiwa(lastYear)]) {
      expect(await lineCount(years.getByText(year, { exact: true })), year).toBe(1);
    }
    expect(await lineCount(years)).toBeLessThanOrEqual(2);
    await keepScreenshot(page, 'year-range-phone');
  });
});
