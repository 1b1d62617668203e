import { describe, expect, it } from 'vitest';
import { keepScreenshot, openPage, phone, seeded, signIn, useBrowser, waitForHydration } from './browser';

useBrowser();

// On a phone, the secretariat corrects a municipality typed wrongly and a roster entry, and brings
// back a dialogue group dissolved by mistake. What it changes is its own: what it adds, and the
// fixture's two groups of this year's teams.
const {
  year,
  taken,
  groups: [first, second],
} = seeded('municipality-roster-edit');
const [firstGroup, secondGroup] = [first!.name, second!.name];

describe('an organizer corrects set-up data on a phone', () => {
  it('edits a municipality: a duplicate is refused in place with the typed text kept, then it saves', async () => {
    const { page } = await openPage('municipality-edit', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/municipalities');
    await page.getByRole('heading', { level: 1, name: '自治体の登録' }).waitFor();
    const add = page.getByRole('region', { name: '自治体を追加' });
    await add.getByLabel(/^自治体名/).fill('小鹿野市');
    await add.getByLabel(/^都道府県/).fill('埼玉県');
    await add.getByRole('button', { name: '追加する' }).click();
    await page.getByRole('link', { name: '小鹿野市を編集' }).click();

    const form = page.getByRole('form', { name: '埼玉県小鹿野市を編集' });
    await expect.poll(() => form.getByLabel(/^自治体名/).inputValue()).toBe('小鹿野市');
    expect(await form.getByLabel(/^区分/).inputValue()).toBe('city');
    await form.getByLabel(/^自治体名/).fill(taken.name);
    await form.getByLabel(/^都道府県/).fill(taken.prefecture);
    await form.getByRole('button', { name: '保存する' }).click();
    await form.getByText(`${taken.prefecture}${taken.name}はすでに登録されています`).waitFor();
    expect(await form.getByLabel(/^自治体名/).inputValue()).toBe(taken.name);
    expect(await form.getByLabel(/^自治体名/).getAttribute('aria-invalid')).toBe('true');
    await form.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'municipality-edit-refused-phone');

    await form.getByLabel(/^自治体名/).fill('小鹿野町');
    await form.getByLabel(/^都道府県/).fill('埼玉県');
    await form.getByLabel(/^区分/).selectOption({ label: '町' });
    await form.getByRole('button', { name: '保存する' }).click();
    const row = page.getByRole('row').filter({ has: page.getByRole('link', { name: '小鹿野町', exact: true }) });
    await row.getByText('保存しました').waitFor();
    expect(await row.locator('td').allTextContents()).toEqual(['埼玉県', '小鹿野町保存しました', '町', expect.stringContaining('アーカイブ')]);
    await expect.poll(() => page.getByRole('form', { name: /を編集$/ }).count()).toBe(0);
    await keepScreenshot(page, 'municipality-edit-saved-phone');
  });

  it('edits a roster entry', async () => {
    const { page } = await openPage('roster-edit', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto('/admin/organizers');
    const add = page.getByRole('region', { name: '名簿に追加' });
    await add.getByLabel(/^氏名/).fill('湖山 みのり');
    await add.getByRole('button', { name: '追加する' }).click();
    await page.getByRole('link', { name: '湖山 みのりさんを編集' }).click();
    const form = page.getByRole('form', { name: '湖山 みのりさんの登録内容を編集' });
    await form.getByLabel(/^役割/).selectOption({ label: '参与' });
    await form.getByLabel(/^所属/).fill('元富岡市職員');
    await form.getByRole('button', { name: '保存する' }).click();
    const row = page.getByRole('row').filter({ hasText: '湖山 みのり' });
    await row.getByText('保存しました').waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('参与');
    expect(await row.locator('td').first().textContent()).toBe('湖山 みのり保存しました元富岡市職員アカウントなし');
    // The form for a new entry is empty again, not showing the one just added.
    expect(await add.getByLabel(/^氏名/).inputValue()).toBe('');
    await keepScreenshot(page, 'roster-edit-saved-phone');
  });

  it('two organizers edit one entry at once: the later save is refused with its change kept and the other’s taken in, then saves', async () => {
    const { page: desk } = await openPage('roster-versions-desk');
    const { page: onPhone } = await openPage('roster-versions-phone', phone);
    await signIn(desk, 'admin@example.jp');
    await signIn(onPhone, 'admin@example.jp');
    await desk.goto('/admin/organizers');
    const add = desk.getByRole('region', { name: '名簿に追加' });
    await add.getByLabel(/^氏名/).fill('二見 かおる');
    await add.getByRole('button', { name: '追加する' }).click();
    await desk.getByRole('row').filter({ hasText: '二見 かおる' }).getByText('保存しました').waitFor();
    const formOf = (page: typeof desk) => page.getByRole('form', { name: '二見 かおるさんの登録内容を編集' });
    for (const page of [desk, onPhone]) {
      await page.goto('/admin/organizers');
      await waitForHydration(page);
      await page.getByRole('link', { name: '二見 かおるさんを編集' }).click();
      await formOf(page).waitFor();
    }

    await formOf(desk).getByLabel(/^所属/).fill('元甲府市職員');
    await formOf(desk).getByRole('button', { name: '保存する' }).click();
    await desk.getByRole('row').filter({ hasText: '二見 かおる' }).getByText('保存しました').waitFor();

    const form = formOf(onPhone);
    await form.getByLabel(/^役割/).selectOption({ label: '参与' });
    await form.getByRole('button', { name: '保存する' }).click();
    await form.getByRole('heading', { name: 'ほかの人の保存と重なりました' }).waitFor();
    // The role chosen here stays; the affiliation saved meanwhile is taken in, so saving cannot undo it.
    expect(await form.getByLabel(/^役割/).inputValue()).toBe('councilor');
    await expect.poll(() => form.getByLabel(/^所属/).inputValue()).toBe('元甲府市職員');
    await form.scrollIntoViewIfNeeded();
    await keepScreenshot(onPhone, 'roster-edit-conflict-phone');

    await form.getByRole('button', { name: '保存する' }).click();
    // Exactly: the notice of the refused save says 保存しました too.
    const row = onPhone.getByRole('row').filter({ hasText: '二見 かおる' });
    await row.getByText('保存しました', { exact: true }).waitFor();
    expect(await row.locator('td').nth(1).textContent()).toBe('参与');
    expect(await row.locator('td').first().textContent()).toContain('元甲府市職員');
  });

  it('restores a dissolved group, refused while one of its teams is in another group', async () => {
    const { page } = await openPage('group-restore', phone);
    await signIn(page, 'admin@example.jp');
    await page.goto(`/admin/years/${year}/groups`);
    const active = page.getByRole('region', { name: /^対話自治体のグループ/ });
    const dissolved = page.getByRole('region', { name: /^解消したグループ/ });
    const activeGroup = (name: string) => active.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
    const dissolvedGroup = (name: string) => dissolved.getByRole('listitem').filter({ has: page.getByText(name, { exact: true }) });
    const dissolve = async (name: string) => {
      await activeGroup(name).getByRole('button', { name: 'グループを解消' }).click();
      await dissolvedGroup(name).waitFor();
    };

    // 東雲市 moves to a group of its own with 白浜町 after both groups are dissolved.
    await dissolve(firstGroup);
    await dissolve(secondGroup);
    const team = (name: string) => page.getByRole('checkbox', { name: new RegExp(`^\\S+ ${name}(\\s|$)`) });
    await team('東雲市').check();
    await team('白浜町').check();
    await page.getByLabel(/^グループ名/).fill('東雲・白浜');
    await page.getByRole('button', { name: 'グループを作る' }).click();
    await activeGroup('東雲・白浜').waitFor();
    expect(await team('東雲市').isChecked()).toBe(false); // the form is ready for the next group

    await dissolvedGroup(firstGroup).getByRole('button', { name: '元に戻す' }).click();
    const refusal = dissolvedGroup(firstGroup).getByRole('alert');
    await refusal.getByText('東雲市（東雲・白浜）はいまほかのグループに入っているため、元に戻せません。1つのチームが入れるグループは1年度に1つです').waitFor();
    expect(await activeGroup(firstGroup).count()).toBe(0);
    await refusal.scrollIntoViewIfNeeded();
    await keepScreenshot(page, 'group-restore-refused-phone');

    // Free 東雲市 again; both groups come back as they were.
    await dissolve('東雲・白浜');
    await dissolvedGroup(firstGroup).getByRole('button', { name: '元に戻す' }).click();
    await activeGroup(firstGroup).waitFor();
    await dissolvedGroup(secondGroup).getByRole('button', { name: '元に戻す' }).click();
    await activeGroup(secondGroup).waitFor();
    await expect.poll(() => dissolvedGroup(firstGroup).count()).toBe(0);
    expect(await dissolvedGroup(secondGroup).count()).toBe(0);
    expect(await dissolvedGroup('東雲・白浜').count()).toBe(1);
    const restored = await activeGroup(firstGroup).textContent();
    for (const text of [`${firstGroup}：`, ...first!.teams]) expect(restored).toContain(text);
    await keepScreenshot(page, 'group-restored-phone');
  });
});
