import { Link } from '~/components/Link';
import { formatFiscalYear } from '~/utils/dates';

/**
 * A year's page before any team is registered: one line saying what to do next, instead of tables with
 * only their headings. `then` says what the page will show once there are teams.
 */
export function NoTeamsYet({ fiscalYear, then }: { fiscalYear: number; then: string }) {
  return (
    <p className="notice" data-next-step="teams">
      {formatFiscalYear(fiscalYear)}にはまだチームがありません。まず
      <Link to={`/admin/years/${fiscalYear}/teams`}>参加自治体のチームを登録</Link>
      してください。{then}
    </p>
  );
}
