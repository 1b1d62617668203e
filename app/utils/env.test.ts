import { describe, expect, it } from 'vitest';
import { readEnv } from './env.server';

// The settings of several processes and instances (docs/decisions/0024): defaults, and a bad value stops
// start-up with one line that names the setting, in Japanese and English.

describe('the settings of workers and instances', () => {
  it('default to a pool of 10, workers by cores (unset here), no WORKER_INDEX and a secret made at start', () => {
    const env = readEnv({ NODE_ENV: 'production' });
    expect(env.DATABASE_POOL_SIZE).toBe(10);
    expect(env.WEB_CONCURRENCY).toBeUndefined();
    expect(env.WORKER_INDEX).toBeUndefined();
    expect(env.COOKIE_SECRET).toBeUndefined();
  });

  it('read what the primary hands a worker', () => {
    const env = readEnv({ NODE_ENV: 'production', WEB_CONCURRENCY: '4', WORKER_INDEX: '3', COOKIE_SECRET: 'x'.repeat(43), DATABASE_POOL_SIZE: '5' });
    expect([env.WEB_CONCURRENCY, env.WORKER_INDEX, env.COOKIE_SECRET?.length, env.DATABASE_POOL_SIZE]).toEqual([4, 3, 43, 5]);
  });

  it.each([
    ['WEB_CONCURRENCY', '0', /^WEB_CONCURRENCY: WEB_CONCURRENCY は 1〜64 の整数で指定してください/],
    ['WEB_CONCURRENCY', 'two', /^WEB_CONCURRENCY: WEB_CONCURRENCY は 1〜64 の整数/],
    ['WEB_CONCURRENCY', '1.5', /^WEB_CONCURRENCY: .*must be a whole number from 1 to 64/],
    ['DATABASE_POOL_SIZE', '1', /^DATABASE_POOL_SIZE: DATABASE_POOL_SIZE は 2〜100 の整数/],
    ['DATABASE_POOL_SIZE', '1000', /^DATABASE_POOL_SIZE: .*from 2 to 100/],
    ['COOKIE_SECRET', 'short', /^COOKIE_SECRET: COOKIE_SECRET は32文字以上にしてください/],
  ])('refuses %s=%s with one line', (name, value, message) => {
    expect(() => readEnv({ NODE_ENV: 'production', [name]: value })).toThrow(message);
  });
});
