import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import type { Seeded } from './fixtures';
import { startServer, tempDir } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
    seeded: Seeded;
  }
}

/**
 * One build and one production server for every browser test file, on a fresh PGlite folder with
 * the demo data and each file's own fixture (tests/e2e/seed.ts). Files that need a server of their
 * own (start-up, faults, a database they inspect after stopping it) start one on this same build.
 */
export default async function setup(project: TestProject) {
  buildIfStale();
  const dir = tempDir('jinmane-e2e-');
  const pglite = path.join(dir, 'pglite');
  const seeded = path.join(dir, 'seeded.json');
  const env = { DATABASE_URL: '', PGLITE_DIR: pglite };
  execFileSync('npx', ['tsx', 'tests/e2e/seed.ts', seeded], { env: { ...process.env, ...env }, stdio: 'inherit' });
  const server = await startServer(env);
  project.provide('baseUrl', server.url);
  project.provide('seeded', JSON.parse(fs.readFileSync(seeded, 'utf8')) as Seeded);
  return async () => {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
  };
}

/** Builds the app when there is no build, or when a source it is made from changed after it. */
function buildIfStale() {
  const built = fs.statSync('build/index.js', { throwIfNoEntry: false })?.mtimeMs ?? 0;
  const changed = ['app', 'db', 'remix.config.js'].flatMap((source) => newerThan(source, built));
  if (built && changed.length === 0) return;
  if (built) console.log(`ビルドが古いため作り直します (the build is older than ${changed[0]})`);
  // A production build, as npm test makes: under vitest NODE_ENV is 'test', which would build React's
  // development JSX runtime into the server bundle ("jsxDEV is not a function" on every page).
  execFileSync('npx', ['remix', 'build'], { stdio: 'inherit', env: { ...process.env, NODE_ENV: 'production' } });
}

function newerThan(source: string, time: number): string[] {
  const stat = fs.statSync(source);
  if (!stat.isDirectory()) return stat.mtimeMs > time && !source.includes('.test.') ? [source] : [];
  return fs.readdirSync(source).flatMap((name) => newerThan(path.join(source, name), time));
}
