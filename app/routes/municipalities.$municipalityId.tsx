import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { getMunicipality, listTeamsOfMunicipality } from '~/models/municipalities.server';
import { requireViewer } from '~/utils/auth.server';
import { currentFiscalYear } from '~/utils/clock';
import { formatFiscalYear, formatWesternFiscalYear } from '~/utils/dates';
import { seesUnlistedMembers } from '~/utils/permissions';
import { notFound, requireIdParam } from '~/utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.municipality.name} | 人マネ トラッカー` : 'ページが見つかりません' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const viewer = await requireViewer(request);
  const id = requireIdParam(params.municipalityId);
  const municipality = await getMunicipality(id);
  if (!municipality) notFound();
  const teams = await listTeamsOfMunicipality(id);
  const currentYear = currentFiscalYear();
  const counts = {
    people: new Set(teams.flatMap((t) => t.members.map((m) => m.personId))).size,
    alumni: new Set(teams.filter((t) => t.fiscalYear < currentYear).flatMap((t) => t.members.map((m) => m.personId))).size,
  };
  const shown = teams.map((team) => {
    const members = seesUnlistedMembers(viewer, { id: team.id, municipalityId: id, fiscalYear: team.fiscalYear })
      ? team.members
      : team.members.filter((m) => m.directoryListed);
    return { ...team, members, unlisted: team.members.length - members.length };
  });
  return { municipality, teams: shown, counts, currentYear };
}

export default function MunicipalityPage() {
  const { municipality, teams, counts, currentYear } = useLoaderData<typeof loader>();
  // マネ友: everyone from an earlier year's team (部会に卒業はない).
  const alumni = new Map(
    teams.filter((t) => t.fiscalYear < currentYear).flatMap((t) => t.members.map((m) => [m.personId, { ...m, generation: t.generation }] as const)),
  );
  return (
    <>
      <p className="muted">{municipality.prefecture}</p>
      <h1>{municipality.name}</h1>
      <p className="lead">
        参加 {teams.length}回・研究生 {counts.people}名・マネ友 {counts.alumni}名
      </p>
      <h2>年度ごとのチーム</h2>
      {teams.length === 0 ? <p>まだ参加したチームはありません。</p> : null}
      {teams.map((team) => (
        <section key={team.id} className="card" aria-labelledby={`team-${team.id}`}>
          <h3 id={`team-${team.id}`}>
            {formatFiscalYear(team.fiscalYear)}　{team.generation}期生
            <span className="date-western">{formatWesternFiscalYear(team.fiscalYear)}</span>
          </h3>
          <ul className="member-list">
            {team.members.map((m) => (
              <li key={m.personId}>
                {m.fullName}
                <span className="muted">（{[m.department, m.section].filter(Boolean).join(' ')}）</span>
                {m.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
              </li>
            ))}
          </ul>
          {team.members.length === 0 && !team.unlisted ? <p className="muted">メンバー未登録</p> : null}
          {team.unlisted ? <p className="muted">マネ友名簿に載せていない{team.unlisted}名の名前は表示していません。</p> : null}
        </section>
      ))}
      {counts.alumni ? (
        <section aria-labelledby="alumni-heading">
          <h2 id="alumni-heading">マネ友（これまでの研究生 {counts.alumni}名）</h2>
          <ul className="member-list">
            {[...alumni.values()]
              .sort((a, b) => a.generation - b.generation)
              .map((m) => (
                <li key={m.personId}>
                  {m.fullName}
                  <span className="muted">（{m.generation}期生）</span>
                </li>
              ))}
          </ul>
          {counts.alumni > alumni.size ? <p className="muted">マネ友名簿に載せていない{counts.alumni - alumni.size}名の名前は表示していません。</p> : null}
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
