import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();
const {
  year,
  teamPath: team,
  members: [member, member2],
} = seeded('record-versions');

// Two members of a team edit one interview at once (docs/decisions/0010): the second save is refused,
// keeps every word typed, takes the first person's text where the second changed nothing, and lands
// when sent again; a 宿題 the first person added is still there afterwards. A double click records
// one interview.

async function newInterview(page: Page) {
  await page.goto(`${team}/interviews/new`);
  await waitForHydration(page);
  await page.getByLabel('実施日').fill(`${year}-11-04`);
  await page.getByLabel('インタビューの相手').fill('部長級職員（Cさん）');
  await page.getByLabel('相手の立場').selectOption('manager');
  await page.getByLabel('内容', { exact: true }).fill('部署を越えた対話の場が少ないと感じている。');
  await page.getByRole('button', { name: '記録する' }).click();
  await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
  return `${new URL(page.url()).pathname}/edit`;
}

async function openEditor(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
}

/** The two members signed in (the second on a phone), and a new interview the first recorded. */
async function twoMembersOnNewInterview(name: string) {
  const { page: first } = await openPage(`${name}-first`);
  const { page: second } = await openPage(`${name}-second`, phone);
  await signIn(first, member);
  await signIn(second, member2);
  return { first, second, url: await newInterview(first) };
}

describe('two members editing one interview', () => {
  it("refuses the later save with the text kept and the other’s text taken in, then saves both; a teammate's 宿題 stays", async () => {
    const { first, second, url } = await twoMembersOnNewInterview('versions');
    await openEditor(first, url);
    await openEditor(second, url);

    await first.getByLabel('内容', { exact: true }).fill('部署を越えた対話の場が少ないと感じている。\n月1回のランチ対話会なら参加したい。');
    await first.getByLabel('宿題 1 の内容').fill('ランチ対話会の案内を送ってほしい');
    await first.getByRole('button', { name: '保存する' }).click();
    await first.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    const insights = '部長級でも横のつながりを求めている。若手だけの課題ではない。';
    await second.getByLabel('気付き').fill(insights);
    await second.getByRole('button', { name: '保存する' }).click();
    await second.getByRole('heading', { name: 'ほかの人の保存と重なりました' }).waitFor();
    // The second person's 気付き stays, shown beside what is saved; the 内容 they did not touch now
    // shows what the first saved, so saving again cannot undo it.
    expect(await second.getByLabel('気付き').inputValue()).toBe(insights);
    expect(await second.getByLabel('内容', { exact: true }).inputValue()).toContain('月1回のランチ対話会なら参加したい。');
    const notice = second.getByRole('alert').filter({ hasText: 'ほかの人の保存と重なりました' });
    expect(await notice.locator('.merge-compare__status').allTextContents()).toEqual(['気付き']);
    await keepScreenshot(second, 'interview-stale-phone');
    const overflow = await second.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);

    await second.getByRole('button', { name: '保存する' }).click();
    await second.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const detail = await second.textContent('main');
    expect(detail).toContain(insights);
    expect(detail).toContain('月1回のランチ対話会なら参加したい。');
    expect(detail).toContain('ランチ対話会の案内を送ってほしい');
  });

  it('a double click on 記録する records an interview once, even when the second click goes out', async () => {
    const { page } = await openPage('interview-double-click', phone);
    await signIn(page, member);
    await page.goto(`${team}/interviews/new`);
    await waitForHydration(page);
    const interviewee = `二度押しの相手（${Date.now()}）`;
    await page.getByLabel('実施日').fill(`${year}-11-05`);
    await page.getByLabel('インタビューの相手').fill(interviewee);
    await page.getByLabel('相手の立場').selectOption('manager');
    const button = page.getByRole('button', { name: '記録する' });
    // The second click comes while the first request is on its way, as a hurried double click does.
    // The first answer is held back until the second request has gone out, so the form is still on
    // the screen to be clicked however fast the server is; both reach the server.
    let secondSent!: () => void;
    const bothSent = new Promise<void>((resolve) => (secondSent = resolve));
    let posts = 0;
    await page.route('**/*', async (route) => {
      if (route.request().method() !== 'POST') return route.fallback();
      posts += 1;
      const first = posts === 1;
      const response = await route.fetch();
      if (first) await bothSent;
      // The browser may have dropped the first request when the second went out; its answer then has nowhere to go.
      await route.fulfill({ response }).catch(() => undefined);
    });
    const firstRequest = page.waitForRequest((request) => request.method() === 'POST');
    await button.click();
    await firstRequest;
    const secondRequest = page.waitForRequest((request) => request.method() === 'POST');
    await button.click();
    await secondRequest;
    secondSent();
    await page.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    expect(posts).toBe(2);
    await page.unroute('**/*');
    await page.goto(`${team}/interviews`);
    expect(await page.getByRole('link', { name: interviewee }).count()).toBe(1);
  });

  it("a draft kept from before a teammate added a 宿題 adds its own row and leaves the teammate's alone", async () => {
    const { first, second, url } = await twoMembersOnNewInterview('homework-draft');
    // The second person starts a new 宿題 in the first blank row and leaves it as a draft.
    await openEditor(second, url);
    const mine = '二人目が書きかけた宿題：議会報告の様式を見直す';
    await second.getByLabel('宿題 1 の内容').fill(mine);
    await second.waitForFunction((text) => Object.values(localStorage).some((v) => v.includes(text)), mine);
    // Meanwhile the first person adds a 宿題, which now sits in that first row.
    await openEditor(first, url);
    const theirs = '一人目が追加した宿題：ランチ対話会の案内を送る';
    await first.getByLabel('宿題 1 の内容').fill(theirs);
    await first.getByRole('button', { name: '保存する' }).click();
    await first.getByRole('status').filter({ hasText: '保存しました' }).waitFor();

    await openEditor(second, url);
    await second.getByText('保存されていない入力内容').waitFor();
    await second.getByRole('button', { name: '保存する' }).click();
    await second.getByRole('status').filter({ hasText: '保存しました' }).waitFor();
    const detail = await second.textContent('main');
    expect(detail).toContain(mine);
    expect(detail).toContain(theirs);
  });
});
