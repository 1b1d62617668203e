import { sheetSectionKeys } from '~/domain/sheet';
import { baseVersion, isoDate, optionalText, recordId as id, requiredText, z } from './fields';

// マネ友 forms: the directory entry, groups and their off-sites, mentoring, handover, 世話人派遣.

const checkbox = z.preprocess((v) => v === 'on' || v === 'true', z.boolean());
// One ticked checkbox arrives as a string, none as nothing.
const ids = z.preprocess((v) => (v == null ? [] : Array.isArray(v) ? v : [v]), z.array(id('会員')));

export const directoryEntrySchema = z.object({
  directoryListed: checkbox,
  directoryShowContact: checkbox,
  directoryContact: optionalText('連絡先', 200),
});

export const alumniGroupSchema = z.object({
  name: requiredText('会の名前', 100),
  foundedOn: isoDate('設立日'),
  description: optionalText('紹介', 2000),
});

export const offsiteMeetingSchema = z.object({
  heldOn: isoDate('開催日'),
  theme: requiredText('テーマ', 200),
  place: optionalText('場所', 200),
  guests: optionalText('ゲスト・参加者（会員以外）', 500),
  notes: optionalText('メモ'),
  facilitatorIds: ids,
  attendeeIds: ids,
});

export const mentorAssignSchema = z.object({ personId: id('マネ友') });

// A マネ友's offer to mentor a current team of their municipality, with a short word to the team.
export const mentorOfferSchema = z.object({ teamId: id('チーム'), message: optionalText('ひとこと', 500) });

export const mentorAdviceSchema = z.object({
  section: z.enum(sheetSectionKeys, { error: 'シートの項目を選んでください' }),
  body: requiredText('アドバイス', 4000),
});

export const mentorTalkSchema = z.object({
  occurredOn: isoDate('日付'),
  durationMinutes: z.coerce
    .number({ error: '時間を入力してください' })
    .int('時間は分単位の整数で入力してください')
    .min(0, '時間は0分以上にしてください')
    .max(24 * 60, '時間は1,440分以内にしてください'),
  title: requiredText('内容', 200),
  notes: optionalText('メモ'),
});

export const handoverSchema = z
  .object({
    // 0: no handover was written yet when the form was shown.
    baseVersion: baseVersion({ first: true }),
    toContinue: optionalText('続けてほしいこと'),
    peopleToTalkTo: optionalText('話を聞いてほしい人'),
    advice: optionalText('アドバイス'),
  })
  .refine((v) => v.toContinue.trim() || v.peopleToTalkTo.trim() || v.advice.trim(), { message: 'どれか一つは書いてください', path: ['toContinue'] });

export const facilitatorRequestSchema = z.object({
  owner: z.string({ error: '依頼するチームか会を選んでください' }).regex(/^(team|group):\d+$/, '依頼するチームか会を選んでください'),
  heldOn: isoDate('開催日'),
  place: requiredText('場所', 200),
  helpNeeded: requiredText('お願いしたいこと', 2000),
});

export const facilitatorOfferSchema = z.object({ message: optionalText('ひとこと', 1000) });
