import { redirect, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { currentFiscalYear } from '~/utils/clock';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { listCandidateTeams } from '~/models/teams.server';
import { requireViewer } from '~/utils/auth.server';
import { formatFiscalYear } from '~/utils/dates';
import { canSeeTeam } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: 'チーム | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const candidates = await listCandidateTeams({
    all: viewer.organizer,
    teamIds: [...viewer.memberTeamIds, ...viewer.partnerTeamIds, ...viewer.mentorTeamIds],
    municipalityIds: [...viewer.hrMunicipalityIds, ...viewer.alumniMunicipalityIds],
  });
  const teams = candidates.filter((team) => canSeeTeam(viewer, team)).map((team) => ({ ...team, mine: viewer.memberTeamIds.includes(team.id) }));
  // Just signed in (/login sends people here with ?landing): a member of this year's team goes straight to it.
  if (new URL(request.url).searchParams.has('landing')) {
    const own = teams.filter((team) => team.mine && team.fiscalYear === currentFiscalYear());
    if (own.length === 1) throw redirect(`/teams/${own[0]!.id}`);
  }
  return { teams };
}

export default function Teams() {
  const { teams } = useLoaderData<typeof loader>();
  const years = [...new Set(teams.map((t) => t.fiscalYear))];
  return (
    <>
      <h1>チーム</h1>
      {teams.length === 0 ? <p>表示できるチームはありません。</p> : <p className="lead">{teams.length}チーム</p>}
      {years.map((year) => (
        <section key={year} aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{formatFiscalYear(year)}</h2>
          <ul className="plain-list">
            {teams
              .filter((t) => t.fiscalYear === year)
              .map((t) => (
                <li key={t.id}>
                  <Link to={`/teams/${t.id}`}>{t.municipalityName}チーム</Link>
                  <span className="muted">（{t.prefecture}）</span>
                  {t.mine ? <span className="tag">自分のチーム</span> : null}
                </li>
              ))}
          </ul>
        </section>
      ))}
    </>
  );
}
