import Negotiator from 'negotiator';
import { gzipSync } from 'node:zlib';
import { keptPerKey } from './kept';

// Pages and data answers leave the app whole (entry.server.tsx), so they are compressed in one call here
// rather than by the compression middleware's stream: that stream hands every answer to zlib on libuv's
// thread pool and back, ~0.2 ms of hand-offs an answer on the bench's machine, as much as compressing a
// 60 KB page (docs/decisions/0027). gzip at level 1, whatever else the browser takes: the middleware sent
// Brotli (quality 4) to browsers and gzip to the bench, so the bench measured less than browsers cost; now
// both get the same, ~15 % larger than Brotli and a third of its CPU. Below 1 KB, as the middleware: sent as
// is. Above 256 KB (a CSV import's preview carries the whole file back) the middleware's stream compresses it:
// a synchronous call would hold every other request of the process for milliseconds.

const threshold = 1024;
const largest = 256 * 1024;

/** Where an answer made whole keeps its bytes for the server (patches/@remix-run+express+2.17.5.patch). */
const wholeBody = Symbol.for('jinmane:whole-body');

/**
 * An answer of bytes already whole: the server sends them in one call (patches/@remix-run+express), where
 * Remix's adapter read them back through the Response's stream, chunk by chunk with a promise each (~5 % of
 * `/login`). Its body stays readable as any Response's, for whoever reads it before the server.
 */
export function wholeResponse(body: Buffer<ArrayBuffer>, init: ResponseInit): Response {
  const response = new Response(body, init);
  Object.defineProperty(response, wholeBody, { value: body });
  return response;
}

/**
 * Whether this request takes gzip at all (Accept-Encoding with its q-values, read as the compression middleware reads
 * it). Kept per header: browsers send one of a handful, and reading one anew was 1 % of a small page.
 */
export const takesGzip = keptPerKey(
  (acceptEncoding: string | null) => new Negotiator({ headers: { 'accept-encoding': acceptEncoding ?? undefined } }).encodings(['gzip']).includes('gzip'),
  1_000,
);

/**
 * The body to send for this request, gzipped when the request takes it, with the headers that say so
 * (Content-Encoding, Content-Length, Vary). The compression middleware leaves an answer that says its encoding;
 * one that already says it, or is too large to compress here, is left as it is.
 */
export function packedBody(request: Request, body: Buffer<ArrayBuffer>, headers: Headers): Buffer<ArrayBuffer> {
  if (headers.has('Content-Encoding') || body.length > largest) return body;
  const vary = headers.get('Vary') ?? '';
  if (!/(^|,)\s*(accept-encoding|\*)\s*(,|$)/i.test(vary)) headers.append('Vary', 'Accept-Encoding');
  const packed = body.length >= threshold && takesGzip(request.headers.get('Accept-Encoding')) ? gzipSync(body, { level: 1 }) : null;
  if (packed) headers.set('Content-Encoding', 'gzip');
  headers.set('Content-Length', String((packed ?? body).length));
  return packed ?? body;
}
