import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { EraDate, EraDateSpan } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { SavedNotice } from '~/components/SavedNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { surveySources, visibilities } from '~/domain/codes';
import { listArchivedSurveys, listSurveys, setSurveyArchived } from '~/models/surveys.server';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import type { IntentNeeds } from '~/utils/permissions';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'アンケート結果 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  const canWrite = access.kinds.includes('member');
  const [surveys, archived] = await Promise.all([
    listSurveys(team.id, access.interviewVisibilities),
    canWrite ? listArchivedSurveys(team.id, access.interviewVisibilities) : [],
  ]);
  const { notice, headers } = await takeNotice(request);
  return data({ team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, canWrite, surveys, archived, notice }, { headers });
}

export const intents = { restore: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, access, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const surveyId = requireIdParam(String(formData.get('surveyId') ?? ''));
  const done = await setSurveyArchived(actorOf(request, viewer), team.id, surveyId, access.interviewVisibilities, false);
  if (!done) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  return redirectWithNotice(`/teams/${team.id}/surveys/${surveyId}`, '元に戻しました。', surveyId);
}

export default function Surveys() {
  const { team, links, canWrite, surveys, archived, notice } = useLoaderData<typeof loader>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <SavedNotice notice={notice} />
      <div className="page-actions">
        <h2 id="surveys-heading">アンケート結果（{counted(surveys.length, '件')}）</h2>
        {canWrite ? (
          <>
            <Link className="button" to={`/teams/${team.id}/surveys/import`}>
              CSVから取り込む
            </Link>
            <Link className="button button--secondary" to={`/teams/${team.id}/surveys/new`}>
              集計結果を手入力
            </Link>
          </>
        ) : null}
      </div>
      {canWrite ? (
        <p className="lead">
          Microsoft Forms・Google
          フォーム・LoGoフォームの回答をCSVで書き出して取り込むと、質問ごとに集計してグラフにします。集計結果しかない場合は、割合を手入力できます。
        </p>
      ) : null}
      {surveys.length === 0 ? <p className="muted">表示できるアンケートはありません。</p> : null}
      <ul className="plain-list" aria-labelledby="surveys-heading">
        {surveys.map((s) => (
          <li key={s.id} data-visibility={s.visibility}>
            <EraDateSpan from={s.heldOn} to={s.heldUntil} />　<Link to={`/teams/${team.id}/surveys/${s.id}`}>{s.title}</Link>
            <span className="muted">
              （
              {[s.audience ? `対象: ${s.audience}` : '', s.respondents !== null ? `回答${counted(s.respondents, '件')}` : '', `${counted(s.questions, '問')}`]
                .filter(Boolean)
                .join('・')}
              ・{surveySources.label[s.source]}・{visibilities.label[s.visibility]}）
            </span>
          </li>
        ))}
      </ul>
      {canWrite ? (
        <ArchivedList
          id="archived-heading"
          heading={`アーカイブ済み（${counted(archived.length, '件')}）`}
          items={archived}
          name="surveyId"
          valueOf={(s) => s.id}
          label={(s) => (
            <>
              <EraDate iso={s.heldOn} western={false} />　{s.title}
            </>
          )}
        />
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
