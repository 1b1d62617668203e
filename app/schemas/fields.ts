import { z } from 'zod';

// Field builders with the Japanese messages people see beside each field. Every form schema
// under app/schemas/ is made from these, and route modules import them only in actions, so zod
// stays out of the browser bundle.
z.config(z.locales.ja());

export { z };

// PostgreSQL text cannot hold U+0000: without this check a pasted NUL would be a 500, not a field error.
const hasNoNul = (v: string) => !v.includes('\u0000');
export const nulMessage = (label: string) => `${label}に入力できない文字（制御文字 NUL）が含まれています`;

/** Text that must be filled in, trimmed, at most `max` characters. */
export function requiredText(label: string, max = 200) {
  return z
    .string({ error: `${label}を入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .max(max, `${label}は${max.toLocaleString('ja-JP')}文字以内で入力してください`)
    .refine(hasNoNul, nulMessage(label));
}

/** Text that may be left empty; long fields take at least 20,000 characters. */
export function optionalText(label: string, max = 20_000) {
  return z
    .string()
    .max(max, `${label}は${max.toLocaleString('ja-JP')}文字以内で入力してください`)
    .refine(hasNoNul, nulMessage(label))
    .optional()
    .transform((v) => v ?? '');
}

/** Short optional text stored as typed but trimmed (departments, affiliations). */
export function shortText(label: string, max = 200) {
  return z
    .string()
    .trim()
    .max(max, `${label}は${max.toLocaleString('ja-JP')}文字以内で入力してください`)
    .refine(hasNoNul, nulMessage(label))
    .default('');
}

export function email(label = 'メールアドレス') {
  return z
    .string({ error: `${label}を入力してください` })
    .trim()
    .min(1, `${label}を入力してください`)
    .max(254, `${label}が長すぎます`)
    .transform((v) => v.normalize('NFKC').toLowerCase())
    .pipe(z.email(`${label}の形式が正しくありません（例: name@city.example.lg.jp）`));
}

/** A new password: 8 characters or more; long and full-width ones are fine; never trimmed. */
export function newPassword(label = 'パスワード') {
  return z
    .string({ error: `${label}を入力してください` })
    .min(8, `${label}は8文字以上にしてください`)
    .max(1024, `${label}は1,024文字以内にしてください`);
}

/** A password being checked: only required, so no rule reveals anything. */
export function password(label = 'パスワード') {
  return z
    .string({ error: `${label}を入力してください` })
    .min(1, `${label}を入力してください`)
    .max(1024, `${label}が長すぎます`);
}

/**
 * A row chosen in a form (a select, a checkbox, a hidden field): a positive id that fits PostgreSQL's
 * integer, so a tampered 2147483648 is a field error, not a 500 from the database.
 */
export function recordId(label: string) {
  const message = `${label}を選んでください`;
  return z.coerce.number({ error: message }).int(message).positive(message).max(2_147_483_647, message);
}

/** A 'YYYY-MM-DD' calendar date that exists. */
export function isoDate(label: string) {
  return z
    .string({ error: `${label}を入力してください` })
    .regex(/^\d{4}-\d{2}-\d{2}$/, `${label}は 2026-04-27 の形式で入力してください`)
    .refine((v) => {
      const d = new Date(`${v}T00:00:00Z`);
      // Year 0 parses in JavaScript but exists in no calendar PostgreSQL keeps (1 BC comes before 1 AD).
      return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === v && v >= '0001-01-01';
    }, `${label}に存在しない日付が入力されています`);
}

/**
 * The version of a record an edit form was based on (app/models/record-version.server.ts); 0 where
 * the form may write the first one (`{ first: true }`: the handover).
 */
export const baseVersion = ({ first = false } = {}) => {
  const message = '元にした版がわかりません。画面を再読み込みしてください';
  return z.coerce
    .number({ error: message })
    .int()
    .min(first ? 0 : 1, message)
    .max(2_147_483_647);
};

/** An edit form of a versioned record: its fields and the version it was based on (`first`: as `baseVersion`). */
export const withBaseVersion = <S extends z.ZodType>(schema: S, options?: { first?: boolean }) =>
  z.intersection(schema, z.object({ baseVersion: baseVersion(options) }));
