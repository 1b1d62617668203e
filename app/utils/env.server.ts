import { z } from 'zod';
import { isInstant } from './clock';

const postgresUrl = z.string().refine((value) => {
  try {
    const url = new URL(value);
    return (url.protocol === 'postgres:' || url.protocol === 'postgresql:') && url.hostname !== '';
  } catch {
    return false;
  }
}, 'DATABASE_URL は postgres://ユーザー@ホスト:5432/データベース名 の形式で指定してください (DATABASE_URL must look like postgres://user@host:5432/dbname)');

const flag = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0'])
    .default(fallback ? 'true' : 'false')
    .transform((v) => v === 'true' || v === '1');

const wholeNumber = (name: string, min: number, max: number) => {
  const message = `${name} は ${min}〜${max} の整数で指定してください (${name} must be a whole number from ${min} to ${max})`;
  return z.coerce.number({ error: message }).int(message).min(min, message).max(max, message);
};

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: z.coerce.number().int().min(0).max(65535).default(3000), // 0: any free port
    HOST: z.string().default('0.0.0.0'),
    DATABASE_URL: postgresUrl.optional(),
    // Connections each process keeps to PostgreSQL. Instances × processes × this must stay under the server's
    // max_connections (README). At least 2: migrations run on one while another holds their lock (db/migrate.ts).
    DATABASE_POOL_SIZE: wholeNumber('DATABASE_POOL_SIZE', 2, 100).default(10),
    // Queries prepared once per connection (db/client.ts, decision 0027); off behind a pooler that cannot keep them.
    DATABASE_PREPARE: z.enum(['on', 'off'], { error: 'DATABASE_PREPARE は on か off です (DATABASE_PREPARE must be on or off)' }).default('on'),
    // Server processes on PostgreSQL (server-cluster.mjs); unset: one per core in production, one otherwise.
    WEB_CONCURRENCY: wholeNumber('WEB_CONCURRENCY', 1, 64).optional(),
    // Set by the primary for each worker it starts ("0".."n-1"); unset in a single process. Work done once per
    // installation (scheduled backups) runs where it is unset or 0.
    WORKER_INDEX: z.coerce.number().int().min(0).optional(),
    // Signs the short-lived cookie that carries a save's message to the next page (notice.server.ts). Every
    // instance behind one address needs the same value; unset, each start makes one for its processes.
    COOKIE_SECRET: z.string().min(32, 'COOKIE_SECRET は32文字以上にしてください (COOKIE_SECRET must be at least 32 characters)').optional(),
    PGLITE_DIR: z.string().min(1).default('./data/pglite'),
    MIGRATE_ON_START: flag(true),
    // Cookies are Secure, with the __Host- prefix; defaults to on in production (see readEnv).
    COOKIE_SECURE: z.enum(['true', 'false', '1', '0']).optional(),
    // Behind a reverse proxy, the number of proxy hops to trust for the client's IP.
    TRUST_PROXY: z.coerce.number().int().min(0).max(10).default(0),
    // How long a page may wait for its turn under a burst before it is answered 503 (server.mjs).
    PAGE_WAIT_SECONDS: z.coerce.number().min(1).max(120).default(15),
    // Weekly digests are mailed only when this is set (npm run digest:send).
    SMTP_URL: z
      .string()
      .refine(
        (v) => /^smtps?:\/\/[^/]+/.test(v),
        'SMTP_URL は smtp://ユーザー:パスワード@ホスト:587 の形式で指定してください (SMTP_URL must look like smtp://user:pass@host:587)',
      )
      .optional(),
    MAIL_FROM: z.string().min(3).default('人マネ トラッカー <no-reply@localhost>'),
    // The address links in mails point to.
    PUBLIC_URL: z.string().url().optional(),
    // scrypt's cost for new password hashes, as a power of two; stored hashes keep their own.
    PASSWORD_COST: z.coerce.number().int().min(10).max(18).default(17),
    // The browser tests' server starts its clock here, so the demo data's year is the current one
    // whatever the real date (app/utils/clock.ts). Never set on a real installation.
    // In-app backups (docs/decisions/0025): where, how often (「03:00」 daily at that Tokyo time, 「6h」 every
    // six hours, 「off」), how many kept. Unset BACKUP_EVERY: daily at 03:00 on PGlite, off on PostgreSQL.
    BACKUP_DIR: z.string().min(1).default('./data/backups'),
    BACKUP_EVERY: z
      .string()
      .refine(
        (v) => parseBackupEvery(v) !== undefined,
        'BACKUP_EVERY は 03:00（毎日その時刻）、6h（6時間ごと）、off のどれかで指定してください (BACKUP_EVERY must be HH:MM, <n>h or off)',
      )
      .optional(),
    BACKUP_KEEP: z.coerce.number().int().min(1).max(1000).default(14),
    CLOCK_START: z
      .string()
      .refine(isInstant, 'CLOCK_START は 2026-11-26T12:00:00+09:00 の形式で指定してください (CLOCK_START must be an ISO time with its offset)')
      .optional(),
  })
  .refine((env) => env.NODE_ENV !== 'production' || env.PASSWORD_COST >= 17, {
    path: ['PASSWORD_COST'],
    message: '本番ではパスワードのコストを17（2^17）より下げられません (PASSWORD_COST must be at least 17 in production)',
  });

/** A schedule of backups: daily at a Tokyo time, every n hours, or none. undefined: not a schedule. */
export type BackupEvery = { daily: { hour: number; minute: number } } | { hours: number } | 'off';

export function parseBackupEvery(value: string): BackupEvery | undefined {
  const text = value.trim().toLowerCase();
  if (text === 'off') return 'off';
  const daily = /^([01]?\d|2[0-3]):([0-5]\d)$/.exec(text);
  if (daily) return { daily: { hour: Number(daily[1]), minute: Number(daily[2]) } };
  const hours = /^([1-9]\d{0,2})h$/.exec(text);
  if (hours && Number(hours[1]) <= 168) return { hours: Number(hours[1]) };
  return undefined;
}

export type Env = Omit<z.infer<typeof envSchema>, 'COOKIE_SECURE'> & { COOKIE_SECURE: boolean };

export class EnvError extends Error {}

/** Reads and checks the settings once, at boot. A bad setting is one clear line, not a stack trace. */
export function readEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const cleaned = Object.fromEntries(Object.entries(source).filter(([, v]) => v !== ''));
  const parsed = envSchema.safeParse(cleaned);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new EnvError(`${issue.path.join('.')}: ${issue.message}`);
  }
  const { COOKIE_SECURE, ...rest } = parsed.data;
  const cookieSecure = COOKIE_SECURE ? COOKIE_SECURE === 'true' || COOKIE_SECURE === '1' : rest.NODE_ENV === 'production';
  return { ...rest, COOKIE_SECURE: cookieSecure };
}

let cached: Env | undefined;

/** The settings read at boot (or, in tests, read on first use). */
export function getEnv(): Env {
  cached ??= readEnv();
  return cached;
}
