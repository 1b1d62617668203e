import { describe, expect, it } from 'vitest';
import { readEnv } from './env.server';
import { hashPassword, verifyPassword } from './password.server';

// The scrypt cost is a setting so tests can make accounts quickly; production never goes below 2^17.
// Hashing at 2^17 and 2^18 is seconds of CPU by design: these tests check the cost, not the speed, so
// they may take as long as a busy machine needs.
const slowHash = { timeout: 60_000 };

describe('the password cost', () => {
  it('is 2^17 in production unless raised, and a lower cost stops start-up with one line', () => {
    expect(readEnv({ NODE_ENV: 'production' }).PASSWORD_COST).toBe(17);
    expect(readEnv({ NODE_ENV: 'production', PASSWORD_COST: '18' }).PASSWORD_COST).toBe(18);
    expect(() => readEnv({ NODE_ENV: 'production', PASSWORD_COST: '10' })).toThrow(/PASSWORD_COST.*17/);
    expect(readEnv({ NODE_ENV: 'test', PASSWORD_COST: '10' }).PASSWORD_COST).toBe(10);
  });

  it('hashes at production cost and verifies the hash, whatever cost the tests run at', slowHash, async () => {
    const hash = await hashPassword('市民と対話する2026', 17);
    expect(hash.split('$').slice(0, 4)).toEqual(['scrypt', String(2 ** 17), '8', '1']);
    expect(await verifyPassword('市民と対話する2026', hash)).toBe(true);
    expect(await verifyPassword('市民と対話する2025', hash)).toBe(false);
  });

  it('hashes at the highest cost the setting allows', slowHash, async () => {
    const hash = await hashPassword('市民と対話する2026', 18);
    expect(await verifyPassword('市民と対話する2026', hash)).toBe(true);
    expect(() => readEnv({ NODE_ENV: 'production', PASSWORD_COST: '19' })).toThrow(/PASSWORD_COST/);
  });

  it('keeps the cost of a stored hash when verifying it', async () => {
    const cheap = await hashPassword('jinmane-demo-2026', 10);
    expect(cheap.split('$')[1]).toBe(String(2 ** 10));
    expect(await verifyPassword('jinmane-demo-2026', cheap)).toBe(true);
  });
});
