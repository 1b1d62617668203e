// Errors that mean "the database did not answer", as opposed to a bad query or bad data.
// They become a 503 page instead of a 500, and the app recovers when the database is back.

const connectionCodes = new Set([
  'ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN',
  'CONNECT_TIMEOUT', 'CONNECTION_CLOSED', 'CONNECTION_ENDED', 'CONNECTION_DESTROYED',
  '57P01', '57P02', '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
]);

export function isDatabaseUnavailable(error: unknown): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; depth++) {
    if (typeof e !== 'object') return false;
    const code = (e as { code?: unknown }).code;
    if (typeof code === 'string' && (connectionCodes.has(code) || code.startsWith('08'))) return true;
    if (e instanceof Error && /PGlite is closed/.test(e.message)) return true;
    e = (e as { cause?: unknown }).cause;
  }
  return false;
}
