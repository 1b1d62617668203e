import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ErrorPage } from '~/components/ErrorPage';
import { InterviewForm } from '~/components/InterviewForm';
import { TeamHeader } from '~/components/TeamHeader';
import { createInterview } from '~/models/interviews.server';
import { interviewSchema } from '~/schemas/interview';
import { todayInTokyo } from '~/utils/clock';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { redirectWithNotice } from '~/utils/notice.server';

export const meta: MetaFunction = () => [{ title: 'インタビューを記録 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, today: todayInTokyo() };
}

export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: interviewSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const id = await createInterview(actorOf(request, viewer), team.id, submission.value);
    return redirectWithNotice(`/teams/${team.id}/interviews/${id}`, '保存しました。活動記録にも反映されています。', id);
  });
}

export default function NewInterview() {
  const { team, links, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>キーパーソンインタビューを記録</h2>
      <p className="lead">記録すると、活動記録にも「キーパーソンインタビュー」として1件追加されます。</p>
      <InterviewForm
        draftName="interview"
        lastResult={lastResult}
        defaultValue={{ interviewedOn: today, visibility: 'team' }}
        homework={[]}
        blankRows={3}
        submitLabel="記録する"
        cancelTo={`/teams/${team.id}/interviews`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
