import { moyamoyaVisibilities } from '~/domain/codes';
import { optionalText, recordId, z } from './fields';

/**
 * A figure from 0 to 100, chosen on a slider that sends nothing until it is moved (LevelSlider): no
 * level is 「選んでください」, anything else that is not a whole number in range says what is wrong.
 */
const level = (label: string) =>
  z
    .string({ error: `${label}を選んでください` })
    .trim()
    .min(1, `${label}を選んでください`)
    .pipe(
      z.coerce
        .number<string>({ error: `${label}を0から100の数字で入力してください` })
        .int(`${label}は整数で入力してください`)
        .min(0, `${label}は0から100の間で入力してください`)
        .max(100, `${label}は0から100の間で入力してください`),
    );

/** A member's own figure for today (a second one today replaces the first). */
export const checkinSchema = z.object({
  level: level('モヤモヤ指数'),
  note: optionalText('ひとこと', 2_000),
});

/** The team's figure and 「この頃の自分たち」 for one session. */
export const teamMoyamoyaSchema = z.object({
  sessionId: recordId('研究会'),
  level: level('チームのモヤモヤ指数'),
  reflection: optionalText('この頃の自分たち'),
});

export const moyamoyaVisibilitySchema = z.object({
  moyamoyaVisibility: z.enum(moyamoyaVisibilities.codes, { error: '公開範囲を選んでください' }),
});
