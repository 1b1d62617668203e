import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { loader as digestLoader } from '../../app/routes/notifications.digest';
import { action as notificationsAction, loader as notificationsLoader } from '../../app/routes/notifications._index';
import { notify } from '../../app/models/notifications.server';
import { sendWeeklyDigests } from '../../app/utils/mail.server';
import { readEnv } from '../../app/utils/env.server';
import { actionArgs, loaderArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';

// The weekly digest, mailed to a local SMTP sink this test starts (no outside network).

type Received = { from: string; to: string[]; data: string };
const received: Received[] = [];
let sink: SMTPServer;
let port: number;
let world: World;

beforeAll(async () => {
  world = await buildWorld();
  sink = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        received.push({
          from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
          to: session.envelope.rcptTo.map((r) => r.address),
          data: Buffer.concat(chunks).toString('utf8'),
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => sink.listen(0, '127.0.0.1', resolve));
  port = (sink.server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise<void>((resolve) => sink.close(() => resolve()));
});

describe('notifications and the weekly digest', () => {
  it('counts unread, lists this week by kind, and marks all read', async () => {
    const db = getDb();
    await notify(db, [world.users.member.id], {
      kind: 'sheet_comment',
      body: 'シートにコメントがつきました: 絞り込めそうです',
      href: `/teams/${world.teamA.id}/sheet`,
    });
    await notify(db, [world.users.member.id], { kind: 'facilitator_offer', body: '世話人の申し出が届きました', href: '/alumni/support/1' });
    const headers = { Cookie: await sessionCookie(world.users.member.id) };
    const digest = await digestLoader(loaderArgs('/notifications/digest', { headers }));
    expect(digest.digest.total).toBe(2);
    expect(digest.digest.groups.map((g) => g.label)).toEqual(['シートへのコメント', '世話人の申し出']);
    const res = await notificationsAction(actionArgs('/notifications', {}, { headers }));
    expect(res.status).toBe(302);
    const list = await notificationsLoader(loaderArgs('/notifications', { headers }));
    expect(list.notifications.every((n) => n.readAt)).toBe(true);
    // Someone else's notifications are not in this list.
    const other = await notificationsLoader(loaderArgs('/notifications', { headers: { Cookie: await sessionCookie(world.users.hr.id) } }));
    expect(other.notifications).toHaveLength(0);
  });

  it('mails each person with news their digest through SMTP_URL', async () => {
    const sent = await sendWeeklyDigests({ smtpUrl: `smtp://127.0.0.1:${port}`, from: 'tracker@example.jp', baseUrl: 'https://tracker.example.jp' });
    expect(sent).toBe(1);
    expect(received).toHaveLength(1);
    expect(received[0]!.to).toEqual(['member@example.jp']);
    expect(received[0]!.from).toBe('tracker@example.jp');
    // The body is quoted-printable or base64 UTF-8; the subject and link are checked decoded.
    const mail = received[0]!.data;
    expect(mail).toMatch(/Subject: =\?UTF-8\?/i);
    const body = decodeBody(mail);
    expect(body).toContain('シートにコメントがつきました');
    expect(body).toContain(`https://tracker.example.jp/teams/${world.teamA.id}/sheet`);
  });

  it('validates SMTP_URL at boot', () => {
    expect(readEnv({ NODE_ENV: 'test', SMTP_URL: 'smtp://mail.example.lg.jp:587' }).SMTP_URL).toBe('smtp://mail.example.lg.jp:587');
    expect(() => readEnv({ NODE_ENV: 'test', SMTP_URL: 'mail.example.lg.jp' })).toThrow(/SMTP_URL/);
  });
});

function decodeBody(raw: string) {
  const [headers, ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/Content-Transfer-Encoding: base64/i.test(headers!)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/Content-Transfer-Encoding: quoted-printable/i.test(headers!)) {
    const bytes = body.replace(/=\r?\n/g, '').replace(/=([0-9A-F]{2})/gi, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    return Buffer.from(bytes, 'latin1').toString('utf8');
  }
  return body;
}
