import { ActivityTotals } from '~/components/ActivityTotals';
import { ScrollRegion } from '~/components/ScrollRegion';
import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { Link, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { teamsOfMunicipalities, type MunicipalityTeam } from '~/models/dashboard-municipality.server';
import { currentFiscalYear } from '~/utils/clock';
import { formatFiscalYear } from '~/utils/dates';
import { requireAlumnus } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'マネ友 | 人マネ トラッカー' }];

// 「部会に卒業はない」: an alumnus follows their municipality's teams, current and past, and the
// teams they mentor. Other alumni pages (directory, groups, support) link from here.
export async function loader({ request }: LoaderFunctionArgs) {
  const { viewer } = await requireAlumnus(request);
  const teams = await teamsOfMunicipalities(viewer.alumniMunicipalityIds, viewer.mentorTeamIds);
  const fiscalYear = currentFiscalYear();
  const own = teams.filter((t) => viewer.alumniMunicipalityIds.includes(t.municipalityId));
  const municipalities = [...new Map(own.map((t) => [t.municipalityId, t.municipalityName])).entries()].map(([id, name]) => ({
    id,
    name,
    current: own.filter((t) => t.municipalityId === id && t.fiscalYear === fiscalYear),
    past: own.filter((t) => t.municipalityId === id && t.fiscalYear < fiscalYear),
  }));
  return { fiscalYear, municipalities, mentored: teams.filter((t) => t.mentored) };
}

function TeamRows({ teams }: { teams: MunicipalityTeam[] }) {
  return (
    <ScrollRegion label="チームの一覧">
      <table className="data-table">
        <thead>
          <tr>
            <th scope="col">年度</th>
            <th scope="col">チーム</th>
            <th scope="col">活動</th>
            <th scope="col">変革ストーリーシート</th>
          </tr>
        </thead>
        <tbody>
          {teams.map((t) => (
            <tr key={t.teamId} data-team={t.teamId}>
              <td className="nowrap">{formatFiscalYear(t.fiscalYear)}</td>
              <th scope="row">
                <Link to={`/teams/${t.teamId}`}>
                  {t.municipalityName}チーム（{t.generation}期生）
                </Link>
              </th>
              <td>
                <ActivityTotals activities={t.activities} minutes={t.minutes} />
              </td>
              <td>{t.sheetVersion ? <Link to={`/teams/${t.teamId}/sheet`}>第{t.sheetVersion}版</Link> : '—'}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </ScrollRegion>
  );
}

export default function AlumniOverview() {
  const { fiscalYear, municipalities, mentored } = useLoaderData<typeof loader>();
  return (
    <>
      <h1>マネ友</h1>
      <p className="muted">部会に卒業はない。自分の自治体のチームと、支援しているチームの歩みを見守れます。</p>
      <nav aria-label="マネ友のページ">
        <ul className="tabs">
          <li>
            <Link to="/alumni/directory">マネ友名簿</Link>
          </li>
          <li>
            <Link to="/alumni/groups">マネ友の会</Link>
          </li>
        </ul>
      </nav>
      {municipalities.map((m) => (
        <section key={m.id} aria-labelledby={`city-${m.id}`}>
          <h2 id={`city-${m.id}`}>{m.name}のチーム</h2>
          <h3>{formatFiscalYear(fiscalYear)}（今年度）</h3>
          {m.current.length ? <TeamRows teams={m.current} /> : <p className="muted">今年度のチームはまだ登録されていません。</p>}
          <h3>これまでのチーム</h3>
          {m.past.length ? <TeamRows teams={m.past} /> : <p className="muted">これまでのチームはありません。</p>}
        </section>
      ))}
      <section aria-labelledby="mentored-heading">
        <h2 id="mentored-heading">支援しているチーム</h2>
        {mentored.length ? <TeamRows teams={mentored} /> : <p className="muted">支援を担当しているチームはありません。</p>}
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
