// The production (and dev) HTTP server: security headers, static files, then Remix.
// Start-up errors are one clear line and a non-zero exit; SIGTERM/SIGINT close the database cleanly.
import crypto from 'node:crypto';
import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';

const build = await import('./build/index.js');
const production = process.env.NODE_ENV === 'production';

let booted;
try {
  booted = await build.entry.module.boot();
} catch (error) {
  console.error(`起動できません (cannot start): ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
const { env, db } = booted;

const app = express();
app.disable('x-powered-by');
app.set('trust proxy', env.TRUST_PROXY);
app.use((_req, res, next) => {
  res.locals.cspNonce = crypto.randomBytes(16).toString('base64');
  next();
});
app.use(
  helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        'default-src': ["'self'"],
        'script-src': ["'self'", "'strict-dynamic'", (_req, res) => `'nonce-${res.locals.cspNonce}'`],
        'style-src': ["'self'", "'unsafe-inline'"],
        'img-src': ["'self'", 'data:', 'blob:'],
        'font-src': ["'self'"],
        'connect-src': production ? ["'self'"] : ["'self'", 'ws:'],
        'object-src': ["'none'"],
        'base-uri': ["'none'"],
        'form-action': ["'self'"],
        'frame-ancestors': ["'none'"],
      },
    },
    strictTransportSecurity: production && env.COOKIE_SECURE ? { maxAge: 63072000, includeSubDomains: true } : false,
    referrerPolicy: { policy: 'same-origin' },
    crossOriginEmbedderPolicy: false,
  }),
);
app.use((req, res, next) => {
  // The client's IP for audit entries and sign-in limits; whatever a client sent in this header is replaced.
  req.headers['x-jinmane-client-ip'] = req.ip ?? '';
  // Lets the root and page loaders of one request share the sign-in lookup (auth.server.ts).
  req.headers['x-jinmane-request-id'] = crypto.randomUUID();
  if (isCrossSite(req)) {
    res.status(403).type('text/plain; charset=utf-8').send('別のサイトからの送信は受け付けません (cross-site request refused)');
    return;
  }
  next();
});
app.use(compression());
app.use('/build', express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(express.static('public', { maxAge: '1h' }));
app.all(
  '*',
  createRequestHandler({
    build,
    mode: build.mode,
    getLoadContext: (_req, res) => ({ cspNonce: res.locals.cspNonce }),
  }),
);

/**
 * CSRF: besides SameSite=Lax cookies, every request that may change state must come from this
 * site. Browsers send Sec-Fetch-Site (or at least Origin) with every POST; a request with
 * neither, or from elsewhere, is refused.
 */
function isCrossSite(req) {
  if (req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS') return false;
  const site = req.get('sec-fetch-site');
  if (site) return site !== 'same-origin';
  const origin = req.get('origin');
  if (!origin) return true;
  try {
    return new URL(origin).host !== req.get('host');
  } catch {
    return true;
  }
}

const server = app.listen(env.PORT, env.HOST, () => {
  const where = db.kind === 'pglite' ? `PGlite (${env.PGLITE_DIR})` : 'PostgreSQL (DATABASE_URL)';
  console.log(`人マネ トラッカー: http://localhost:${env.PORT}  [${where}]`);
  if (build.mode === 'development') broadcastDevReady(build);
});

let closing = false;
async function shutdown(signal) {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(1), 10_000).unref();
  server.close();
  setTimeout(() => server.closeAllConnections(), 2_000).unref();
  await db.close();
  clearTimeout(force);
  console.log(`${signal}: stopped cleanly`);
  process.exit(0);
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
