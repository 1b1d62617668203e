import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { startServer, tempDir } from './server';

// The commands of issue 20 end to end: back up a demo folder, restore it into a fresh one, and the app
// started on the restored folder signs in and serves the team page; refusals leave the target as it was.

function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync('npx', ['tsx', script, ...args], { env: { ...process.env, ...env }, encoding: 'utf8' });
  return { code: result.status, out: result.stdout, err: result.stderr.replace(/^npm warn.*\n?/gm, '') };
}

describe('npm run backup / npm run restore', () => {
  it('restores a folder the app then serves, and refuses what it must', async () => {
    const root = tempDir('jinmane-backup-');
    const source = path.join(root, 'source');
    const restored = path.join(root, 'restored');
    expect(run('db/seed-cli.ts', [], { PGLITE_DIR: source, PASSWORD_COST: '10' }).code).toBe(0);

    // While the server holds the folder, the command points to the admin page's button.
    const running = await startServer({ PGLITE_DIR: source, BACKUP_EVERY: 'off' });
    try {
      const refused = run('scripts/backup.ts', ['--out', path.join(root, 'out')], { PGLITE_DIR: source });
      expect(refused.code).toBe(1);
      expect(refused.err).toMatch(/サーバーが使用中です。.*「今すぐバックアップ」/);
    } finally {
      await running.stop();
    }

    const made = run('scripts/backup.ts', ['--out', path.join(root, 'out')], { PGLITE_DIR: source });
    expect(made.code, made.err).toBe(0);
    const file = /バックアップしました \(backup written\): (\S+)/.exec(made.out)![1]!;
    expect(fs.existsSync(`${file}.sha256`)).toBe(true);

    // A truncated copy is refused before the target folder is even made.
    const cut = path.join(root, 'cut.jsonl.gz');
    fs.writeFileSync(cut, fs.readFileSync(file).subarray(0, 1000));
    fs.copyFileSync(`${file}.sha256`, `${cut}.sha256`);
    const truncated = run('scripts/restore.ts', [cut], { PGLITE_DIR: restored });
    expect(truncated.code).toBe(1);
    expect(truncated.err).toMatch(/チェックサムが一致しません/);
    expect(fs.existsSync(restored)).toBe(false);

    const done = run('scripts/restore.ts', [file], { PGLITE_DIR: restored });
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/activities\s+[\d,]+行/);
    const again = run('scripts/restore.ts', [file], { PGLITE_DIR: restored });
    expect(again.code).toBe(1);
    expect(again.err).toMatch(/すでにデータがあります.*--force/);

    const server = await startServer({ PGLITE_DIR: restored, BACKUP_EVERY: 'off' });
    try {
      const login = await fetch(`${server.url}/login`, {
        method: 'POST',
        redirect: 'manual',
        headers: { Origin: server.url, 'Content-Type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({ email: 'admin@example.jp', password: 'jinmane-demo-2026' }),
      });
      expect(login.status).toBe(302);
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      // The organizer's list of teams links each team's page.
      const list = await (await fetch(`${server.url}/teams`, { headers: { Cookie: cookie } })).text();
      const teamPath = /\/teams\/\d+/.exec(list)![0];
      const team = await fetch(server.url + teamPath, { headers: { Cookie: cookie } });
      expect(team.status).toBe(200);
      expect(await team.text()).toContain('ログアウト'); // the signed-in page, not the sign-in form
    } finally {
      await server.stop();
    }
  }, 400_000);
});
