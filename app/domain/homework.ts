import type { HomeworkStatus } from './codes';

// Where a 宿題 stands against its due date. One reading for every page that shows 宿題 (the interview,
// the インタビュー list, 概要, /hr), so a 宿題 is 期限切れ on all of them or on none.

/** Past its due date by `days` (1 or more), due today (not yet overdue), or nothing to say. */
export type HomeworkDeadline = { kind: 'overdue'; days: number } | { kind: 'today' } | null;

const dayMs = 24 * 60 * 60 * 1000;
const dayNumber = (iso: string) => Date.parse(`${iso}T00:00:00Z`) / dayMs;

/**
 * A 宿題 is overdue once its due date is before `today` (Tokyo, 'YYYY-MM-DD') while it is not 完了.
 * Due today is not overdue: the day is not over. One without a due date, or done, has nothing to say.
 */
export function homeworkDeadline(item: { dueOn: string | null; status: HomeworkStatus }, today: string): HomeworkDeadline {
  if (!item.dueOn || item.status === 'done') return null;
  const days = dayNumber(today) - dayNumber(item.dueOn);
  if (days > 0) return { kind: 'overdue', days };
  return days === 0 ? { kind: 'today' } : null;
}

/** 期限切れ（3日超過） / 今日が期限: the words of the badge. */
export function deadlineLabel(deadline: NonNullable<HomeworkDeadline>): string {
  return deadline.kind === 'overdue' ? `期限切れ（${deadline.days.toLocaleString('ja-JP')}日超過）` : '今日が期限';
}
