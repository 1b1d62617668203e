import { sessionKinds } from '~/domain/codes';
import { fiscalYearRange } from '~/utils/dates';
import { isoDate, optionalText, requiredText, z } from './fields';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());
const optionalDate = (label: string) => z.preprocess((v) => (v === '' ? undefined : v), isoDate(label).optional());

/** A session of `fiscalYear`: its days must fall inside that fiscal year (April to March). */
export function sessionSchema(fiscalYear: number) {
  const { first, last } = fiscalYearRange(fiscalYear);
  return z
    .object({
      kind: z.enum(sessionKinds.codes, { error: '種類を選んでください' }),
      number: z.coerce
        .number({ error: '回を入力してください' })
        .int('回は整数で入力してください')
        .min(1, '回は1以上で入力してください')
        .max(99, '回は99以下で入力してください'),
      startsOn: isoDate('開催日'),
      endsOn: optionalDate('2日目'),
      isOnline: checkbox,
      venue: optionalText('会場', 200),
      agenda: optionalText('テーマ・議題', 5000),
    })
    .superRefine((v, ctx) => {
      const range = `${first.replaceAll('-', '/')}〜${last.replaceAll('-', '/')}`;
      if (v.startsOn < first || v.startsOn > last) {
        ctx.addIssue({ code: 'custom', path: ['startsOn'], message: `開催日は${fiscalYear}年度の期間内（${range}）にしてください` });
      }
      if (v.endsOn && v.endsOn <= v.startsOn) {
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: '2日目は開催日より後の日にしてください' });
      } else if (v.endsOn && v.endsOn > last) {
        ctx.addIssue({ code: 'custom', path: ['endsOn'], message: `2日目は${fiscalYear}年度の期間内（${range}）にしてください` });
      }
      if (!v.isOnline && !v.venue.trim()) {
        ctx.addIssue({ code: 'custom', path: ['venue'], message: '会場を入力するか、「オンライン」を選んでください' });
      }
    });
}

/** 事前課題: due on or before the first day of its session. */
export function preAssignmentSchema(sessionStartsOn: string) {
  return z
    .object({ title: requiredText('事前課題の題名', 200), description: optionalText('説明', 5000), dueOn: isoDate('提出期限') })
    .refine((v) => v.dueOn <= sessionStartsOn, {
      path: ['dueOn'],
      message: `提出期限は研究会の開催日（${sessionStartsOn.replaceAll('-', '/')}）以前にしてください`,
    });
}
