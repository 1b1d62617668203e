// The weekly digest by mail: `npm run digest:send` (e.g. from cron every Monday morning).
// Without SMTP_URL nothing is sent; people read the same digest at /notifications/digest.
import { runCli } from '../db/cli';
import { readEnv } from '../app/utils/env.server';
import { sendWeeklyDigests } from '../app/utils/mail.server';

await runCli('週次のまとめを送れませんでした', async () => {
  const env = readEnv();
  if (!env.SMTP_URL) return 'SMTP_URL が設定されていないため、メールは送りませんでした（まとめは /notifications/digest で読めます）。';
  const baseUrl = env.PUBLIC_URL ?? `http://localhost:${env.PORT}`;
  const sent = await sendWeeklyDigests({ smtpUrl: env.SMTP_URL, from: env.MAIL_FROM, baseUrl });
  return `週次のまとめを${sent}件送りました。`;
});
