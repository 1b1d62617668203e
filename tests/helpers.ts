import type { ActionFunctionArgs, LoaderFunctionArgs } from '@remix-run/node';
import { afterAll, beforeAll } from 'vitest';
import { now, setClock } from '../app/utils/clock';

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
