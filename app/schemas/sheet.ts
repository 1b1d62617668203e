import type { SheetContent, SheetItem } from '~/domain/sheet';
import { sheetSectionKeys } from '~/domain/sheet';
import { parseEvidence } from '~/domain/sheet-fields';
import { optionalText, requiredText, z } from './fields';

// The sheet editor, its comments and version tags. Lists arrive as repeated rows
// (focusInitiatives[0].text, focusInitiatives[0].evidence …); blank rows are dropped.

const item = z
  .object({
    text: optionalText('項目'),
    evidence: z.array(z.string().max(40)).max(50).optional(),
  })
  .optional();

const list = (label: string) =>
  z
    .array(item)
    .max(40, `${label}は40項目までにしてください`)
    .optional()
    .transform((rows): SheetItem[] =>
      (rows ?? []).flatMap((row) => {
        // A browser posts a textarea's line breaks as CRLF; stored as LF, like the text fields.
        const text = row?.text.replace(/\r\n/g, '\n').trim() ?? '';
        if (!text) return [];
        const evidence = (row?.evidence ?? []).map(parseEvidence).filter((e) => e !== null);
        return [{ text, evidence }];
      }),
    );

const text = (label: string) => optionalText(label).transform((v) => v.replace(/\r\n/g, '\n').trimEnd());

export const sheetSaveSchema = z
  .object({
    baseVersion: z.number({ error: '元にした版がわかりません。画面を再読み込みしてください' }).int().min(0).max(1_000_000),
    message: optionalText('保存メッセージ', 200),
    currentState: text('現状とその背景'),
    idealIn10Years: text('10年後のありたい姿'),
    targetOrganization: text('目指す組織・職員像'),
    focusInitiatives: list('重点取組'),
    oneYearGoal: text('1年後に目指す状態'),
    actionPlan: z
      .object({ first: list('まず取り組む'), next: list('次に取り組む'), further: list('さらに取り組む') })
      .optional()
      .transform((v) => v ?? { first: [], next: [], further: [] }),
    scenario: z
      .object({ official: text('オフィシャルルート'), offsite: text('オフサイトルート') })
      .optional()
      .transform((v) => v ?? { official: '', offsite: '' }),
    keywords: z
      .object({
        standpoint: text('立ち位置を変える'),
        valueBased: text('価値前提で考える'),
        firstPerson: text('一人称で捉え語る'),
        dominantLogic: text('ドミナントロジックを転換する'),
      })
      .optional()
      .transform((v) => v ?? { standpoint: '', valueBased: '', firstPerson: '', dominantLogic: '' }),
  })
  .transform(({ baseVersion, message, ...content }) => ({ baseVersion, message, content: content satisfies SheetContent }));

export const sheetCommentSchema = z.object({
  section: z.enum(sheetSectionKeys, { error: 'コメントする項目を選んでください' }),
  body: requiredText('コメント', 4000),
});

export const sheetTagSchema = z.object({
  version: z.number({ error: '版を選んでください' }).int().min(1).max(2_147_483_647),
  tag: optionalText('タグ', 40),
  sessionId: z.number().int().min(1).max(2_147_483_647).optional(),
});
