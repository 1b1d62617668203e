import http from 'node:http';
import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { baseUrl, demoPassword } from './browser';
import { signInOver } from './fault-helpers';

// A page is rendered whole and sent in one piece (app/entry.server.tsx, docs/decisions/0027): streamed,
// React's 2 KB chunks each went through zlib and the socket on their own. A page sent in one piece knows
// its length before its first byte; a streamed one could not say it.

function get(path: string, headers: Record<string, string>): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: Buffer }> {
  return new Promise((resolve, reject) => {
    http
      .get(baseUrl() + path, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      })
      .on('error', reject);
  });
}

describe('pages sent in one piece', () => {
  it('say their length before their first byte, signed in or not, and compressed they read the same', async () => {
    const cookie = await signInOver(baseUrl(), 'member@example.jp', demoPassword);
    for (const [path, headers] of [
      ['/login', {}],
      ['/teams', { Cookie: cookie }],
    ] as const) {
      const plain = await get(path, { ...headers, 'Accept-Encoding': 'identity' });
      expect(plain.status, path).toBe(200);
      expect(plain.headers['content-length'], path).toBe(String(plain.body.length));
      expect(plain.headers['transfer-encoding'], path).toBeUndefined();
      // As a browser asks (it takes Brotli too): gzip, compressed whole, its length said before its first byte.
      const packed = await get(path, { ...headers, 'Accept-Encoding': 'gzip, deflate, br, zstd' });
      expect(packed.headers['content-encoding'], path).toBe('gzip');
      expect(packed.headers['content-length'], path).toBe(String(packed.body.length));
      expect(packed.headers.vary, path).toMatch(/Accept-Encoding/i);
      const text = zlib.gunzipSync(packed.body).toString('utf8');
      // The same page but for its nonce, which every answer has anew.
      const withoutNonce = (html: string) => html.replace(/nonce="[^"]+"/g, 'nonce=""');
      expect(withoutNonce(text), path).toBe(withoutNonce(plain.body.toString('utf8')));
    }
  });

  it('data answers (a click inside the app) too', async () => {
    const cookie = await signInOver(baseUrl(), 'member@example.jp', demoPassword);
    const teams = await get('/teams', { Cookie: cookie, 'Accept-Encoding': 'identity' });
    const team = /href="(\/teams\/\d+)"/.exec(teams.body.toString('utf8'))?.[1];
    expect(team, 'a team of the demo member on /teams').toBeDefined();
    const plain = await get(`${team}.data`, { Cookie: cookie, 'Accept-Encoding': 'identity' });
    expect(plain.status).toBe(200);
    expect(plain.headers['content-length']).toBe(String(plain.body.length));
    expect(plain.body.length).toBeGreaterThan(1024); // large enough to be compressed
    const packed = await get(`${team}.data`, { Cookie: cookie, 'Accept-Encoding': 'gzip, deflate, br, zstd' });
    expect(packed.headers['content-encoding']).toBe('gzip');
    expect(packed.headers['content-length']).toBe(String(packed.body.length));
    expect(zlib.gunzipSync(packed.body).toString('utf8')).toBe(plain.body.toString('utf8'));
  });
});
