import nodemailer from 'nodemailer';
import { digestsToSend, digestText } from '~/models/digest.server';

// Mail goes only where SMTP_URL points (e.g. smtp://user:pass@mail.example.lg.jp:587); without it
// nothing is sent and the digest stays an in-app page.

export async function sendWeeklyDigests(options: { smtpUrl: string; from: string; baseUrl: string; now?: Date }) {
  const transport = nodemailer.createTransport(options.smtpUrl);
  const digests = await digestsToSend(options.now);
  try {
    for (const { email, digest } of digests) {
      await transport.sendMail({
        from: options.from,
        to: email,
        subject: `【人マネ トラッカー】今週のお知らせ（${digest.total}件）`,
        text: digestText(digest, options.baseUrl),
      });
    }
  } finally {
    transport.close();
  }
  return digests.length;
}
