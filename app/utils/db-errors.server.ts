// Errors that mean "the database did not answer", as opposed to a bad query or bad data.
// They become a 503 page instead of a 500, and the app recovers when the database is back.

const connectionCodes = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'CONNECT_TIMEOUT',
  'CONNECTION_CLOSED',
  'CONNECTION_ENDED',
  'CONNECTION_DESTROYED',
  '57P01',
  '57P02',
  '57P03', // admin_shutdown, crash_shutdown, cannot_connect_now
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

/**
 * The page served instead of the app while the database is down: static, self-contained, no
 * scripts (nothing to hydrate against data that could not load).
 */
export function databaseUnavailableResponse(headers: Headers): Response {
  headers.set('Content-Type', 'text/html; charset=utf-8');
  headers.set('Retry-After', '30');
  headers.set('Cache-Control', 'no-store');
  const html = `<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>ただいまご利用いただけません | 人マネ トラッカー</title>
<style>body{font-family:sans-serif;line-height:1.7;color:#333;max-width:40rem;margin:3rem auto;padding:0 1rem}</style>
</head><body><main>
<p>エラー 503</p>
<h1>ただいまご利用いただけません</h1>
<p>データベースに接続できません。しばらく待ってから、ページを再読み込みしてください。</p>
<p>送信前の入力内容は、このブラウザに保存されています。</p>
</main></body></html>`;
  return new Response(html, { status: 503, headers });
}
