import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { packedBody, takesGzip } from './packed-answer.server';

const page = Buffer.from(`<!DOCTYPE html><p>${'令和8年4月27日 チームミーティング（3名）。'.repeat(200)}</p>`, 'utf8');
const requestWith = (acceptEncoding?: string) =>
  new Request('http://localhost/teams/1', acceptEncoding === undefined ? {} : { headers: { 'Accept-Encoding': acceptEncoding } });

describe('an answer compressed in one piece', () => {
  it('is gzip for every browser, Brotli-capable or not, and unpacks to the same bytes with its own length', () => {
    for (const accept of ['gzip', 'gzip, deflate, br, zstd', 'br;q=1, gzip;q=0.5', 'GZIP']) {
      const headers = new Headers({ 'Content-Type': 'text/html; charset=utf-8' });
      const body = packedBody(requestWith(accept), page, headers);
      expect(headers.get('Content-Encoding'), accept).toBe('gzip');
      expect(headers.get('Content-Length'), accept).toBe(String(body.length));
      expect(body.length).toBeLessThan(page.length / 5);
      expect(gunzipSync(body).equals(page), accept).toBe(true);
      expect(headers.get('Vary')).toBe('Accept-Encoding');
    }
  });

  it('is sent as it is to a client that does not take gzip, and when it is too small to gain', () => {
    for (const [request, body] of [
      [requestWith(), page],
      [requestWith('identity'), page],
      [requestWith('br'), page],
      [requestWith('gzip;q=0, br'), page],
      [requestWith('gzip'), Buffer.from('<p>短い</p>')],
    ] as const) {
      const headers = new Headers();
      expect(packedBody(request, body, headers)).toBe(body);
      expect(headers.get('Content-Encoding')).toBeNull();
      expect(headers.get('Content-Length')).toBe(String(body.length));
      // A cache between must still keep the two apart.
      expect(headers.get('Vary')).toBe('Accept-Encoding');
    }
  });

  it('names Accept-Encoding in Vary once, beside what a route already put there', () => {
    const headers = new Headers({ Vary: 'Cookie, accept-encoding' });
    packedBody(requestWith('gzip'), page, headers);
    expect(headers.get('Vary')).toBe('Cookie, accept-encoding');
    const other = new Headers({ Vary: 'Cookie' });
    packedBody(requestWith('gzip'), page, other);
    expect(other.get('Vary')).toBe('Cookie, Accept-Encoding');
    const any = new Headers({ Vary: '*' });
    packedBody(requestWith('gzip'), page, any);
    expect(any.get('Vary')).toBe('*');
  });

  it('leaves an answer that already names its encoding, and one too large to compress without holding the process, to the middleware', () => {
    const encoded = new Headers({ 'Content-Encoding': 'br' });
    expect(packedBody(requestWith('gzip'), page, encoded)).toBe(page);
    expect([encoded.get('Content-Encoding'), encoded.get('Content-Length')]).toEqual(['br', null]);
    const large = Buffer.from('令和8年4月27日 チームミーティング\n'.repeat(8_000), 'utf8');
    expect(large.length).toBeGreaterThan(256 * 1024);
    const headers = new Headers();
    expect(packedBody(requestWith('gzip'), large, headers)).toBe(large);
    // No length and no encoding: the compression middleware streams it and says what it did.
    expect([headers.get('Content-Encoding'), headers.get('Content-Length')]).toEqual([null, null]);
  });

  it('reads q-values as the compression middleware does, the same when asked again (answers are kept per header)', () => {
    for (let turn = 0; turn < 2; turn++) {
      expect(takesGzip('gzip;q=0')).toBe(false);
      expect(takesGzip('*')).toBe(true);
      expect(takesGzip('deflate, *;q=0.1')).toBe(true);
      expect(takesGzip('deflate, gzip;q=0, *')).toBe(false);
      expect(takesGzip(null)).toBe(false);
      expect(takesGzip('gzip, deflate, br, zstd')).toBe(true);
    }
  });
});
