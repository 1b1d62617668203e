import fs from 'node:fs';
import { strFromU8, unzipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { desktop, keepScreenshot, openPage, overflowOnPage, phone, seeded, signIn, useBrowser } from './browser';

useBrowser();

// Issue 20 in a real browser: the team's member clicks 「チームの記録一式（ZIP）」 beside the log's CSV link on a desktop,
// and an organizer on the organizer's page of the team on a 360 px phone; each gets one zip with the team's CSVs,
// its sheet versions as Word documents and お読みください.txt, named in Japanese.

const { teamId, member } = seeded('team-records');

async function downloadZip(page: Page) {
  const link = page.getByRole('link', { name: 'チームの記録一式（ZIP）' });
  await link.scrollIntoViewIfNeeded();
  const [download] = await Promise.all([page.waitForEvent('download'), link.click()]);
  expect(download.suggestedFilename()).toMatch(/^記録市チーム_令和\d+年度_記録一式\.zip$/);
  const files = unzipSync(new Uint8Array(fs.readFileSync((await download.path())!)));
  const names = Object.keys(files);
  expect(names).toContain('お読みください.txt');
  expect(names.filter((n) => n.startsWith('CSV/')).length).toBeGreaterThanOrEqual(5);
  expect(names.filter((n) => n.startsWith('変革ストーリーシート/'))).toEqual([
    '変革ストーリーシート/第001版.docx',
    '変革ストーリーシート/第002版_第2回提出版.docx',
  ]);
  expect(strFromU8(files['お読みください.txt']!)).toContain('チームの記録一式');
  return files;
}

describe('チームの記録一式', () => {
  it('at 1280 px: the member downloads it beside the log’s CSV link', async () => {
    const { page, context } = await openPage('team-records-desktop', desktop);
    await signIn(page, member);
    await page.goto(`/teams/${teamId}/activities`);
    await page.getByRole('navigation', { name: '活動記録の操作' }).getByRole('link', { name: 'チームの記録一式（ZIP）' }).waitFor();
    await keepScreenshot(page, 'team-records-desktop');
    const files = await downloadZip(page);
    expect(strFromU8(files['お読みください.txt']!)).toContain('書き出した人: 記録 一葉');
    await context.close();
  });

  it('at 360 px: an organizer downloads it from the organizer’s page of the team, and the page fits the screen', async () => {
    const { page, context } = await openPage('team-records-phone', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto(`/admin/teams/${teamId}`);
    await page.getByRole('heading', { name: /記録市チーム/, level: 1 }).waitFor();
    expect(await page.evaluate(overflowOnPage)).toEqual([]);
    await keepScreenshot(page, 'team-records-phone');
    const files = await downloadZip(page);
    // An organizer reads no interview kept to the team: the README says what was left out.
    expect(strFromU8(files['お読みください.txt']!)).toContain('あなたが読める範囲の外にあるため入っていません');
    // The team's pages that offer its CSVs offer the zip beside them, and still fit a phone.
    for (const [tab, name] of [
      ['interviews', 'team-records-phone-interviews'],
      ['changes', 'team-records-phone-changes'],
      ['moyamoya', 'team-records-phone-moyamoya'],
    ] as const) {
      await page.goto(`/teams/${teamId}/${tab}`);
      await page.getByRole('link', { name: 'チームの記録一式（ZIP）' }).waitFor();
      expect(await page.evaluate(overflowOnPage), tab).toEqual([]);
      await keepScreenshot(page, name);
    }
    await context.close();
  });
});
