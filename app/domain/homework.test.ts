import { describe, expect, it } from 'vitest';
import { homeworkStatuses } from './codes';
import { deadlineLabel, homeworkDeadline } from './homework';

describe('homeworkDeadline', () => {
  const today = '2026-11-26';

  it('counts the days past the due date of a 宿題 not done', () => {
    expect(homeworkDeadline({ dueOn: '2026-11-23', status: 'todo' }, today)).toEqual({ kind: 'overdue', days: 3 });
    expect(homeworkDeadline({ dueOn: '2026-11-25', status: 'doing' }, today)).toEqual({ kind: 'overdue', days: 1 });
    // Across a month, a year and a leap day.
    expect(homeworkDeadline({ dueOn: '2026-10-31', status: 'todo' }, today)).toEqual({ kind: 'overdue', days: 26 });
    expect(homeworkDeadline({ dueOn: '2024-02-28', status: 'todo' }, '2024-03-01')).toEqual({ kind: 'overdue', days: 2 });
    expect(homeworkDeadline({ dueOn: '2025-12-31', status: 'todo' }, '2026-01-01')).toEqual({ kind: 'overdue', days: 1 });
  });

  it('says due today, which is not overdue, and nothing for later, undated or done 宿題', () => {
    expect(homeworkDeadline({ dueOn: today, status: 'todo' }, today)).toEqual({ kind: 'today' });
    expect(homeworkDeadline({ dueOn: '2026-11-27', status: 'todo' }, today)).toBeNull();
    expect(homeworkDeadline({ dueOn: null, status: 'todo' }, today)).toBeNull();
    expect(homeworkDeadline({ dueOn: '2026-01-01', status: 'done' }, today)).toBeNull();
    expect(homeworkDeadline({ dueOn: today, status: 'done' }, today)).toBeNull();
  });

  it('is overdue for every status but 完了', () => {
    const overdue = homeworkStatuses.codes.filter((status) => homeworkDeadline({ dueOn: '2026-11-01', status }, today)?.kind === 'overdue');
    expect(overdue).toEqual(['todo', 'doing']);
  });

  it('words the badge in Japanese', () => {
    expect(deadlineLabel({ kind: 'overdue', days: 3 })).toBe('期限切れ（3日超過）');
    expect(deadlineLabel({ kind: 'overdue', days: 1200 })).toBe('期限切れ（1,200日超過）');
    expect(deadlineLabel({ kind: 'today' })).toBe('今日が期限');
  });
});
