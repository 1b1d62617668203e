import { NavLink } from '~/components/Link';
import { formatFiscalYear, formatWesternFiscalYear } from '~/utils/dates';

/** The heading and tabs of a year's setup pages. */
export function YearNav({ fiscalYear, theme }: { fiscalYear: number; theme: string }) {
  const base = `/admin/years/${fiscalYear}`;
  return (
    <header className="team-header">
      <p className="muted">
        <NavLink to="/admin/years">年度の設定</NavLink>
      </p>
      <h1>
        {formatFiscalYear(fiscalYear)}
        <span className="date-western">{formatWesternFiscalYear(fiscalYear)}</span>
      </h1>
      <p>{theme}</p>
      <nav aria-label="年度のページ">
        <ul className="tabs">
          <li>
            <NavLink to={base} end>
              研究会・事前課題
            </NavLink>
          </li>
          <li>
            <NavLink to={`${base}/teams`}>チーム</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/import`}>CSV取り込み</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/groups`}>対話自治体</NavLink>
          </li>
          <li>
            <NavLink to={`${base}/preassignments`}>事前課題の提出状況</NavLink>
          </li>
        </ul>
      </nav>
    </header>
  );
}
