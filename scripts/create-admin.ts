// The first organizer account: `npm run user:create-admin -- <email>`.
// Prints a single-use invitation link (valid 7 days) for that address to set its password.
import { runCli } from '../db/cli';
import { inviteAccount } from '../app/models/accounts.server';
import { email as emailField } from '../app/schemas/fields';

const [rawEmail, ...nameParts] = process.argv.slice(2);
const baseUrl = process.env.PUBLIC_URL ?? `http://localhost:${process.env.PORT ?? 3000}`;

await runCli('管理者アカウントを作成できませんでした', async () => {
  const parsed = emailField().safeParse(rawEmail ?? '');
  if (!parsed.success) throw new Error('使い方: npm run user:create-admin -- <メールアドレス> [氏名]');
  const outcome = await inviteAccount(
    { userId: null, ip: null },
    { email: parsed.data, fullName: nameParts.join(' ') || '事務局', scope: 'organizer', role: 'secretariat', affiliation: '事務局' },
  );
  if (outcome.kind === 'granted') return `${parsed.data} は登録済みのため、事務局の権限を追加しました。`;
  return `事務局アカウントの招待リンク（1回限り・7日間有効）:\n${baseUrl}/invite/${outcome.token}`;
});
