import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ChangeForm } from '~/components/ChangeForm';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { getChange, setChangeArchived, updateChange } from '~/models/changes.server';
import { changeSchema } from '~/schemas/change';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeamMember } from '~/utils/permissions.server';

export const meta: MetaFunction = () => [{ title: '創り出した変化を編集 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const changeId = requireIdParam(params.changeId);
  const change = await getChange(team.id, changeId);
  if (!change) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, change };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team } = await requireTeamMember(request, requireIdParam(params.teamId));
  const changeId = requireIdParam(params.changeId);
  const formData = await request.formData();
  const actor = actorOf(request, viewer);
  if (formData.get('intent') === 'archive') {
    if (!(await setChangeArchived(actor, team.id, changeId, true))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
    return redirect(`/teams/${team.id}/changes?archived=${changeId}`);
  }
  if (!(await getChange(team.id, changeId))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  const submission = parseWithZod(formData, { schema: changeSchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  if (!(await updateChange(actor, team.id, changeId, submission.value))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  return redirect(`/teams/${team.id}/changes?saved=${changeId}`);
}

export default function EditChange() {
  const { team, links, change } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>創り出した変化を編集</h2>
      <ChangeForm
        lastResult={lastResult}
        defaultValue={{ title: change.title, reflection: change.reflection, coCreationStep: change.coCreationStep, moments: change.moments }}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/changes`}
      />
      <Form method="post">
        <input type="hidden" name="intent" value="archive" />
        <button type="submit" className="button button--danger">アーカイブする</button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
