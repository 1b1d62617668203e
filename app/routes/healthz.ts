import { databaseAnswers } from '~/models/health.server';

// Answers within ~2 s: 200 when the database answers a query, 503 when it doesn't.
export async function loader() {
  const ok = await databaseAnswers(2_000);
  return new Response(ok ? 'ok' : 'database unavailable', {
    status: ok ? 200 : 503,
    headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' },
  });
}
