// The production (and dev) HTTP server: security headers, static files, then Remix.
// Start-up errors are one clear line and a non-zero exit; SIGTERM/SIGINT close the database cleanly.
// On PostgreSQL this process migrates, then serves through one worker per core (server-cluster.mjs).
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import fs from 'node:fs';
import { createRequestHandler } from '@remix-run/express';
import { broadcastDevReady } from '@remix-run/node';
import compression from 'compression';
import express from 'express';
import helmet from 'helmet';
import onHeaders from 'on-headers';
import { drainOnSignals, failStartup, planProcesses, runPrimary } from './server-cluster.mjs';

const build = await import('./build/index.js');
const production = process.env.NODE_ENV === 'production';

let booted;
try {
  booted = await build.entry.module.boot({ migrate: cluster.isPrimary });
} catch (error) {
  await failStartup(`起動できません (cannot start): ${error instanceof Error ? error.message : String(error)}`);
}
const { env, db } = booted;
const plan = cluster.isPrimary ? planProcesses(env, db.kind) : { processes: 1, note: null };
// Scheduled backups (docs/decisions/0025) run in one process that serves: this one when it serves alone,
// else worker 0 (a primary that only watches its workers makes none).
if (!cluster.isPrimary || plan.processes === 1) build.entry.module.startBackupSchedule(env, db);

// The largest request body accepted: any form, and a CSV import (its file, 2 MB, and the form around it).
const bodyLimits = { form: 1_000_000, import: 3_000_000 };

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
  // A NUL in the address reaches no page: PostgreSQL refuses it in text, so a search for it was a 500.
  if (/%00/i.test(req.originalUrl)) {
    res.status(400).type('text/plain; charset=utf-8').send('アドレスに使えない文字が含まれています (the address holds a NUL character)');
    return;
  }
  if (isCrossSite(req)) {
    res.status(403).type('text/plain; charset=utf-8').send('別のサイトからの送信は受け付けません (cross-site request refused)');
    return;
  }
  // A body larger than any form of the app is refused before it is read (docs/decisions/0016): a 10 MB
  // form was read whole and echoed back, a 100 MB one was a 500. CSV imports may send more.
  if (isWrite(req)) {
    const length = Number(req.get('content-length'));
    if (!req.get('content-length') || !Number.isFinite(length)) {
      res.status(411).type('text/plain; charset=utf-8').send('送信の大きさがわかりません (Content-Length required)');
      return;
    }
    const limit = /\/import$/.test(req.path) ? bodyLimits.import : bodyLimits.form;
    if (length > limit) {
      res
        .status(413)
        .type('text/plain; charset=utf-8')
        .send(`送信できる大きさ（${limit / 1_000_000}MB）を超えています。内容を分けて保存してください (request body too large)`);
      return;
    }
  }
  // Every form of the app posts as a form; anything else would fail in request.formData().
  if (isWrite(req) && !req.is(['application/x-www-form-urlencoded', 'multipart/form-data'])) {
    res.status(400).type('text/plain; charset=utf-8').send('送信の形式が正しくありません (a form submission was expected)');
    return;
  }
  next();
});
// Built assets are compressed harder (browsers keep them). Pages and data answers are gzipped as they leave the
// app (app/utils/packed-answer.server.ts); this middleware compresses the rest (CSV, .docx, .zip, the manifest).
app.use('/build', compression({ level: 6 }), express.static('public/build', { immutable: true, maxAge: '1y' }));
app.use(compression({ level: 1 }));
// public/ holds a few files besides the build (the favicon): only their addresses are looked up on disk. Every
// page went through express.static first, a failed stat and its error object per request (~3 % of /login's CPU).
// Read at start: a file put into public/ later is served after a restart.
const publicEntries = new Set(fs.existsSync('public') ? fs.readdirSync('public').filter((name) => name !== 'build') : []);
const publicFiles = express.static('public', { maxAge: '1h' });
app.use((req, res, next) => (publicEntries.has(req.path.split('/')[1] ?? '') ? publicFiles(req, res, next) : next()));
// Pages and data answers hold notes: no browser or proxy keeps them, so the back button on a shared
// office PC shows nothing after sign-out.
// Set as the headers go out (on-headers), over whatever a route said, so every answer says it once.
app.use((_req, res, next) => {
  onHeaders(res, () => res.setHeader('Cache-Control', 'private, no-store'));
  next();
});
// Pages and data answers take turns (docs/decisions/0016): a few at once, the rest waiting a little, so
// a burst (50 organizers opening the dashboard at once) is answered in turn instead of every render
// running out of time (500); past the wait it is a 503 with Retry-After. /healthz and /ping never wait.
// Four at once: rendering takes one core however many there are, and four keep the database busy while
// one renders; with eight, 50 dashboards of ten years' data took as long and /healthz waited 650 ms (p95),
// with four 280 ms (tests/e2e/flood.test.ts).
const gate = { running: 0, waiting: [] };
const gateLimits = { running: 4, waiting: 200, waitMs: env.PAGE_WAIT_SECONDS * 1_000 };
app.use((req, res, next) => {
  if (req.path === '/healthz' || req.path === '/ping') return next();
  const admit = () => {
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      // The turn is handed to the next one waiting (it stays counted as running).
      const nextTurn = gate.waiting.shift();
      if (nextTurn) nextTurn();
      else gate.running--;
    };
    res.once('finish', release);
    res.once('close', release);
    next();
  };
  if (gate.running < gateLimits.running) {
    gate.running++;
    return admit();
  }
  const busy = () =>
    res.status(503).set('Retry-After', '5').type('text/plain; charset=utf-8').send('ただいま混み合っています。少し待ってから、もう一度お試しください。 (busy)');
  if (gate.waiting.length >= gateLimits.waiting) return busy();
  const leave = () => {
    clearTimeout(timer);
    const i = gate.waiting.indexOf(turn);
    if (i >= 0) gate.waiting.splice(i, 1);
  };
  const turn = () => {
    clearTimeout(timer);
    res.off('close', leave);
    admit();
  };
  const timer = setTimeout(() => {
    leave();
    busy();
  }, gateLimits.waitMs);
  // A browser that gave up waiting leaves the line.
  res.once('close', leave);
  gate.waiting.push(turn);
});
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
function isWrite(req) {
  return !(req.method === 'GET' || req.method === 'HEAD' || req.method === 'OPTIONS');
}

function isCrossSite(req) {
  if (!isWrite(req)) return false;
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

const where = db.kind === 'pglite' ? `PGlite (${env.PGLITE_DIR})` : 'PostgreSQL (DATABASE_URL)';
const announce = (port, pids = []) => {
  if (plan.note) console.log(plan.note);
  const processes = pids.length > 1 ? `、${pids.length}プロセス (pid ${pids.join(', ')})` : '';
  console.log(`人マネ トラッカー: http://localhost:${port}  [${where}${processes}]`);
  // Said at every start: a clock set for tests must never go unnoticed on a real installation.
  if (env.CLOCK_START) console.warn(`時計は実際の日時ではなく ${env.CLOCK_START} から進みます (CLOCK_START is set)`);
};

if (cluster.isPrimary && plan.processes > 1) {
  // The primary serves nothing itself: its workers open the database again, already migrated.
  await db.close();
  runPrimary({ processes: plan.processes, cookieSecret: env.COOKIE_SECRET, announce });
} else {
  const server = app.listen(env.PORT, env.HOST, () => {
    if (cluster.isPrimary) announce(server.address().port);
    if (build.mode === 'development') broadcastDevReady(build);
  });
  // A port already taken is a start-up error like any other (in a worker too: its primary says it).
  server.once('error', (error) => failStartup(`起動できません (cannot start): ポート ${env.PORT} で待ち受けできません [${error.code ?? error.message}]`));
  drainOnSignals(server, db, { quiet: cluster.isWorker });
}
