import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { createElement, type ComponentType } from 'react';
import { renderToString } from 'react-dom/server';
import { createStaticHandler, createStaticRouter, StaticRouterProvider } from 'react-router-dom/server';
import { afterAll, beforeAll } from 'vitest';
import { now, setClock } from '../app/utils/clock';
import { takeNotice } from '../app/utils/notice.server';

// Tests call loaders and actions directly with a real Request, as Remix would.

type Args = { params?: Record<string, string>; headers?: Record<string, string> };

export function request(path: string, init: RequestInit & { headers?: Record<string, string> } = {}) {
  return new Request(new URL(path, 'http://localhost'), init);
}

export function loaderArgs(path: string, { params = {}, headers = {} }: Args = {}): LoaderFunctionArgs {
  return { request: request(path, { headers }), params, context: { cspNonce: 'test' } };
}

export function actionArgs(path: string, form: Record<string, string | string[]>, { params = {}, headers = {} }: Args = {}): ActionFunctionArgs {
  const body = new URLSearchParams();
  for (const [key, value] of Object.entries(form)) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return {
    request: request(path, { method: 'POST', body, headers: { Origin: 'http://localhost', ...headers } }),
    params,
    context: { cspNonce: 'test' },
  };
}

/** Runs a loader or action that is expected to throw a Response, and returns that Response. */
export async function thrownResponse(run: () => unknown): Promise<Response> {
  try {
    await run();
  } catch (error) {
    if (error instanceof Response) return error;
    throw error;
  }
  throw new Error('expected a thrown Response, but the function returned normally');
}

/**
 * Stops the app's clock (app/utils/clock.ts) at an instant for the tests of the file or describe block
 * it is called in, then puts back the running test clock (tests/setup/clock.ts). Timers are untouched.
 */
export function pinClock(iso: string) {
  let restore: () => void = () => {};
  beforeAll(() => {
    restore = setClock(iso);
  });
  afterAll(() => {
    restore();
  });
}

/** Runs `run` with the clock stopped `ms` after now (as if that long had passed), then puts the clock back. */
export async function later<T>(ms: number, run: () => Promise<T>): Promise<T> {
  const restore = setClock(new Date(now().getTime() + ms));
  try {
    return await run();
  } finally {
    restore();
  }
}

type Loaded<R> = R extends { data: infer D; init: unknown } ? D : R;

/** What a loader returned for the page, unwrapped when it also set headers (`data(value, { headers })`). */
export async function loaded<R>(result: Promise<R> | R): Promise<Loaded<R>> {
  const value: unknown = await result;
  const wrapped = typeof value === 'object' && value !== null && 'data' in value && 'init' in value;
  return (wrapped ? value.data : value) as Loaded<R>;
}

/** The notice cookie a redirect sets (`name=value`, app/utils/notice.server.ts), to send with the next request. */
export function noticeCookieOf(response: Response): string | null {
  return response.headers.get('Set-Cookie')?.split(';')[0] ?? null;
}

async function takenNotice(response: Response) {
  const cookie = noticeCookieOf(response);
  if (!cookie) return null;
  return (await takeNotice(request(response.headers.get('Location') ?? '/', { headers: { Cookie: cookie } }))).notice;
}

/** What the page a redirect leads to says about the save (app/utils/notice.server.ts), or null. */
export async function noticeOf(response: Response): Promise<string | null> {
  return (await takenNotice(response))?.text ?? null;
}

/** The record a redirect's notice is about (the one just created or saved), or null. */
export async function noticedIdOf(response: Response): Promise<number | null> {
  return (await takenNotice(response))?.id ?? null;
}

/**
 * The HTML a page renders on the server: a route component inside a data router whose loader returns
 * `data` (what the route's own loader returned, unwrapped with `loaded`).
 */
export async function renderPage(Component: ComponentType, data: unknown = null, path = '/') {
  const handler = createStaticHandler([{ path: new URL(path, 'http://localhost').pathname, loader: async () => data, Component }]);
  const context = await handler.query(request(path));
  if (context instanceof Response) throw context;
  return renderToString(createElement(StaticRouterProvider, { router: createStaticRouter(handler.dataRoutes, context), context }));
}
