import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runServerExpectingExit, startServer, tempDir } from './server';

// How the real server process behaves at start-up, when the database is down, and at shutdown.

describe('start-up and shutdown of the server process', () => {
  it('refuses a malformed DATABASE_URL with one clear line and a non-zero exit', async () => {
    const { code, output } = await runServerExpectingExit({ DATABASE_URL: 'mysql://localhost/db' });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain('DATABASE_URL');
  });

  it('refuses a PGLITE_DIR it cannot write with one clear line', async () => {
    const file = path.join(tempDir('jinmane-file-'), 'not-a-folder');
    fs.writeFileSync(file, '');
    const { code, output } = await runServerExpectingExit({ PGLITE_DIR: path.join(file, 'pglite') });
    expect(code).toBe(1);
    expect(output.trim().split('\n')).toHaveLength(1);
    expect(output).toContain('PGLITE_DIR');
  });

  it('refuses a second process on the same PGlite folder, and closes cleanly on SIGTERM', async () => {
    const dir = path.join(tempDir('jinmane-lock-'), 'pglite');
    const first = await startServer({ PGLITE_DIR: dir });
    try {
      expect((await fetch(`${first.url}/healthz`)).status).toBe(200);
      const second = await runServerExpectingExit({ PGLITE_DIR: dir });
      expect(second.code).toBe(1);
      expect(second.output).toContain('in use by another process');
    } finally {
      expect(await first.stop()).toBe(0);
    }
    expect(first.output()).toContain('stopped cleanly');
    // The folder opens again after a clean stop.
    const again = await startServer({ PGLITE_DIR: dir });
    expect((await fetch(`${again.url}/healthz`)).status).toBe(200);
    expect(await again.stop()).toBe(0);
  });

  it('answers 503 in Japanese, quickly, when the Postgres server does not answer', async () => {
    const server = await startServer({ DATABASE_URL: 'postgres://postgres@127.0.0.1:1/nothing', MIGRATE_ON_START: 'false' });
    try {
      const started = Date.now();
      const health = await fetch(`${server.url}/healthz`);
      expect(health.status).toBe(503);
      // A page that must read the database: the sign-in page checking a session cookie.
      const sessionId = Buffer.from(JSON.stringify('a'.repeat(43))).toString('base64');
      const page = await fetch(`${server.url}/login`, { headers: { Cookie: `__Host-jinmane_session=${encodeURIComponent(sessionId)}` } });
      expect(page.status).toBe(503);
      expect(await page.text()).toContain('データベースに接続できません');
      expect(Date.now() - started).toBeLessThan(5_000);
      expect(server.process.exitCode).toBeNull(); // still running: no crash
    } finally {
      await server.stop();
    }
  });
});
