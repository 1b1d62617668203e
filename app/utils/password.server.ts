import crypto from 'node:crypto';
import os from 'node:os';
import { promisify } from 'node:util';
import { getEnv } from './env.server';
import { serviceBusy } from './http.server';

const scrypt = promisify(crypto.scrypt) as (
  password: crypto.BinaryLike,
  salt: crypto.BinaryLike,
  keylen: number,
  options: crypto.ScryptOptions,
) => Promise<Buffer>;

// OWASP's scrypt parameters: N=2^17, r=8, p=1 (128 MiB). The cost is a setting (PASSWORD_COST, never
// below 17 in production) so that tests can make accounts quickly. scrypt needs 128·N·r bytes, and
// Node refuses to go above maxmem: give it twice that.
const params = { r: 8, p: 1 };
const maxmem = (N: number) => 2 * 128 * N * params.r;
const keyLength = 32;

// scrypt at N=2^17 runs on libuv's small thread pool (4 threads), which also reads files and compresses
// answers: eight anonymous sign-ins at once filled it and /healthz took 12–20 s. So hashes take turns
// here, in JavaScript: one core is left to the server's own thread (which also runs PGlite), so on this
// 2-core machine one hash at a time (two let /healthz take 1.5 s under a flood); a few more wait; beyond
// that the request is answered 503 at once (serviceBusy) rather than queued behind a flood.
export const hashLimits = { running: Math.max(1, os.availableParallelism() - 1), waiting: 16 };
const turns = { running: 0, waiting: [] as (() => void)[] };

/** Runs `work` when a hashing turn is free; throws 503 when too many are waiting already. */
export async function inHashingTurn<T>(work: () => Promise<T>): Promise<T> {
  if (turns.running < hashLimits.running) turns.running++;
  else if (turns.waiting.length >= hashLimits.waiting) serviceBusy();
  // The turn is handed over by the one that ends (it stays counted as running).
  else await new Promise<void>((resolve) => turns.waiting.push(resolve));
  try {
    return await work();
  } finally {
    const next = turns.waiting.shift();
    if (next) next();
    else turns.running--;
  }
}

/** `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string, cost = getEnv().PASSWORD_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const N = 2 ** cost;
  const hash = await inHashingTurn(() => scrypt(password.normalize('NFC'), salt, keyLength, { ...params, N, maxmem: maxmem(N) }));
  return ['scrypt', N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await inHashingTurn(() =>
    scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
      N: Number(n),
      r: Number(r),
      p: Number(p),
      maxmem: 2 * 128 * Number(n) * Number(r),
    }),
  );
  return crypto.timingSafeEqual(actual, expected);
}
