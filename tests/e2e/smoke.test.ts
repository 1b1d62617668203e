import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// Walks the app as a person would, following links from the first page, and fails on any
// error in the browser (a page that renders on the server but breaks when it hydrates),
// any answer of 500 or more, and serious accessibility violations on the pages visited.

const limit = 80;
const skip = /\.csv(\?|$)|\/logout|\/print(\?|$)|\/build\//;

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
    const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
    for (const v of results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical')) {
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
  for (const [email, start] of [
    ['member@example.jp', '/teams'],
    ['admin@example.jp', '/admin/years'],
    ['hr@example.jp', '/teams'],
  ] as const) {
    it(`as ${email}`, async () => {
      const { page } = await openPage(`smoke-${email.split('@')[0]}`);
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
