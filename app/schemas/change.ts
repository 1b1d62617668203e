import { changeStages, coCreationSteps } from '~/domain/codes';
import { isoDate, withBaseVersion, optionalText, requiredText, z } from './fields';

/** One dated moment; the form shows one per stage (きっかけ・転機・変化), and a blank one is skipped. */
const moment = z
  .object({
    stage: z.enum(changeStages.codes, { error: '段階を選んでください' }),
    occurredOn: isoDate('日付').optional(),
    description: optionalText('出来事', 2_000),
  })
  .superRefine((m, ctx) => {
    const label = changeStages.label[m.stage];
    if (m.description.trim() && !m.occurredOn) ctx.addIssue({ code: 'custom', path: ['occurredOn'], message: `${label}の日付を入力してください` });
    if (m.occurredOn && !m.description.trim()) ctx.addIssue({ code: 'custom', path: ['description'], message: `${label}の出来事を入力してください` });
  });

export const changeSchema = z
  .object({
    title: requiredText('タイトル', 200),
    moments: z.array(moment).max(30).default([]),
    reflection: optionalText('考察'),
    coCreationStep: z.enum(coCreationSteps.codes, { error: '共創のステップを選んでください' }).optional(),
  })
  .superRefine((v, ctx) => {
    if (!v.moments.some((m) => m.description.trim())) {
      ctx.addIssue({ code: 'custom', path: ['moments'], message: 'きっかけ・転機・変化のうち、少なくとも1つを入力してください' });
    }
  });

export type ChangeInput = z.infer<typeof changeSchema>;

export const changeEditSchema = withBaseVersion(changeSchema);
