// Several server processes on one port (node:cluster), for PostgreSQL: the primary checks the settings and
// migrates (server.mjs), then starts one worker per core, says the address once all of them listen,
// replaces a worker that dies, and drains them all on SIGTERM/SIGINT. Why: docs/decisions/0024.
import cluster from 'node:cluster';
import crypto from 'node:crypto';
import os from 'node:os';

// A stop that takes longer is forced (exit code 1). A worker gives up a little earlier than its primary, so
// the primary hears why.
const stopDeadlineMs = 10_000;
const workerStopDeadlineMs = 9_000;
// A worker that dies is started again after 1 s, then 2, 4 … 30 s while it keeps dying within a minute.
const respawn = { firstMs: 1_000, maxMs: 30_000, settledMs: 60_000 };

/**
 * How many processes serve: WEB_CONCURRENCY, else one per core in production and one otherwise. PGlite
 * allows one process on its folder, so there it is always one, with a line that says why.
 */
export function planProcesses(env, dbKind) {
  const wanted = env.WEB_CONCURRENCY ?? (env.NODE_ENV === 'production' ? os.availableParallelism() : 1);
  if (dbKind !== 'pglite') return { processes: wanted, note: null };
  if (env.WEB_CONCURRENCY > 1) {
    return {
      processes: 1,
      note: `PGlite は1つのプロセスでしか開けないため、WEB_CONCURRENCY=${env.WEB_CONCURRENCY} でも1プロセスで動きます (PGlite allows one process on its folder: running 1, not ${env.WEB_CONCURRENCY})`,
    };
  }
  const note =
    env.NODE_ENV === 'production'
      ? 'PGlite は1つのプロセスでしか開けないため、1プロセスで動きます。コアごとにプロセスを動かすには PostgreSQL を使います (PGlite allows one process on its folder: running one; use PostgreSQL for one per core)'
      : null;
  return { processes: 1, note };
}

/** A start-up error: one line and exit code 1. A worker hands its line to the primary, which says it once. */
export function failStartup(line) {
  if (cluster.isWorker) process.send({ type: 'startup-error', line }, () => process.exit(1));
  else {
    console.error(line);
    process.exit(1);
  }
  return new Promise(() => {}); // nothing after this runs: the exit is on its way
}

/**
 * In a worker or a single process: on SIGTERM/SIGINT stop accepting, let the requests in flight finish,
 * close the database, exit 0; past the deadline, exit 1. `quiet`: a worker leaves the words to its primary.
 */
export function drainOnSignals(server, db, { quiet }) {
  let closing = false;
  const stop = async (signal) => {
    if (closing) return;
    closing = true;
    const deadlineMs = cluster.isWorker ? workerStopDeadlineMs : stopDeadlineMs;
    setTimeout(() => {
      console.error(`${signal}: ${deadlineMs / 1000}秒以内に処理中のリクエストが終わらなかったため終了します (requests still running at the deadline)`);
      process.exit(1);
    }, deadlineMs).unref();
    // Keep-alive connections are closed as soon as they are idle; the database stays open until the last
    // request in flight has been answered.
    const idle = setInterval(() => server.closeIdleConnections(), 100);
    await new Promise((resolve) => server.close(resolve));
    clearInterval(idle);
    await db.close();
    if (!quiet) console.log(`${signal}: stopped cleanly`);
    process.exit(0);
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));
}

/**
 * The primary: starts `processes` workers (WORKER_INDEX "0".."n-1", one COOKIE_SECRET for all), calls
 * `announce(port, pids)` once every one listens, replaces one that dies, and on SIGTERM/SIGINT passes the
 * signal on and exits 0 once all have stopped cleanly (1 if one did not, or past the deadline).
 */
export function runPrimary({ processes, cookieSecret, announce }) {
  const secret = cookieSecret ?? crypto.randomBytes(32).toString('base64url');
  const slots = Array.from({ length: processes }, (_, index) => ({ index, worker: null, listening: false, startedAt: 0, failures: 0, timer: null }));
  const slotOf = (worker) => slots.find((slot) => slot.worker === worker);
  let ready = false;
  let stopping = null;
  let startupError = null;

  const start = (slot) => {
    slot.timer = null;
    slot.startedAt = Date.now();
    slot.listening = false;
    slot.worker = cluster.fork({ WORKER_INDEX: String(slot.index), COOKIE_SECRET: secret });
  };

  cluster.on('message', (worker, message) => {
    if (message?.type !== 'startup-error') return;
    if (ready) console.error(`ワーカー ${slotOf(worker)?.index} が起動できません (worker cannot start): ${message.line}`);
    else startupError ??= message.line;
  });

  cluster.on('listening', (worker, address) => {
    const slot = slotOf(worker);
    if (!slot) return;
    slot.listening = true;
    if (ready) {
      console.log(`ワーカー ${slot.index} を起動し直しました (worker ${slot.index} restarted, pid ${worker.process.pid})`);
    } else if (slots.every((s) => s.listening)) {
      ready = true;
      announce(
        address.port,
        slots.map((s) => s.worker.process.pid),
      );
    }
  });

  cluster.on('exit', (worker, code, signal) => {
    const slot = slotOf(worker);
    if (!slot) return;
    const served = slot.listening;
    slot.worker = null;
    slot.listening = false;
    const how = signal ?? `code ${code}`;
    if (stopping) {
      // One still starting had nothing in flight: the signal ending it before its handlers were set is fine.
      if (code !== 0 && served) stopping.failed = true;
      if (slots.every((s) => !s.worker)) finishStop();
      return;
    }
    if (!ready) {
      // Start-up failed: the same error would repeat in every worker, so say it once and stop them all.
      console.error(startupError ?? `起動できません (cannot start): ワーカー ${slot.index} が終了しました (${how})`);
      for (const s of slots) s.worker?.process.kill('SIGKILL');
      process.exit(1);
    }
    const settled = Date.now() - slot.startedAt >= respawn.settledMs;
    slot.failures = settled ? 1 : slot.failures + 1;
    const delayMs = Math.min(respawn.maxMs, respawn.firstMs * 2 ** (slot.failures - 1));
    console.error(
      `ワーカー ${slot.index} (pid ${worker.process.pid}) が止まりました (${how})。${delayMs / 1000}秒後に起動し直します (worker died; restarting in ${delayMs / 1000} s)`,
    );
    slot.timer = setTimeout(() => start(slot), delayMs);
  });

  const finishStop = () => {
    if (stopping.failed) {
      console.error(`${stopping.signal}: 止まりきらないワーカーがありました (a worker did not stop cleanly)`);
      process.exit(1);
    }
    console.log(`${stopping.signal}: stopped cleanly (${processes}プロセス)`);
    process.exit(0);
  };

  const stop = (signal) => {
    if (stopping) return;
    stopping = { signal, failed: false };
    for (const slot of slots) {
      clearTimeout(slot.timer);
      slot.worker?.process.kill(signal);
    }
    setTimeout(() => {
      console.error(`${signal}: ${stopDeadlineMs / 1000}秒以内に止まらなかったワーカーを強制終了します (workers killed at the deadline)`);
      for (const slot of slots) slot.worker?.process.kill('SIGKILL');
      process.exit(1);
    }, stopDeadlineMs).unref();
    if (slots.every((s) => !s.worker)) finishStop();
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  for (const slot of slots) start(slot);
}
