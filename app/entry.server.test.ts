import { gunzipSync } from 'node:zlib';
import type { AppLoadContext } from '@remix-run/node';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { handleDataRequest } from './entry.server';

// A data answer (a click inside the app) is read whole and compressed like a page (packed-answer.server.ts).

const request = new Request('http://localhost/teams/1.data', { headers: { 'Accept-Encoding': 'gzip, deflate, br' } });
const context = {} as AppLoadContext;

afterEach(() => vi.restoreAllMocks());

describe('a data answer as it leaves the app', () => {
  it('goes whole and gzipped, with its status and its own headers', async () => {
    const text = `[{"_1":2},"routes/teams.$teamId._index",${JSON.stringify('令和8年4月27日 チームミーティング'.repeat(100))}]\n`;
    const answer = await handleDataRequest(new Response(text, { status: 200, headers: { 'Content-Type': 'text/x-script', 'X-Remix-Response': 'yes' } }), {
      context,
      request,
    });
    expect(answer.status).toBe(200);
    expect([answer.headers.get('Content-Type'), answer.headers.get('X-Remix-Response'), answer.headers.get('Content-Encoding')]).toEqual([
      'text/x-script',
      'yes',
      'gzip',
    ]);
    const body = Buffer.from(await answer.arrayBuffer());
    expect(answer.headers.get('Content-Length')).toBe(String(body.length));
    expect(gunzipSync(body).toString('utf8')).toBe(text);
  });

  it('is a logged 500, not an error thrown at Express, when its stream fails', async () => {
    const logged = vi.spyOn(console, 'error').mockImplementation(() => {});
    const failing = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('[{"_1":2},'));
        controller.error(new Error('the stream broke'));
      },
    });
    const answer = await handleDataRequest(new Response(failing, { status: 200 }), { context, request });
    expect(answer.status).toBe(500);
    expect(await answer.text()).toContain('しばらくしてから');
    expect(logged).toHaveBeenCalledWith(expect.objectContaining({ message: 'the stream broke' }));
  });

  it('passes an answer without a body as it is', async () => {
    const empty = new Response(null, { status: 204 });
    expect(await handleDataRequest(empty, { context, request })).toBe(empty);
  });
});
