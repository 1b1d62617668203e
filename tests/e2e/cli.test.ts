import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempDir } from './server';

// The first organizer comes from the command line, as an invitation link that works.

function createAdmin(args: string[], env: Record<string, string>) {
  const result = spawnSync('npx', ['tsx', 'scripts/create-admin.ts', ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout.trim(), err: result.stderr.replace(/^npm warn.*\n?/gm, '').trim() };
}

describe('npm run user:create-admin', () => {
  it('prints a single-use invitation link that creates an organizer account', async () => {
    const dir = path.join(tempDir('jinmane-admin-'), 'pglite');
    const created = createAdmin(['first@example.jp', '事務局', '一郎'], { PGLITE_DIR: dir });
    expect(created.code).toBe(0);
    const link = /http:\/\/localhost:\d+(\/invite\/[A-Za-z0-9_-]{43})/.exec(created.out);
    expect(link).not.toBeNull();

    const server = await startServer({ PGLITE_DIR: dir });
    try {
      const form = await fetch(server.url + link![1]);
      expect(await form.text()).toContain('first@example.jp');
      const accepted = await fetch(server.url + link![1], {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ newPassword: 'はじめての管理者パスワード', confirmPassword: 'はじめての管理者パスワード' }),
      });
      expect(accepted.status).toBe(302);
      const cookie = accepted.headers.get('set-cookie')!.split(';')[0]!;
      const admin = await fetch(`${server.url}/admin/accounts`, { headers: { Cookie: cookie } });
      expect(admin.status).toBe(200);
      expect(await admin.text()).toContain('first@example.jp');
    } finally {
      await server.stop();
    }
  });

  it('refuses a malformed email with one line and exit code 1', () => {
    const result = createAdmin(['not-an-email'], { PGLITE_DIR: path.join(tempDir('jinmane-admin-'), 'pglite') });
    expect(result.code).toBe(1);
    expect(result.err.split('\n')).toHaveLength(1);
    expect(result.err).toContain('user:create-admin');
  });
});
