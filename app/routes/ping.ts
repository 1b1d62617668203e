// The benchmark's baseline: answers without touching the database or the session, so its
// throughput is what this machine can serve at all (see docs/benchmarks.md).
export function loader() {
  return new Response('ok', { headers: { 'Content-Type': 'text/plain; charset=utf-8', 'Cache-Control': 'no-store' } });
}
