// Seeds the demo data: `npm run db:seed`. Safe to run twice.
import { hashPassword } from '../app/utils/password.server';
import { runCli } from './cli';
import { demoPassword, seedDemo } from './seed';

await runCli('デモデータの作成に失敗しました', async ({ db }) => {
  const { created } = await seedDemo(db, { passwordHash: await hashPassword(demoPassword) });
  return created ? 'デモデータを作成しました' : 'デモデータは作成済みです';
});
