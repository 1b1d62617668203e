import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { getMunicipality, listTeamsOfMunicipality } from '~/models/municipalities.server';
import { requireViewer } from '~/utils/auth.server';
import { fiscalYearOf, formatFiscalYear, todayInTokyo } from '~/utils/dates';
import { notFound, requireIdParam } from '~/utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.municipality.name} | 人マネ トラッカー` : 'ページが見つかりません' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireViewer(request);
  const id = requireIdParam(params.municipalityId);
  const municipality = await getMunicipality(id);
  if (!municipality) notFound();
  return { municipality, teams: await listTeamsOfMunicipality(id), currentYear: fiscalYearOf(todayInTokyo()) };
}

export default function MunicipalityPage() {
  const { municipality, teams, currentYear } = useLoaderData<typeof loader>();
  const people = new Set(teams.flatMap((t) => t.members.map((m) => m.personId)));
  // マネ友: everyone from an earlier year's team (部会に卒業はない).
  const alumni = new Map(teams.filter((t) => t.fiscalYear < currentYear).flatMap((t) => t.members.map((m) => [m.personId, { ...m, generation: t.generation }] as const)));
  return (
    <>
      <p className="muted">{municipality.prefecture}</p>
      <h1>{municipality.name}</h1>
      <p className="lead">
        参加 {teams.length}回・研究生 {people.size}名・マネ友 {alumni.size}名
      </p>
      <h2>年度ごとのチーム</h2>
      {teams.length === 0 ? <p>まだ参加したチームはありません。</p> : null}
      {teams.map((team) => (
        <section key={team.id} className="card" aria-labelledby={`team-${team.id}`}>
          <h3 id={`team-${team.id}`}>
            {formatFiscalYear(team.fiscalYear)}　{team.generation}期生
            <span className="date-western">FY{team.fiscalYear}</span>
          </h3>
          <ul className="member-list">
            {team.members.map((m) => (
              <li key={m.personId}>
                {m.fullName}
                <span className="muted">
                  （{[m.department, m.section].filter(Boolean).join(' ')}）
                </span>
                {m.isHrSlot ? <span className="tag">人事担当課枠</span> : null}
              </li>
            ))}
          </ul>
          {team.members.length === 0 ? <p className="muted">メンバー未登録</p> : null}
        </section>
      ))}
      {alumni.size ? (
        <section aria-labelledby="alumni-heading">
          <h2 id="alumni-heading">マネ友（これまでの研究生 {alumni.size}名）</h2>
          <ul className="member-list">
            {[...alumni.values()].sort((a, b) => a.generation - b.generation).map((m) => (
              <li key={m.personId}>{m.fullName}<span className="muted">（{m.generation}期生）</span></li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
