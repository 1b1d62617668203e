import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, beforeAll, inject, onTestFailed } from 'vitest';
import type { Seeded } from './fixtures';

// Debian's Chromium, never a downloaded browser. The flags keep it off the (closed) network.
const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
const args = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

export const screenshotDir = path.resolve('test-results', 'screenshots');
export const phone = { width: 360, height: 740 };
export const desktop = { width: 1280, height: 900 };

let browser: Browser;

/** Call at the top of an e2e test file: one browser per file, closed afterwards. */
export function useBrowser() {
  beforeAll(async () => {
    browser = await chromium.launch({ executablePath, args, headless: true });
  });
  afterAll(async () => {
    await browser?.close();
  });
}

export function baseUrl() {
  return inject('baseUrl');
}

/** What this file's fixture (tests/e2e/fixtures/<name>.ts) made on the shared server's database. */
export function seeded<Name extends keyof Seeded>(name: Name): Seeded[Name] {
  return inject('seeded')[name];
}

/** A fresh context and page; a screenshot is kept in test-results/screenshots if the test fails. */
export async function openPage(name: string, viewport = desktop, { javaScript = true } = {}): Promise<{ page: Page; context: BrowserContext }> {
  const context = await browser.newContext({ viewport, baseURL: baseUrl(), locale: 'ja-JP', timezoneId: 'Asia/Tokyo', javaScriptEnabled: javaScript });
  const page = await context.newPage();
  onTestFailed(async () => {
    fs.mkdirSync(screenshotDir, { recursive: true });
    await page.screenshot({ path: path.join(screenshotDir, `${name}-failed.png`), fullPage: true }).catch(() => {});
  });
  return { page, context };
}

/** Keeps a screenshot as an artifact even when the test passes (JPEG where there are hundreds: smaller, quicker). */
export async function keepScreenshot(page: Page, name: string, { type = 'png' }: { type?: 'png' | 'jpeg' } = {}) {
  fs.mkdirSync(screenshotDir, { recursive: true });
  await page.screenshot({
    path: path.join(screenshotDir, `${name}.${type === 'png' ? 'png' : 'jpg'}`),
    fullPage: true,
    ...(type === 'jpeg' ? { type, quality: 70 } : {}),
  });
}

export const demoPassword = 'jinmane-demo-2026';

/** Waits until the page's JavaScript has taken over (app/root.tsx marks it): a click before that posts without it. */
export async function waitForHydration(page: Page) {
  await page.waitForFunction(() => document.documentElement.dataset.hydrated === 'true');
}

/**
 * Waits until a DraftForm has kept these values in this browser (it writes a draft 300 ms after the
 * last keystroke): one draft, of the form `draftName` if given, holding every value in some field.
 * Type only after `waitForHydration`: keystrokes before it are not seen by the form.
 */
export async function waitForDraft(page: Page, values: string[], draftName?: string) {
  await page.waitForFunction(
    ([wanted, name]) =>
      Object.keys(localStorage).some((key) => {
        if (!key.startsWith('jinmane:draft:') || (name && !key.endsWith(`:${name}`))) return false;
        const fields = (JSON.parse(localStorage.getItem(key)!) as { fields: [string, string][] }).fields.map(([, v]) => v);
        return wanted.every((value) => fields.includes(value));
      }),
    [values, draftName ?? null] as const,
  );
}

/** Signs in through the real form, as a person would. */
export async function signIn(page: Page, email: string, password = demoPassword) {
  await page.goto('/login');
  await page.getByLabel('メールアドレス').fill(email);
  await page.getByLabel(/^パスワード/).fill(password);
  await page.getByRole('button', { name: 'ログイン' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
}

/** What reaches past the right edge of the screen outside a marked scroll region, and unmarked scroll regions. */
export function overflowOnPage() {
  const width = document.documentElement.clientWidth;
  const where = (el: Element) => {
    const text = (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 30);
    return `<${el.tagName.toLowerCase()}${el.className && typeof el.className === 'string' ? ` class="${el.className}"` : ''}> 「${text}」`;
  };
  const found: string[] = [];
  if (document.documentElement.scrollWidth > width) found.push(`the page is ${document.documentElement.scrollWidth}px wide`);
  for (const el of document.body.querySelectorAll('*')) {
    const style = getComputedStyle(el);
    const scrolls = (style.overflowX === 'auto' || style.overflowX === 'scroll') && el.scrollWidth > el.clientWidth + 1;
    if (scrolls && !(el.getAttribute('role') === 'region' && el.getAttribute('aria-label') && el.getAttribute('tabindex') === '0')) {
      found.push(`a scroll region without role="region", a label and tabindex="0": ${where(el)}`);
    }
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 1 || style.visibility === 'hidden' || style.position === 'fixed') continue;
    let inside: Element | null = el.parentElement;
    while (inside && inside !== document.body && !['auto', 'scroll', 'hidden', 'clip'].includes(getComputedStyle(inside).overflowX))
      inside = inside.parentElement;
    if (!inside || inside === document.body) found.push(`${where(el)} reaches ${Math.round(box.right)}px`);
  }
  return found;
}
