import { NavLink } from '~/components/Link';

/** The マネ友 pages share these tabs. */
export function AlumniNav() {
  return (
    <nav aria-label="マネ友のページ">
      <ul className="tabs">
        <li>
          <NavLink to="/alumni/directory">マネ友名簿</NavLink>
        </li>
        <li>
          <NavLink to="/alumni/groups">マネ友の会</NavLink>
        </li>
        <li>
          <NavLink to="/alumni/support">世話人派遣</NavLink>
        </li>
        <li>
          <NavLink to="/alumni/me">自分の掲載設定</NavLink>
        </li>
      </ul>
    </nav>
  );
}
