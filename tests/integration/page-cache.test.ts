import type { EntryContext } from '@remix-run/node';
import { beforeEach, describe, expect, it } from 'vitest';
import { getDb, transaction } from '../../db/client';
import { databaseSnapshot } from '../../app/models/database-snapshot.server';
import { documentKey, forgetPages, renderKey, routeKeepsDocument } from '../../app/utils/page-cache.server';
import { createMunicipality, createUser } from '../factories';
import { request } from '../helpers';
import { sessionCookie } from '../world';

// The two keys of app/utils/page-cache.server.ts: what must change them and what must not. The
// snapshot is the whole server's, so "nothing is written" holds only while no other file writes there:
// on PostgreSQL this file runs with nothing beside it (project postgres-alone, vitest.config.ts).

const contextWith = (loaderData: unknown) => ({ staticHandlerContext: { loaderData, actionData: null, errors: null } }) as unknown as EntryContext;

describe('the database snapshot', () => {
  it('stays the same while nothing is written, and changes with every committed write', async () => {
    const before = await databaseSnapshot();
    expect(await databaseSnapshot()).toBe(before);
    await createMunicipality(getDb());
    const afterWrite = await databaseSnapshot();
    expect(afterWrite).not.toBe(before);
    await transaction(async (tx) => {
      await createMunicipality(tx);
    });
    expect(await databaseSnapshot()).not.toBe(afterWrite);
  });

  it('changes when a transaction rolls back after writing (a miss, never a stale hit)', async () => {
    const before = await databaseSnapshot();
    await expect(
      transaction(async (tx) => {
        await createMunicipality(tx);
        throw new Error('取り消し');
      }),
    ).rejects.toThrow('取り消し');
    expect(await databaseSnapshot()).not.toBe(before);
  });
});

/** Renders of a page whose route says `handle = { documentCache: true }` teach the cache its path. */
const rendered = (path: string, documentCache: boolean) =>
  routeKeepsDocument(request(path), {
    staticHandlerContext: { matches: [{ route: { id: 'leaf' } }] },
    routeModules: { leaf: { handle: { documentCache } } },
  } as unknown as EntryContext);

describe('document keys', () => {
  beforeEach(() => {
    forgetPages();
    expect(rendered('/hr', true)).toBe(true);
  });

  it('are given only on paths whose route keeps documents, once one was rendered', async () => {
    const user = await createUser(getDb(), { passwordHash: null });
    const cookie = await sessionCookie(user.id);
    const keyOf = (path: string) => documentKey(request(path, { headers: { Cookie: cookie } }), false);
    expect(await keyOf('/account')).toBeNull();
    expect(rendered('/account', false)).toBe(false);
    expect(await keyOf('/account')).toBeNull();
    expect(await keyOf('/hr')).toBeTruthy();
  });

  it('belong to one signed-in user, one path and one state of the database', async () => {
    const [a, b] = [await createUser(getDb(), { passwordHash: null }), await createUser(getDb(), { passwordHash: null })];
    // Signing in is a write: both sessions first, then the keys.
    const cookies = new Map([
      [a.id, await sessionCookie(a.id)],
      [b.id, await sessionCookie(b.id)],
    ]);
    const as = (userId: number, path = '/hr', bot = false) => documentKey(request(path, { headers: { Cookie: cookies.get(userId)! } }), bot);
    const first = await as(a.id);
    expect(first).toBeTruthy();
    expect(await as(a.id)).toBe(first);
    expect(await as(b.id)).not.toBe(first);
    expect(await as(a.id, '/hr?municipality=2')).not.toBe(first);
    expect(await as(a.id, '/hr', true)).not.toBe(first);
    expect(await as(a.id)).toBe(first);
    await createMunicipality(getDb());
    expect(await as(a.id)).not.toBe(first);
  });

  it('are not given without a live session or for anything but GET', async () => {
    expect(await documentKey(request('/hr'), false)).toBeNull();
    expect(await documentKey(request('/hr', { headers: { Cookie: 'jinmane_session=' + 'x'.repeat(43) } }), false)).toBeNull();
    const user = await createUser(getDb(), { passwordHash: null });
    expect(await documentKey(request('/hr', { method: 'POST', headers: { Cookie: await sessionCookie(user.id) } }), false)).toBeNull();
  });
});

describe('render keys', () => {
  const key = (data: unknown, path = '/hr') => renderKey(request(path), 200, contextWith(data));

  it('differ whenever the data differs, even where JSON would not tell (Maps, Dates, undefined)', () => {
    expect(key({ root: { a: 1 } })).toBe(key({ root: { a: 1 } }));
    expect(key({ root: { m: new Map([[1, 'a']]) } })).not.toBe(key({ root: { m: new Map([[1, 'b']]) } }));
    expect(key({ root: { d: new Date('2026-04-01') } })).not.toBe(key({ root: { d: '2026-04-01T00:00:00.000Z' } }));
    expect(key({ root: { u: undefined } })).not.toBe(key({ root: {} }));
    expect(key({ root: { a: 1 } }, '/hr?x=1')).not.toBe(key({ root: { a: 1 } }));
  });

  it('are not given for errors, answers to a form, other statuses or data that streams', () => {
    expect(renderKey(request('/hr'), 404, contextWith({}))).toBeNull();
    const withAction = { staticHandlerContext: { loaderData: {}, actionData: { r: 1 }, errors: null } } as unknown as EntryContext;
    expect(renderKey(request('/hr'), 200, withAction)).toBeNull();
    expect(key({ root: { later: Promise.resolve(1) } })).toBeNull();
  });
});
