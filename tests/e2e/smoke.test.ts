import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Walks the app as a person would, following links from the first page, and fails on any
// error in the browser (a page that renders on the server but breaks when it hydrates),
// any answer of 500 or more, and serious accessibility violations on the pages visited.

// axe-core runs in each page, loaded before the page's own scripts. (@axe-core/playwright's AxeBuilder
// sends the 500 KB engine again and opens a blank page to gather the results for every check: 1–4 s a
// page, most of the crawl; it also requires Node 22. axe.run in the page finds the same violations in a
// tenth of the time.)
const axeSource = (createRequire(import.meta.url)('axe-core') as { source: string }).source;
type AxeViolation = { id: string; impact?: string | null; nodes: { target: string[] }[] };

async function accessibilityViolations(page: Page): Promise<AxeViolation[]> {
  return page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (context: Document, options: object) => Promise<{ violations: AxeViolation[] }> } }).axe;
    const results = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa'] }, resultTypes: ['violations'] });
    return results.violations.map((v) => ({ id: v.id, impact: v.impact, nodes: v.nodes.map((n) => ({ target: n.target })) }));
  });
}

const limit = 80;
const skip = /\.(csv|zip)(\?|$)|\/logout|\/print(\?|$)|\/build\//;

async function crawl(page: Page, start: string) {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`${page.url()}: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`${page.url()}: console: ${message.text()}`);
  });
  const seen = new Set<string>();
  const queue = [start];
  const failures: string[] = [];
  const accessibility: string[] = [];
  while (queue.length && seen.size < limit) {
    const path = queue.shift()!;
    if (seen.has(path)) continue;
    seen.add(path);
    const response = await page.goto(path);
    if (!response || response.status() >= 500) failures.push(`${path}: ${response?.status()}`);
    // Checked once the page's JavaScript has taken over (what a person then sees and uses).
    await waitForHydration(page);
    for (const v of (await accessibilityViolations(page)).filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
      accessibility.push(`${path}: ${v.id} (${v.nodes.length}) ${v.nodes[0]?.target.join(' ')}`);
    }
    const links = await page.locator('main a[href^="/"], header a[href^="/"]').evaluateAll((as) => as.map((a) => a.getAttribute('href')!));
    for (const href of links) {
      const clean = href.split('#')[0]!;
      // One representative of each record list is enough: /teams/3/activities/101 and /102 are the same page.
      const shape = clean.replace(/\d+/g, 'N');
      if (!skip.test(clean) && ![...seen].some((s) => s.replace(/\d+/g, 'N') === shape) && !queue.some((q) => q.replace(/\d+/g, 'N') === shape)) {
        queue.push(clean);
      }
    }
  }
  return { errors, failures, accessibility, visited: seen.size };
}

describe('every page opens cleanly in the browser', () => {
  it('finds a violation when there is one (the check is not empty)', async () => {
    const { page } = await openPage('smoke-axe-planted');
    await page.addInitScript({ content: axeSource });
    await page.goto('/login');
    await waitForHydration(page);
    await page.evaluate(() => document.querySelector('main')!.insertAdjacentHTML('beforeend', '<img src="/favicon.ico"><button></button>'));
    const found = (await accessibilityViolations(page)).map((v) => `${v.id}:${v.impact}`);
    expect(found).toEqual(expect.arrayContaining(['image-alt:critical', 'button-name:critical']));
  });

  for (const [email, start] of [
    ['member@example.jp', '/teams'],
    ['admin@example.jp', '/admin/years'],
    ['hr@example.jp', '/teams'],
  ] as const) {
    it(`as ${email}`, async () => {
      const { page } = await openPage(`smoke-${email.split('@')[0]}`);
      await page.addInitScript({ content: axeSource });
      await signIn(page, email);
      const result = await crawl(page, start);
      expect(result.visited).toBeGreaterThan(5);
      expect(result.failures).toEqual([]);
      expect(result.errors).toEqual([]);
      expect(result.accessibility).toEqual([]);
      await keepScreenshot(page, `smoke-${email.split('@')[0]}-last`);
    }, 300_000);
  }
});
