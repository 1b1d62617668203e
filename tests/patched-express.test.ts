import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import path from 'node:path';
import express from 'express';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { wholeResponse } from '../app/utils/packed-answer.server';

// patches/@remix-run+express: an answer made whole (wholeResponse) is sent in one call, not read back through its
// stream (docs/decisions/0027). What reaches the browser must be what the adapter sent before: status, headers
// and every byte, a Japanese page split anywhere included.
const require = createRequire(import.meta.url);
// The adapter's own module, as its index loads it (sendRemixResponse is not re-exported).
const adapterFile = path.join(path.dirname(require.resolve('@remix-run/express')), 'server.js');
const adapter = require(adapterFile) as { sendRemixResponse: (res: express.Response, response: Response) => Promise<void> };

const page = Buffer.from(`<!DOCTYPE html><p>${'令和8年4月27日（月）チームミーティング、宿題の確認。'.repeat(2_000)}</p>`, 'utf8');
const sent: Response[] = [];
let base = '';
let server: ReturnType<ReturnType<typeof express>['listen']>;

beforeAll(async () => {
  const app = express();
  app.get('/:how', async (req, res) => {
    const init = {
      status: 201,
      statusText: 'Created',
      headers: { 'Content-Type': 'text/html; charset=utf-8', 'X-Kind': 'summary', 'Content-Length': String(page.length) },
    };
    const response = req.params.how === 'whole' ? wholeResponse(page, init) : new Response(page, init);
    sent.push(response);
    await adapter.sendRemixResponse(res, response);
  });
  server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(resolve));
});

describe('the patched Remix adapter', () => {
  it('is patched (the build the server loads sends whole answers itself)', () => {
    expect(fs.readFileSync(adapterFile, 'utf8')).toContain('jinmane patch');
  });

  it('sends a whole answer as it sent a streamed one, without reading its stream', async () => {
    const [streamed, whole] = [await fetch(`${base}/stream`), await fetch(`${base}/whole`)];
    const facts = async (res: Response) => ({
      status: res.status,
      statusText: res.statusText,
      type: res.headers.get('content-type'),
      kind: res.headers.get('x-kind'),
      length: res.headers.get('content-length'),
      body: Buffer.from(await res.arrayBuffer()),
    });
    const [a, b] = [await facts(streamed), await facts(whole)];
    expect(b).toEqual(a);
    expect(b.body.equals(page)).toBe(true);
    // The streamed answer's body was read to be sent; the whole one's was not (its bytes went out in one call).
    expect(sent.map((r) => r.bodyUsed)).toEqual([true, false]);
  });
});
