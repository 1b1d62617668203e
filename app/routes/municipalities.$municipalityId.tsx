import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { getMunicipality, listTeamsOfMunicipality } from '~/models/municipalities.server';
import { requireViewer } from '~/utils/auth.server';
import { formatFiscalYear } from '~/utils/dates';
import { notFound, requireIdParam } from '~/utils/http.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.municipality.name} | 人マネ トラッカー` : 'ページが見つかりません' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireViewer(request);
  const id = requireIdParam(params.municipalityId);
  const municipality = await getMunicipality(id);
  if (!municipality) notFound();
  return { municipality, teams: await listTeamsOfMunicipality(id) };
}

export default function MunicipalityPage() {
  const { municipality, teams } = useLoaderData<typeof loader>();
  const people = new Set(teams.flatMap((t) => t.members.map((m) => m.personId)));
  return (
    <>
      <p className="muted">{municipality.prefecture}</p>
      <h1>{municipality.name}</h1>
      <p className="lead">
        参加 {teams.length}回・研究生 {people.size}名
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
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
