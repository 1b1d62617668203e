import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import type { SheetContent } from '../../app/domain/sheet';
import { evidenceValue, getItems, getText, setField, sheetFields } from '../../app/domain/sheet-fields';
import { desktop, keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();
const {
  editPath,
  members: [member, member2],
} = seeded('sheet-integrity');

// Editing one section of a sheet full of Japanese text changes that section and nothing else,
// byte for byte; and a section altered on its way (as NUL bytes in the page once turned 「市民」 into
// 「市�民」) is put back and shown before anything is saved (docs/decisions/0009). On a sheet of this
// file's own; each test starts from what is stored when it begins.

const route = 'routes/teams.$teamId.sheet.edit';

async function openEditor(page: Page) {
  await page.goto(editPath);
  await waitForHydration(page);
  return editPath;
}

/** The stored content, as the server sent it in the page's data. */
async function storedContent(page: Page, url: string) {
  await page.goto(url);
  await waitForHydration(page);
  return page.evaluate((id) => {
    const data = (window as unknown as { __remixContext: { state: { loaderData: Record<string, { current: { version: number; content: unknown } }> } } })
      .__remixContext.state.loaderData[id]!;
    return data.current as { version: number; content: SheetContent };
  }, route);
}

const phrases = [
  '市民と職員が対話する',
  '「ありたい姿」から逆算し、',
  '人事課長へのインタビューで',
  '令和8年4月27日の第1回研究会。',
  'マネ友とオフサイトで語り合う。',
  '一人称で捉え語る！',
];
/** Japanese prose of `length` characters, different for each `seed`, with line breaks. */
const longJapanese = (length: number, seed: number) => {
  let text = '';
  for (let i = seed; text.length < length; i++) text += phrases[i % phrases.length] + (i % 4 === 3 ? '\n' : '');
  return text.slice(0, Math.floor(length)).trim();
};

const bytes = (content: SheetContent) => Object.fromEntries(sheetFields.map((f) => [f.key, Buffer.from(getText(content, f.key)).toString('hex')]));

/** Saves this content as the next version, as a browser that edited every field would post it. */
async function saveContent(page: Page, url: string, content: SheetContent, message: string) {
  const { version } = await storedContent(page, url);
  const form = new URLSearchParams({ baseVersion: String(version), message, _edited: JSON.stringify(sheetFields.map((f) => f.key)) });
  for (const field of sheetFields) {
    if (field.kind === 'text') form.append(field.key, getText(content, field.key));
    else
      getItems(content, field.key).forEach((item, row) => {
        form.append(`${field.key}[${row}].text`, item.text);
        for (const cited of item.evidence) form.append(`${field.key}[${row}].evidence`, evidenceValue(cited));
      });
  }
  const headers = { Origin: new URL(page.url()).origin, 'Content-Type': 'application/x-www-form-urlencoded' };
  const saved = await page.request.post(url, { data: form.toString(), headers, maxRedirects: 0 });
  expect(saved.status()).toBe(302);
  return storedContent(page, url);
}

/** Fills every section with Japanese text of many lengths, so the page's buffer ends fall inside the fields' own text. */
async function fillSheet(page: Page, url: string) {
  let full = (await storedContent(page, url)).content;
  sheetFields.forEach((field, i) => {
    // Each text under 683 characters: React writes such strings through its 2,048-byte buffer.
    const length = 180 + i * 35;
    full = setField(
      full,
      field.key,
      field.kind === 'list' ? [0, 1, 2].map((row) => ({ text: longJapanese(length / 3, i * 3 + row), evidence: [] })) : longJapanese(length, i),
    );
  });
  const content = await saveContent(page, url, full, '長い文章で埋める');
  expect(sheetFields.map((f) => getText(content.content, f.key)).join('').length, 'the sheet is full of Japanese text').toBeGreaterThan(5000);
  return content;
}

describe('saving one section of the sheet', () => {
  // Without JavaScript the fields hold exactly what the page's bytes say (no hydration replaces
  // them), and the form posts every field as it is: what a NUL byte did reaches the save directly.
  for (const javaScript of [true, false]) {
    it(`changes that section and leaves every other section byte for byte unchanged (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page: reader } = await openPage(`sheet-one-section-reader-${javaScript}`);
      await signIn(reader, member);
      const url = await openEditor(reader);
      const before = await fillSheet(reader, url);

      const { page } = javaScript ? { page: reader } : await openPage('sheet-one-section-nojs', desktop, { javaScript: false });
      if (!javaScript) {
        await signIn(page, member);
        await page.goto(url);
      }
      // Every field on screen holds exactly the stored text (no U+FFFD from the page's bytes).
      for (const field of sheetFields.filter((f) => f.kind === 'text')) {
        expect(await page.locator(`textarea[name="${field.key}"]`).inputValue(), field.key).toBe(getText(before.content, field.key));
      }
      const goal = page.getByRole('textbox', { name: '1年後に目指す状態', exact: true });
      const typed = `${await goal.inputValue()}\n令和9年3月までに、対話の場を全庁に広げる。`;
      await goal.fill(typed);
      await page.getByRole('button', { name: '保存する' }).click();
      await page.getByRole('status').filter({ hasText: '版として保存しました' }).waitFor();

      const after = await storedContent(reader, url);
      expect(after.version).toBe(before.version + 1);
      expect(getText(after.content, 'oneYearGoal')).toBe(typed);
      expect(bytes(after.content)).toEqual({ ...bytes(before.content), oneYearGoal: Buffer.from(typed).toString('hex') });
    });
  }

  it('puts back a section that changed without being edited, shows what arrived, and saves only after that', async () => {
    const { page } = await openPage('sheet-altered-section', phone);
    await signIn(page, member2);
    const url = await openEditor(page);
    const before = await storedContent(page, url);
    const ideal = getText(before.content, 'idealIn10Years');
    const damaged = `${ideal.slice(0, 2)}\uFFFD${ideal.slice(2)}`;
    // What the browser made of NUL bytes in the page: the field holds other text from the start
    // (its default and its value), though nobody typed in it.
    await page.locator('textarea[name="idealIn10Years"]').evaluate((el, text) => {
      const field = el as HTMLTextAreaElement;
      field.defaultValue = text;
      field.value = text;
    }, damaged);
    await page.getByRole('textbox', { name: 'オフサイトルート', exact: true }).fill('マネ友と月1回のオフサイトミーティングを続ける。');
    await page.getByRole('button', { name: '保存する' }).click();

    await page.getByText('まだ保存していません').waitFor();
    const notice = page.locator('[data-integrity="idealIn10Years"]');
    // The character that arrived is shown, made visible: 〔�〕.
    expect((await notice.locator('ins').allTextContents()).join('')).toBe('〔\uFFFD〕');
    expect(await page.locator('textarea[name="idealIn10Years"]').inputValue()).toBe(ideal);
    expect(await page.getByRole('textbox', { name: 'オフサイトルート', exact: true }).inputValue()).toBe('マネ友と月1回のオフサイトミーティングを続ける。');
    await keepScreenshot(page, 'sheet-integrity-phone');
    expect(new URL(page.url()).pathname, 'still on the editor: nothing saved yet').toBe(url);

    await page.getByRole('button', { name: '保存する' }).click();
    await page.getByRole('status').filter({ hasText: '版として保存しました' }).waitFor();
    const after = await storedContent(page, url);
    expect(after.version).toBe(before.version + 1);
    expect(getText(after.content, 'idealIn10Years')).toBe(ideal);
    expect(getText(after.content, 'scenario.offsite')).toBe('マネ友と月1回のオフサイトミーティングを続ける。');
  });
});
