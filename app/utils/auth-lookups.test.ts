import { describe, expect, it } from 'vitest';
import { getSignedIn } from './auth.server';

// The root loader and the page's loader share one session lookup per request (getSignedIn, keyed by the
// request's id and kept 10 s). Its sweep of old lookups went through every one kept on every request once
// there were 1,000: at a few hundred pages a second, thousands a request.

let next = 0;
const requests = (count: number) =>
  Array.from(
    { length: count },
    () => new Request('http://localhost/login', { headers: { 'x-jinmane-request-id': `00000000-0000-4000-8000-${String(next++).padStart(12, '0')}` } }),
  );

/** ms for the lookups of these requests, started one after another (what a request waits before its query). */
function timeLookups(batch: Request[]) {
  const started = performance.now();
  for (const r of batch) void getSignedIn(r);
  return performance.now() - started;
}

describe('the per-request session lookup', () => {
  it('costs no more with thousands of recent requests kept than with a few', async () => {
    const batches = Array.from({ length: 5 }, () => requests(500));
    const kept = requests(10_000);
    timeLookups(batches[0]!); // warm up
    const few = Math.min(timeLookups(batches[1]!), timeLookups(batches[2]!));
    for (const r of kept) void getSignedIn(r);
    const many = Math.min(timeLookups(batches[3]!), timeLookups(batches[4]!));
    // Going through the ~11,000 kept lookups at each one made it tens of times slower.
    expect(many, `${few.toFixed(1)} ms with a few kept, ${many.toFixed(1)} ms with thousands`).toBeLessThan(few * 3 + 5);
    await Promise.allSettled([...batches.flat(), ...kept].map((r) => getSignedIn(r)));
  });
});
