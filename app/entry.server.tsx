import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { databaseUnavailableResponse, isDatabaseUnavailable } from './utils/db-errors.server';
import { NonceProvider } from './utils/nonce';
import { packedBody, wholeResponse } from './utils/packed-answer.server';

export { boot } from './utils/boot.server';
export { startBackupSchedule } from './models/backups.server';

export const streamTimeout = 5_000;

export default function handleRequest(
  request: Request,
  responseStatusCode: number,
  responseHeaders: Headers,
  remixContext: EntryContext,
  loadContext: AppLoadContext,
) {
  // A database that does not answer is a temporary outage (503), not a bug (500). Production
  // Remix hides the original error from this function, so handleError flags the context.
  if (loadContext.databaseUnavailable) return databaseUnavailableResponse(responseHeaders);
  const nonce = loadContext.cspNonce;
  // The whole page is rendered, then compressed and sent in one piece: streamed, React's 2 KB chunks each went
  // through zlib and the socket on their own, which cost more than the rendering (docs/decisions/0027). Pages
  // defer nothing, so waiting for all of it delays nothing a reader could see earlier.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
      // Not closed after it finishes: React takes a close for a reader gone early and ends the sink a second
      // time, which made an error object, stack and all, for every page (1 % of /login's CPU).
      autoDestroy: false,
    });
    sink.on('finish', () => {
      clearTimeout(timer);
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      // Its length is known before the first byte goes out.
      const body = packedBody(request, Buffer.concat(chunks), responseHeaders);
      resolve(wholeResponse(body, { headers: responseHeaders, status: responseStatusCode }));
    });
    const { pipe, abort } = renderToPipeableStream(
      <NonceProvider value={nonce}>
        <RemixServer context={remixContext} url={request.url} abortDelay={streamTimeout} nonce={nonce} />
      </NonceProvider>,
      {
        nonce,
        onShellReady() {
          shellRendered = true;
        },
        onAllReady() {
          pipe(sink);
        },
        onShellError: reject,
        onError(error: unknown) {
          responseStatusCode = 500;
          if (shellRendered) console.error(error);
        },
      },
    );
    const timer = setTimeout(abort, streamTimeout + 1_000);
  });
}

export async function handleDataRequest(response: Response, { context, request }: { context: AppLoadContext; request: Request }) {
  if (context.databaseUnavailable) return new Response('データベースに接続できません', { status: 503, headers: { 'Retry-After': '30' } });
  // Data answers too are whole before they go (loaders defer nothing), and compressed in one call like pages.
  if (!response.body || response.headers.has('Content-Encoding')) return response;
  let whole: Buffer<ArrayBuffer>;
  try {
    whole = Buffer.from(await response.arrayBuffer());
  } catch (error) {
    // Streamed, a failing answer was cut off; read whole, it is a 500 the server logs, not Express's error page.
    console.error(error);
    return new Response('サーバーで問題が起きました。しばらくしてからもう一度お試しください。', {
      status: 500,
      headers: { 'Content-Type': 'text/plain; charset=utf-8' },
    });
  }
  const headers = new Headers(response.headers);
  const body = packedBody(request, whole, headers);
  return wholeResponse(body, { status: response.status, statusText: response.statusText, headers });
}

export const handleError: HandleErrorFunction = (error, { request, context }) => {
  if (request.signal.aborted) return;
  if (isDatabaseUnavailable(error)) {
    context.databaseUnavailable = true;
    console.error(`database unavailable: ${request.method} ${new URL(request.url).pathname}`);
    return;
  }
  console.error(error);
};
