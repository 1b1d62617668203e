import { refusalText } from '~/domain/refusals';
// Small helpers so that a bad URL parameter is a 404, never a 500 from a failed invariant.

// Refusals: notFound and badRequest here; a signed-in person refused for their rights goes through
// permissions.server.ts (deny: 403/404, audited). Routes do not build refusal Responses themselves.

/**
 * A refusal as a Response: the error page shows it in Japanese; where no page is drawn (a CSV link), its body
 * says the same words (app/domain/refusals.ts).
 */
export function refusal(status: 400 | 403 | 404 | 409, message = refusalText(status)): Response {
  return new Response(message, { status, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
}

export function notFound(message?: string): never {
  throw refusal(404, message);
}

/** A request no form of ours sends (tampered or out of date): 400, with nothing changed. */
export function badRequest(message?: string): never {
  throw refusal(400, message);
}

/** The server is too busy for this now (a flood of sign-ins): 503 with when to try again, never a 500. */
export function serviceBusy(message = 'ただいま混み合っています。少し待ってから、もう一度お試しください。', retryAfterSeconds = 5): never {
  throw new Response(message, {
    status: 503,
    statusText: 'Service Unavailable',
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Retry-After': String(retryAfterSeconds) },
  });
}

/** An id posted in a hidden field, or 0 (matches no row) when it is not a positive integer that fits PostgreSQL's integer. */
export function formIdOrZero(value: FormDataEntryValue | null): number {
  const text = typeof value === 'string' ? value : '';
  return /^[1-9]\d{0,9}$/.test(text) && Number(text) <= 2_147_483_647 ? Number(text) : 0;
}

/** Parses a positive integer id from a URL parameter, or answers 404. */
export function requireIdParam(value: string | undefined): number {
  if (!value || !/^[1-9]\d{0,9}$/.test(value)) notFound();
  const id = Number(value);
  if (id > 2_147_483_647) notFound();
  return id;
}
