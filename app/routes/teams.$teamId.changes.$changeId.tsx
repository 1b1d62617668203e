import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { ChangeForm } from '~/components/ChangeForm';
import { ErrorPage } from '~/components/ErrorPage';
import { StaleNotice } from '~/components/StaleNotice';
import { TeamHeader } from '~/components/TeamHeader';
import { changeStages, coCreationSteps } from '~/domain/codes';
import { getChange, setChangeArchived, updateChange } from '~/models/changes.server';
import { changeEditSchema } from '~/schemas/change';
import { requireIdParam } from '~/utils/http.server';
import { redirectWithNotice } from '~/utils/notice.server';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';
import { actorOf, denyNotFound, requireTeamIntent, requireTeamMember } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: '創り出した変化を編集 | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeamMember(request, requireIdParam(params.teamId));
  const changeId = requireIdParam(params.changeId);
  const change = await getChange(team.id, changeId);
  if (!change) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  return { team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, change };
}

export const intents = { submit: 'team:member', archive: 'team:member' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, team, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const changeId = requireIdParam(params.changeId);
  const actor = actorOf(request, viewer);
  if (intent === 'archive') {
    if (!(await setChangeArchived(actor, team.id, changeId, true))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
    return redirectWithNotice(`/teams/${team.id}/changes`, 'アーカイブしました。下の「アーカイブ済み」から元に戻せます。', changeId);
  }
  if (!(await getChange(team.id, changeId))) return denyNotFound(request, viewer, { teamId: team.id, changeId });
  const submission = parseWithZod(formData, { schema: changeEditSchema });
  if (submission.status !== 'success') return data({ result: submission.reply(), stale: null, version: postedVersion(formData) }, { status: 400 });
  const { baseVersion, ...input } = submission.value;
  const saved = await updateChange(actor, team.id, changeId, input, baseVersion);
  if (saved.kind === 'missing') return denyNotFound(request, viewer, { teamId: team.id, changeId });
  if (saved.kind === 'stale') {
    // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
    const latest = await getChange(team.id, changeId);
    if (!latest) return denyNotFound(request, viewer, { teamId: team.id, changeId });
    const form = { title: latest.title, reflection: latest.reflection, coCreationStep: latest.coCreationStep ?? '', moments: latest.moments };
    const answer = staleReply(formData, submission.reply(), readable(input), {
      form,
      readable: readable(latest),
      savedAt: latest.updatedAt,
      version: latest.version,
    });
    return data(answer, { status: 409 });
  }
  return redirectWithNotice(`/teams/${team.id}/changes`, '保存しました。', changeId);
}

/** A chain as people read it, to compare a refused save with the newer one. */
function readable(chain: {
  title: string;
  reflection: string;
  coCreationStep?: string | null;
  moments: { stage: string; occurredOn?: string | null; description: string }[];
}): ReadableField[] {
  const moments = chain.moments
    .filter((m) => m.description.trim())
    .map((m) => `${changeStages.label[m.stage as keyof typeof changeStages.label] ?? m.stage} ${m.occurredOn ?? ''} ${m.description.trim()}`)
    .join('\n');
  const step = chain.coCreationStep ? coCreationSteps.label[chain.coCreationStep as keyof typeof coCreationSteps.label] : '';
  return [
    { key: 'title', label: 'タイトル', value: chain.title },
    { key: 'moments', label: '出来事', value: moments },
    { key: 'reflection', label: '考察', value: chain.reflection },
    { key: 'coCreationStep', label: '共創のステップ', value: step },
  ];
}

export default function EditChange() {
  const { team, links, change } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>創り出した変化を編集</h2>
      <ChangeForm
        lastResult={reply?.result}
        defaultValue={{ title: change.title, reflection: change.reflection, coCreationStep: change.coCreationStep, moments: change.moments }}
        submitLabel="保存する"
        cancelTo={`/teams/${team.id}/changes`}
        version={reply?.version ?? change.version}
        notice={reply?.stale ? <StaleNotice stale={reply.stale} /> : null}
      />
      <Form method="post">
        <input type="hidden" name="intent" value="archive" />
        <button type="submit" className="button button--danger">
          アーカイブする
        </button>
      </Form>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
