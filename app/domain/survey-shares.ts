import type { SurveyQuestionKind } from './paper-survey';

// A summary typed by hand: each option with its percentage, one a line (「はい 16」「いいえ 84％」), or as
// papers quote them on one line (「Y:16%/N:84%」). For a free-text question, the answers, one a line.

export const surveyFormLimits = { questions: 200, questionChars: 1_000, optionsChars: 50_000, options: 100, answers: 2_000, answerChars: 2_000 };

export type Share = { label: string; percent: number };
export type SharesReading = { options: Share[]; answers: string[]; errors: string[] };

const sharePattern = /^(.*?)[\s:：,，、=＝]*([0-9]+(?:\.[0-9]+)?)\s*[%％]?$/;

function readLine(line: string): Share | null {
  const m = sharePattern.exec(line.normalize('NFKC').trim());
  if (!m || !m[1]!.trim()) return null;
  return { label: m[1]!.trim(), percent: Number(m[2]) };
}

/** The lines of a typed summary, read for a question of `kind`. */
export function readShares(kind: SurveyQuestionKind, text: string): SharesReading {
  const lines = text
    .split(/\r\n|\r|\n/)
    .map((l) => l.trim())
    .filter((l) => l !== '');
  if (kind === 'free_text') {
    const errors: string[] = [];
    if (lines.length > surveyFormLimits.answers) errors.push(`回答は${surveyFormLimits.answers.toLocaleString('ja-JP')}件までです`);
    if (lines.some((l) => [...l].length > surveyFormLimits.answerChars))
      errors.push(`回答は1件${surveyFormLimits.answerChars.toLocaleString('ja-JP')}文字以内にしてください`);
    return { options: [], answers: lines, errors };
  }
  const errors: string[] = [];
  const options: Share[] = [];
  for (const line of lines) {
    // 「Y:16%/N:84%」: several options on one line, each with its percentage.
    const parts = line.split(/[/／]/);
    const read = parts.length > 1 && parts.every((p) => readLine(p)) ? parts.map((p) => readLine(p)!) : [readLine(line)];
    for (const share of read) {
      if (!share) errors.push(`「${[...line].slice(0, 30).join('')}」を読み取れません（例: はい 16）`);
      else if (share.percent > 100) errors.push(`「${share.label}」の割合は100%以内にしてください`);
      else options.push({ label: share.label, percent: Math.round(share.percent * 10) / 10 });
    }
  }
  if (errors.length) return { options: [], answers: [], errors };
  if (options.length === 0) errors.push('選択肢と割合を入力してください（1行に1つ。例: はい 16）');
  if (options.length > surveyFormLimits.options) errors.push(`選択肢は${surveyFormLimits.options}個までです`);
  if (new Set(options.map((o) => o.label)).size !== options.length) errors.push('同じ選択肢が2回あります');
  if (kind === 'yes_no' && options.length !== 2) errors.push('はい／いいえ の2行を入力してください');
  if (kind === 'scale' && options.length > 5) errors.push('5段階評価の選択肢は5つまでです');
  const total = options.reduce((sum, o) => sum + o.percent, 0);
  // One answer per person: the shares cannot add up to more than all of them (rounding aside).
  if (kind !== 'multiple' && total > 100.5)
    errors.push(`割合の合計が100%を超えています（${Math.round(total * 10) / 10}%）。1人が複数選べる質問なら、形式を「複数選択」にしてください`);
  return { options: errors.length ? [] : options, answers: [], errors };
}

/** The lines the form shows for saved options: 「はい 16」. */
export function sharesText(options: { label: string; percent: number }[]): string {
  return options.map((o) => `${o.label} ${o.percent}`).join('\n');
}
