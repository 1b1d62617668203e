import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { startServer, tempDir } from './server';

declare module 'vitest' {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** One production server with the demo data on a fresh PGlite folder, shared by the browser tests. */
export default async function setup(project: TestProject) {
  if (!fs.existsSync('build/index.js')) {
    execFileSync('npx', ['remix', 'build'], { stdio: 'inherit' });
  }
  const dir = path.join(tempDir('jinmane-e2e-'), 'pglite');
  execFileSync('npx', ['tsx', 'db/seed-cli.ts'], { env: { ...process.env, PGLITE_DIR: dir }, stdio: 'inherit' });
  const server = await startServer({ PGLITE_DIR: dir });
  project.provide('baseUrl', server.url);
  return async () => {
    await server.stop();
    fs.rmSync(path.dirname(dir), { recursive: true, force: true });
  };
}
