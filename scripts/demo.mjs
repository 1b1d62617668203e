// `npm run demo`: build, migrate and seed the embedded database, then serve it.
// Plain http on localhost, so the session cookie is not marked Secure here (see README).
import { execFileSync, spawn } from 'node:child_process';

const env = { ...process.env, NODE_ENV: 'production', COOKIE_SECURE: process.env.COOKIE_SECURE ?? 'false' };
execFileSync('npx', ['tsx', 'db/seed-cli.ts'], { stdio: 'inherit', env });
console.log('デモ用アカウント（パスワードはすべて jinmane-demo-2026）: admin@ / member@ / member2@ / hr@ / alumni@ / partner@ / outsider@example.jp');
const server = spawn(process.execPath, ['server.mjs'], { stdio: 'inherit', env });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code) => process.exit(code ?? 0));
