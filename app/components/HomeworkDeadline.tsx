import { Link } from '~/components/Link';
import { EraDate } from '~/components/EraDate';
import { homeworkStatuses, type HomeworkStatus } from '~/domain/codes';
import { deadlineLabel, type HomeworkDeadline } from '~/domain/homework';
import { counted } from '~/utils/format';

// 宿題 against their due dates, drawn the same way wherever they appear: the interview, the インタビュー
// list, 概要 and /hr. The words carry the meaning (期限切れ（3日超過）), the colour only repeats it.

/** 期限切れ（3日超過） or 今日が期限 beside a 宿題; nothing for one that is done, undated or not yet due. */
export function DeadlineBadge({ deadline }: { deadline: HomeworkDeadline }) {
  if (!deadline) return null;
  return (
    <span className={`tag tag--${deadline.kind === 'overdue' ? 'overdue' : 'due-today'}`} data-deadline={deadline.kind}>
      {deadlineLabel(deadline)}
    </span>
  );
}

type Item = { id: number; body: string; status: HomeworkStatus; dueOn: string | null; deadline: HomeworkDeadline; interviewId: number; interviewee: string };
type Overdue = { total: number; hidden: number };
/** What openHomework (interviews.server.ts) gives a page: the open 宿題 the viewer may read and the overdue figure. */
export type OpenHomeworkFigures = { items: Item[]; overdue: Overdue };

/** Open 宿題 with the interview each came from, its status, its due date and where it stands against it. */
export function OpenHomeworkList({ teamId, items, empty = '未完了の宿題はありません。' }: { teamId: number; items: Item[]; empty?: string }) {
  if (items.length === 0) return <p className="muted">{empty}</p>;
  return (
    <ul className="plain-list homework-list" data-twin="homework">
      {items.map((h) => (
        <li key={h.id} data-deadline={h.deadline?.kind}>
          <span className="tag">{homeworkStatuses.label[h.status]}</span> <DeadlineBadge deadline={h.deadline} /> <span className="prewrap">{h.body}</span>
          <span className="muted">
            （<Link to={`/teams/${teamId}/interviews/${h.interviewId}`}>{h.interviewee}</Link>
            {h.dueOn ? (
              <>
                ・期限 <EraDate iso={h.dueOn} western={false} />
              </>
            ) : null}
            ）
          </span>
        </li>
      ))}
    </ul>
  );
}

const hiddenReason = 'あなたに公開されていないインタビュー（チーム内のみ など）の宿題のため、内容は表示されません。';

/**
 * How many 宿題 are past their due date, counting those in interviews the viewer may not read without
 * their text: the figure 概要 and /hr both show. Nothing when there are none, unless `none` is given.
 */
export function OverdueFigure({ overdue, none }: { overdue: Overdue; none?: string }) {
  if (overdue.total === 0) {
    return none ? (
      <p className="muted" data-figure="overdue-homework" data-count={0}>
        {none}
      </p>
    ) : null;
  }
  return (
    <p className="overdue-figure" data-figure="overdue-homework" data-count={overdue.total} data-hidden={overdue.hidden}>
      期限を過ぎた宿題が<strong>{counted(overdue.total, '件')}</strong>あります。
      {overdue.hidden ? `${overdue.hidden < overdue.total ? `うち${counted(overdue.hidden, '件')}は、` : ''}${hiddenReason}` : null}
    </p>
  );
}
