import { durationPicks } from '~/domain/activity-form';
import { activityKinds } from '~/domain/codes';
import { isoDate, optionalText, recordId, requiredText, z } from './fields';

// 活動記録 forms. Which kinds a form may pick is checked in the action (pickableKinds).

const kind = z.enum(activityKinds.codes, { error: '種別を選んでください' });

/** One of the quick picks (30/60/90/120), or the minutes typed in; typed minutes win. */
const duration = {
  durationPick: z.enum(durationPicks, { error: '時間を選んでください' }).optional(),
  durationMinutes: z.coerce
    .number({ error: '時間は分単位の数字で入力してください' })
    .int('時間は分単位の整数で入力してください')
    .min(0, '時間は0分以上にしてください')
    .max(1440, '時間は1,440分（24時間）以内にしてください')
    .optional(),
};

function requireDuration(v: { durationPick?: string; durationMinutes?: number }, ctx: z.core.$RefinementCtx) {
  if (v.durationPick === undefined && v.durationMinutes === undefined) {
    ctx.addIssue({ code: 'custom', path: ['durationMinutes'], message: '時間を選ぶか、分数を入力してください' });
  }
}

const optionalId = recordId('項目').optional();

export const quickActivitySchema = z
  .object({
    kind,
    occurredOn: isoDate('日付'),
    title: optionalText('タイトル', 200),
    ...duration,
  })
  .superRefine(requireDuration);

export const activitySchema = z
  .object({
    kind,
    occurredOn: isoDate('日付'),
    startsAt: z
      .string()
      .regex(/^([01]\d|2[0-3]):[0-5]\d$/, '開始時刻は 18:30 の形式で入力してください')
      .optional(),
    title: requiredText('タイトル', 200),
    attendeeIds: z.array(recordId('参加者')).max(50).default([]),
    guests: optionalText('ゲスト', 1_000),
    notes: optionalText('メモ', 50_000),
    sessionId: optionalId,
    interviewId: optionalId,
    ...duration,
  })
  .superRefine(requireDuration);

export type QuickActivityInput = z.infer<typeof quickActivitySchema>;
export type ActivityInput = z.infer<typeof activitySchema>;
