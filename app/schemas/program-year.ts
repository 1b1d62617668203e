import { requiredText, z } from './fields';

const fiscalYear = z.coerce
  .number({ error: '年度を入力してください' })
  .int('年度は西暦の整数で入力してください（例: 2027）')
  .min(2000, '年度は2000〜2200の西暦で入力してください')
  .max(2200, '年度は2000〜2200の西暦で入力してください');

export const programYearSchema = z.object({
  fiscalYear,
  theme: requiredText('統一テーマ', 500),
  // Start from last year's structure: its sessions and pre-assignments, moved to the new dates.
  copyPrevious: z.preprocess((v) => v === 'on' || v === 'true', z.boolean()),
});

export const themeSchema = z.object({ theme: requiredText('統一テーマ', 500) });
