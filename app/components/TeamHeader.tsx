import { NavLink } from '~/components/Link';
import { formatFiscalYear } from '~/utils/dates';

type Props = {
  team: { id: number; municipalityName: string; prefecture: string; fiscalYear: number; generation: number };
  links: { readProgress: boolean; readSheet: boolean };
};

/** The heading and tabs every team page shares; tabs show only what the viewer may open. */
export function TeamHeader({ team, links }: Props) {
  return (
    <header className="team-header">
      <p className="muted">
        {team.prefecture}・{formatFiscalYear(team.fiscalYear)}・{team.generation}期生
      </p>
      <h1>{team.municipalityName}チーム</h1>
      <nav aria-label="チームのページ">
        <ul className="tabs">
          <li>
            <NavLink to={`/teams/${team.id}`} end>
              概要
            </NavLink>
          </li>
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/activities`}>活動記録</NavLink>
            </li>
          ) : null}
          {links.readSheet ? (
            <li>
              <NavLink to={`/teams/${team.id}/sheet`}>変革ストーリーシート</NavLink>
            </li>
          ) : null}
          <li>
            <NavLink to={`/teams/${team.id}/interviews`}>インタビュー</NavLink>
          </li>
          <li>
            <NavLink to={`/teams/${team.id}/surveys`}>アンケート</NavLink>
          </li>
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/moyamoya`}>モヤモヤ</NavLink>
            </li>
          ) : null}
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/preassignments`}>事前課題</NavLink>
            </li>
          ) : null}
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/changes`}>創り出した変化</NavLink>
            </li>
          ) : null}
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/mentors`}>マネ友</NavLink>
            </li>
          ) : null}
          {links.readProgress ? (
            <li>
              <NavLink to={`/teams/${team.id}/handover`}>引き継ぎ</NavLink>
            </li>
          ) : null}
          {links.readSheet ? (
            <li>
              <NavLink to={`/teams/${team.id}/paper`}>共同論文</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
    </header>
  );
}
