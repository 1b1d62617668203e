// The shared server's database, made before the server starts (PGlite admits one process): the demo
// data, then each browser test file's own fixture (tests/e2e/fixtures), each in its own transaction.
// What the fixtures return is written as JSON to the file named by the first argument.
import fs from 'node:fs';
import type { Db } from '../../db/client';
import { runCli } from '../../db/cli';
import { demoPassword, seedDemo } from '../../db/seed';
import { hashPassword } from '../../app/utils/password.server';
import { fixtures } from './fixtures';
import { fixtureKit, type FixtureKit } from './fixtures/kit';

const out = process.argv[2];
if (!out) throw new Error('usage: tsx tests/e2e/seed.ts <seeded.json>');

await runCli('E2Eのデータを作成できませんでした', async ({ db }) => {
  const passwordHash = await hashPassword(demoPassword);
  await seedDemo(db, { passwordHash });
  const seeded: Record<string, unknown> = {};
  for (const [name, seed] of Object.entries(fixtures) as [string, (kit: FixtureKit) => Promise<unknown>][]) {
    seeded[name] = await db.transaction((tx) => seed(fixtureKit(tx as unknown as Db, passwordHash)));
  }
  fs.writeFileSync(out, JSON.stringify(seeded));
  return `デモデータと試験データ（${Object.keys(seeded).join('、')}）を作成しました`;
});
