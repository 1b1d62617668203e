import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { SurveyForm } from '~/components/surveys/SurveyForm';
import { TeamHeader } from '~/components/TeamHeader';
import { submitOnce } from '~/models/submissions.server';
import { createSurvey, surveyActivityChoices } from '~/models/surveys.server';
import { surveySchema } from '~/schemas/survey';
import { todayInTokyo } from '~/utils/clock';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice } from '~/utils/notice.server';
import type { IntentNeeds } from '~/utils/permissions';
import { actorOf, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: 'アンケートの集計結果を入力 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    today: todayInTokyo(),
    activityChoices: await surveyActivityChoices(team.id),
  };
}

export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: surveySchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const { activityId } = submission.value;
    const taken = { activityId: ['このチームの、まだアンケートに結び付いていない活動記録から選んでください'] };
    if (activityId && !(await surveyActivityChoices(team.id)).some((a) => a.id === activityId))
      return data(submission.reply({ fieldErrors: taken }), { status: 400 });
    const created = await createSurvey(actorOf(request, viewer), team.id, submission.value);
    if (created.kind === 'activityTaken') return data(submission.reply({ fieldErrors: taken }), { status: 400 });
    return redirectWithNotice(`/teams/${team.id}/surveys/${created.id}`, '保存しました。活動記録にも反映されています。', created.id);
  });
}

export default function NewSurvey() {
  const { team, links, today, activityChoices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/surveys`}>← アンケートの一覧に戻る</Link>
      </p>
      <h2>アンケートの集計結果を入力</h2>
      <p className="lead">
        集計結果しか手元にない場合に、質問ごとの割合を入力します。回答のCSVがある場合は<Link to={`/teams/${team.id}/surveys/import`}>CSVから取り込む</Link>
        と、件数も残せます。保存すると、活動記録にも「アンケート」として1件追加されます。
      </p>
      <SurveyForm
        draftName="survey"
        lastResult={lastResult}
        defaultValue={{ heldOn: today, visibility: 'team' }}
        questions={[]}
        typedRespondents
        activityChoices={activityChoices}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/surveys`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
