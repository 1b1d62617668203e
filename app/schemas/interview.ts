import { homeworkStatuses, intervieweeRoles, visibilities } from '~/domain/codes';
import { isoDate, optionalText, recordId, requiredText, withBaseVersion, z } from './fields';

const checkbox = z.preprocess((v) => v === 'on' || v === 'true' || v === true, z.boolean()).default(false);

/**
 * One 宿題 row of the interview form. The form always shows a few blank rows (it works without
 * JavaScript), so a row with nothing typed in it is dropped rather than refused.
 */
const homeworkRow = z
  .object({
    id: recordId('宿題').optional(),
    body: optionalText('宿題の内容', 2_000),
    status: z.enum(homeworkStatuses.codes, { error: '対応状況を選んでください' }).default('todo'),
    dueOn: isoDate('期限').optional(),
    followUp: optionalText('対応・フォローアップ'),
    remove: checkbox,
  })
  .superRefine((row, ctx) => {
    if (row.remove || row.body.trim()) return;
    if (row.id || row.dueOn || row.followUp.trim()) {
      ctx.addIssue({ code: 'custom', path: ['body'], message: '宿題の内容を入力してください（不要な行は「削除」を選んでください）' });
    }
  });

export const interviewSchema = z.object({
  interviewedOn: isoDate('実施日'),
  interviewee: requiredText('インタビューの相手', 200),
  roleCategory: z.enum(intervieweeRoles.codes, { error: '相手の立場を選んでください' }),
  durationMinutes: z.coerce
    .number({ error: '所要時間は分単位の数字で入力してください' })
    .int('所要時間は分単位の整数で入力してください')
    .min(0, '所要時間は0分以上にしてください')
    .max(1440, '所要時間は1,440分（24時間）以内にしてください')
    .optional(),
  purpose: optionalText('目的'),
  questions: optionalText('質問'),
  content: optionalText('内容', 50_000),
  insights: optionalText('気付き'),
  unease: optionalText('モヤモヤ'),
  visibility: z.enum(visibilities.codes, { error: '公開範囲を選んでください' }).default('team'),
  homework: z.array(homeworkRow).max(50, '宿題は50件までです').default([]),
});

export type InterviewInput = z.infer<typeof interviewSchema>;
export type HomeworkRowInput = InterviewInput['homework'][number];

export const interviewEditSchema = withBaseVersion(interviewSchema);
