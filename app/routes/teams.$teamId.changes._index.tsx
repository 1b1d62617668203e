import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { changeStages, coCreationSteps } from '~/domain/codes';
import { listChanges, setChangeArchived } from '~/models/changes.server';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';
import { TeamRecordsLink } from '~/components/TeamRecordsLink';

export const meta: MetaFunction = () => [{ title: '創り出した変化 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const canWrite = access.kinds.includes('member');
  const [changes, archived] = await Promise.all([listChanges(team.id), canWrite ? listChanges(team.id, { archived: true }) : []]);
  const { notice, headers } = await takeNotice(request);
  return data(
    {
      team,
      links: { readProgress: access.readProgress, readSheet: access.readSheet },
      canWrite,
      changes,
      archived: archived.map((c) => ({ id: c.id, title: c.title })),
      notice,
    },
    { headers },
  );
}

export const intents = { restore: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, formData: form } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const changeId = requireIdParam(String(form.get('changeId') ?? ''));
  if (!(await setChangeArchived(actorOf(request, viewer), team.id, changeId, false))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  return redirectWithNotice(`/teams/${team.id}/changes`, '元に戻しました。', changeId);
}

export default function Changes() {
  const { team, links, canWrite, changes, archived, notice } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      <div className="page-actions">
        <h2>創り出した変化（{counted(changes.length, '件')}）</h2>
        {canWrite ? (
          <Link className="button" to={`/teams/${team.id}/changes/new`}>
            変化を記録
          </Link>
        ) : null}
        <a href={`/teams/${team.id}/changes.csv`} download>
          CSVで書き出す
        </a>
        <TeamRecordsLink teamId={team.id} />
      </div>
      {changes.length === 0 ? (
        <p className="muted">{canWrite ? 'まだ記録がありません。小さな一歩も、きっかけ・転機・変化として残しておきましょう。' : 'まだ記録がありません。'}</p>
      ) : null}
      {changes.map((c) => (
        <article key={c.id} className="card change" aria-labelledby={`change-${c.id}`}>
          <h3 id={`change-${c.id}`}>
            {c.title}
            {c.coCreationStep ? <span className="tag">{coCreationSteps.label[c.coCreationStep]}</span> : null}
          </h3>
          <ol className="change-chain">
            {c.moments.map((m) => (
              <li key={m.id}>
                <span className="tag">{changeStages.label[m.stage]}</span> <EraDate iso={m.occurredOn} western={false} />
                <p className="prewrap">{m.description}</p>
              </li>
            ))}
          </ol>
          {c.reflection ? (
            <>
              <h4>考察</h4>
              <p className="prewrap">{c.reflection}</p>
            </>
          ) : null}
          {canWrite ? (
            <p>
              <Link to={`/teams/${team.id}/changes/${c.id}`}>編集する</Link>
            </p>
          ) : null}
        </article>
      ))}
      {canWrite ? (
        <ArchivedList
          id="archived-changes"
          heading={`アーカイブ済み（${counted(archived.length, '件')}）`}
          items={archived}
          name="changeId"
          valueOf={(c) => c.id}
          label={(c) => c.title}
        />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
