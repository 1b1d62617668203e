import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { ChangeForm } from '~/components/ChangeForm';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { createChange } from '~/models/changes.server';
import { changeSchema } from '~/schemas/change';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { redirectWithNotice } from '~/utils/notice.server';

export const meta: MetaFunction = () => [{ title: '創り出した変化を記録 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet } };
}

export const intents = { submit: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: changeSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const id = await createChange(actorOf(request, viewer), team.id, submission.value);
    return redirectWithNotice(`/teams/${team.id}/changes`, '保存しました。', id);
  });
}

export default function NewChange() {
  const { team, links } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>創り出した変化を記録</h2>
      <ChangeForm lastResult={lastResult} submitLabel="記録する" cancelTo={`/teams/${team.id}/changes`} />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
