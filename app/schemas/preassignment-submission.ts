import { isoDate, optionalText, recordId, z } from './fields';

export const submissionSchema = z
  .object({
    preAssignmentId: recordId('事前課題'),
    submittedOn: isoDate('提出日'),
    note: optionalText('メモ', 2000),
    url: z
      .string()
      .trim()
      .max(2000, 'リンクは2,000文字以内で入力してください')
      .optional()
      .transform((v) => v ?? '')
      .refine((v) => v === '' || /^https?:\/\/\S+$/.test(v), 'リンクは https:// から始まるURLで入力してください'),
  })
  .refine((v) => v.note.trim() || v.url, { path: ['note'], message: 'メモかリンクのどちらかを入力してください' });
