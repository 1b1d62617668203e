import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Only app/models/*.server.ts touch the database (db/); utils/boot.server.ts opens it at start-up.
// Routes, components and the other utils go through the models (README, docs/conventions.md).

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

describe('layers', () => {
  it('imports db/ only from app/models and the boot', () => {
    const app = path.resolve('app');
    const offenders = files(app)
      .map((file) => path.relative(app, file))
      .filter((file) => !file.startsWith(`models${path.sep}`) && file !== path.join('utils', 'boot.server.ts'))
      .filter((file) => /from '(\.\.\/)+db\//.test(fs.readFileSync(path.join(app, file), 'utf8')));
    expect(offenders).toEqual([]);
  });
});
