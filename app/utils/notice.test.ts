import { describe, expect, it } from 'vitest';
import { noticeCookieName, redirectWithNotice, takeNotice } from './notice.server';

// A save's notice travels in a signed cookie for the page it leads to, and is said there once.

const cookieOf = (response: Response) => response.headers.get('Set-Cookie')!.split(';')[0]!;
const page = (path: string, cookie: string) => new Request(`http://localhost${path}`, { headers: { Cookie: `jinmane_session=abc; ${cookie}` } });

describe('a notice', () => {
  it('leads to a plain address and is said by that page once, which clears it', async () => {
    const response = await redirectWithNotice('/teams/3/activities', '活動を記録しました。', 101);
    expect(response.status).toBe(302);
    expect(response.headers.get('Location')).toBe('/teams/3/activities');
    expect(response.headers.get('Set-Cookie')).toMatch(/HttpOnly/i);
    expect(response.headers.get('Set-Cookie')).toMatch(/Max-Age=60/);
    const cookie = cookieOf(response);
    expect(cookie.startsWith(`${noticeCookieName}=`)).toBe(true);

    // The page's own filters in the address do not matter; the page is the path.
    const taken = await takeNotice(page('/teams/3/activities?kind=meeting', cookie));
    expect(taken.notice).toEqual({ text: '活動を記録しました。', id: 101 });
    expect(taken.headers.get('Set-Cookie')).toMatch(new RegExp(`^${noticeCookieName}=;.*Max-Age=0`));
  });

  it('is left alone by another page (a link prefetched meanwhile) and says nothing there', async () => {
    const cookie = cookieOf(await redirectWithNotice('/teams/3/changes', '保存しました。'));
    const elsewhere = await takeNotice(page('/teams/3/activities', cookie));
    expect(elsewhere).toMatchObject({ notice: null });
    expect(elsewhere.headers.get('Set-Cookie')).toBeNull();
    expect((await takeNotice(page('/teams/3/changes', cookie))).notice?.text).toBe('保存しました。');
  });

  it('cannot be written by anyone but this server: a changed or made-up cookie says nothing', async () => {
    const cookie = cookieOf(await redirectWithNotice('/account', 'パスワードを変更しました。'));
    const [name, value] = cookie.split('=') as [string, string];
    const forged = Buffer.from(JSON.stringify({ text: '不正な通知', id: null, path: '/account' })).toString('base64');
    for (const bad of [`${name}=${value.slice(0, -3)}abc`, `${name}=${forged}`, `${name}=${encodeURIComponent(forged)}.x`]) {
      expect((await takeNotice(page('/account', bad))).notice).toBeNull();
    }
    expect((await takeNotice(page('/account', 'jinmane_notice_other=1'))).notice).toBeNull();
  });
});
