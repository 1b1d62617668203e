import { describe, expect, it } from 'vitest';
import { later } from '../../tests/helpers';
import { hashLimits, inHashingTurn } from './password.server';
import { recordSignInFailure, signInWait, throttle } from './sign-in-throttle.server';

// A flood of sign-ins (issue 15 #10): hashing takes turns in JavaScript, so the thread pool stays free
// for everything else, and an address that keeps failing waits a minute before it is hashed again.

describe('hashing turns', () => {
  it('runs at most one hash per spare core at once, lets a few wait, and answers 503 beyond that', async () => {
    let running = 0;
    let most = 0;
    const releases: (() => void)[] = [];
    const work = () =>
      new Promise<void>((resolve) => {
        running++;
        most = Math.max(most, running);
        releases.push(() => {
          running--;
          resolve();
        });
      });
    const started = Array.from({ length: hashLimits.running + hashLimits.waiting }, () => inHashingTurn(work));
    await new Promise((resolve) => setImmediate(resolve));
    expect(running).toBe(hashLimits.running);
    // One more than may wait: refused at once with 503 and Retry-After, not queued.
    const refused = await inHashingTurn(work).catch((thrown: unknown) => thrown);
    expect(refused).toBeInstanceOf(Response);
    expect((refused as Response).status).toBe(503);
    expect((refused as Response).headers.get('Retry-After')).toBe('5');
    // As each ends, the next one waiting starts: all run, never more than two at once.
    while (releases.length) {
      releases.shift()!();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(started);
    expect(most).toBe(hashLimits.running);
    expect(running).toBe(0);
  });
});

describe('sign-in from one address that keeps failing', () => {
  it('waits after thirty failures in a minute, other addresses untouched, and not for long', async () => {
    const flood = '198.51.100.77';
    for (let i = 0; i < throttle.failures - 1; i++) recordSignInFailure(flood);
    expect(signInWait(flood)).toBe(0);
    recordSignInFailure(flood);
    const wait = signInWait(flood);
    expect(wait).toBeGreaterThan(0);
    expect(wait).toBeLessThanOrEqual(60);
    expect(signInWait('198.51.100.78')).toBe(0);
    expect(signInWait(null)).toBe(0);
    expect(await later(throttle.windowMs + 1_000, async () => signInWait(flood))).toBe(0);
  });
});
