import { notificationKinds, type NotificationKind } from '~/domain/notifications';
import { now } from '~/utils/clock';
import { digestRecipients, listNotifications } from './notifications.server';

// The weekly digest: the last seven days of a person's notifications, grouped by kind. The same
// content is the digest page and, when SMTP_URL is set, the mail `npm run digest:send` sends.

const week = 7 * 24 * 60 * 60 * 1000;

export async function weeklyDigest(userId: number, at = now()) {
  const since = new Date(at.getTime() - week);
  const items = await listNotifications(userId, since);
  const groups = (Object.keys(notificationKinds) as NotificationKind[])
    .map((kind) => ({ kind, label: notificationKinds[kind], items: items.filter((i) => i.kind === kind) }))
    .filter((g) => g.items.length > 0);
  return { since, groups, total: items.length };
}
export type WeeklyDigest = Awaited<ReturnType<typeof weeklyDigest>>;

/** Plain text for the mail; links are made absolute with the app's public address. */
export function digestText(digest: WeeklyDigest, baseUrl: string) {
  const lines = ['人マネ トラッカー 今週のお知らせ', ''];
  for (const group of digest.groups) {
    lines.push(`■ ${group.label}（${group.items.length}件）`);
    for (const item of group.items) lines.push(`・${item.body}${item.href ? `\n  ${new URL(item.href, baseUrl).href}` : ''}`);
    lines.push('');
  }
  lines.push(`お知らせの一覧: ${new URL('/notifications', baseUrl).href}`);
  return lines.join('\n');
}

export async function digestsToSend(at = now()) {
  const recipients = await digestRecipients(new Date(at.getTime() - week));
  const result: { email: string; digest: WeeklyDigest }[] = [];
  for (const r of recipients) {
    const digest = await weeklyDigest(r.userId, at);
    if (digest.total) result.push({ email: r.email, digest });
  }
  return result;
}
