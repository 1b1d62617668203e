import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ActivityForm } from '~/components/activities/ActivityForm';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { createActivity } from '~/models/activity-writes.server';
import { activityChoices, parseActivityForm } from '~/utils/activity-form.server';
import { todayInTokyo } from '~/utils/clock';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { redirectWithNotice } from '~/utils/notice.server';

export const meta: MetaFunction = () => [{ title: '活動を記録 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    choices: await activityChoices(team, access.interviewVisibilities),
    today: todayInTokyo(),
  };
}

export const intents = { save: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, access, viewer, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, async () => {
    const { reply, values } = await parseActivityForm(formData, team, access.interviewVisibilities);
    if (!values) return data(reply, { status: 400 });
    const id = await createActivity(actorOf(request, viewer), team, values);
    return redirectWithNotice(`/teams/${team.id}/activities`, '活動を記録しました。', id);
  });
}

export default function NewActivity() {
  const { team, links, choices, today } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/activities`}>← 活動記録に戻る</Link>
      </p>
      <h2>活動を記録する</h2>
      <ActivityForm
        choices={choices}
        defaults={{ kind: 'meeting', occurredOn: today, durationMinutes: 60, attendeeIds: [] }}
        lastResult={lastResult ?? undefined}
        submitLabel="記録する"
        draftName="activity-new"
        suggest={{ interviewHref: `/teams/${team.id}/interviews/new` }}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
