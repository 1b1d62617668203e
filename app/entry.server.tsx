import { Writable } from 'node:stream';
import type { AppLoadContext, EntryContext, HandleErrorFunction } from '@remix-run/node';
import { RemixServer } from '@remix-run/react';
import { renderToPipeableStream } from 'react-dom/server';
import { databaseUnavailableResponse, isDatabaseUnavailable } from './utils/db-errors.server';
import { NonceProvider } from './utils/nonce';

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
  // The whole page is rendered, then sent in one piece: streamed, React's 2 KB chunks each went through
  // zlib and the socket on their own, which cost more than the rendering (docs/decisions/0027). Pages
  // defer nothing, so waiting for all of it delays nothing a reader could see earlier.
  return new Promise<Response>((resolve, reject) => {
    let shellRendered = false;
    const chunks: Buffer[] = [];
    const sink = new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    });
    sink.on('finish', () => {
      clearTimeout(timer);
      const html = Buffer.concat(chunks);
      responseHeaders.set('Content-Type', 'text/html; charset=utf-8');
      // Known before the first byte goes out (compression replaces it with the compressed body's).
      responseHeaders.set('Content-Length', String(html.length));
      resolve(new Response(html, { headers: responseHeaders, status: responseStatusCode }));
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

export function handleDataRequest(response: Response, { context }: { context: AppLoadContext }) {
  if (context.databaseUnavailable) return new Response('データベースに接続できません', { status: 503, headers: { 'Retry-After': '30' } });
  return response;
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
