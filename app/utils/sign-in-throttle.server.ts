import { now } from './clock';

// Anonymous sign-in attempts per address, in this process: a slow-down for floods (random emails from
// one address), never a lock-out by address alone. Only failures count: a city hall of 200 staff behind
// one address signs in without failing thirty times a minute; a flood fails every time. Over the limit,
// sign-in from that address waits until the minute has passed (429, Retry-After), before any hashing.

export const throttle = { windowMs: 60_000, failures: 30 };
const failures = new Map<string, number[]>();

function recent(ip: string, at: number) {
  const times = (failures.get(ip) ?? []).filter((t) => at - t < throttle.windowMs);
  if (times.length) failures.set(ip, times);
  else failures.delete(ip);
  return times;
}

/** Seconds to wait before this address may try again, or 0. */
export function signInWait(ip: string | null): number {
  if (!ip) return 0;
  const at = now().getTime();
  const times = recent(ip, at);
  if (times.length < throttle.failures) return 0;
  return Math.max(1, Math.ceil((times[times.length - throttle.failures]! + throttle.windowMs - at) / 1000));
}

export function recordSignInFailure(ip: string | null) {
  if (!ip) return;
  const at = now().getTime();
  failures.set(ip, [...recent(ip, at), at]);
  // Addresses that stopped failing are forgotten as they are met; bound the map against a spread flood.
  if (failures.size > 10_000) for (const key of [...failures.keys()].slice(0, 1_000)) failures.delete(key);
}
