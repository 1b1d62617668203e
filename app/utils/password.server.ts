import crypto from 'node:crypto';
import { promisify } from 'node:util';
import { getEnv } from './env.server';

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

/** `scrypt$N$r$p$salt$hash`, so the parameters can be raised later without breaking old hashes. */
export async function hashPassword(password: string, cost = getEnv().PASSWORD_COST): Promise<string> {
  const salt = crypto.randomBytes(16);
  const N = 2 ** cost;
  const hash = await scrypt(password.normalize('NFC'), salt, keyLength, { ...params, N, maxmem: maxmem(N) });
  return ['scrypt', N, params.r, params.p, salt.toString('base64'), hash.toString('base64')].join('$');
}

export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [scheme, n, r, p, salt, hash] = stored.split('$');
  if (scheme !== 'scrypt' || !n || !r || !p || !salt || !hash) return false;
  const expected = Buffer.from(hash, 'base64');
  const actual = await scrypt(password.normalize('NFC'), Buffer.from(salt, 'base64'), expected.length, {
    N: Number(n),
    r: Number(r),
    p: Number(p),
    maxmem: 2 * 128 * Number(n) * Number(r),
  });
  return crypto.timingSafeEqual(actual, expected);
}
