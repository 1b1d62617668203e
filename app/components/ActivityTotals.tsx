import { counted, hours } from '~/utils/format';

/**
 * 「76回・123時間」 for a team's year, never split inside a figure; 「記録なし」 for a team with no activity in the
 * app (a team from before the app, whose log is still in Excel), which 「0回・0時間」 would read as idle.
 */
export function ActivityTotals({ activities, minutes }: { activities: number; minutes: number }) {
  if (activities === 0) return <span className="muted">記録なし</span>;
  return (
    <>
      <span className="nowrap">{counted(activities, '回')}</span>・<span className="nowrap">{hours(minutes)}</span>
    </>
  );
}
