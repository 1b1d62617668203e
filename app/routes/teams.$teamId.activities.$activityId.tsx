import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, Link, useActionData, useLoaderData } from '@remix-run/react';
import { RestoreButton } from '~/components/RestoreButton';
import { ActivityForm } from '~/components/activities/ActivityForm';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { activityKinds, sessionKinds } from '~/domain/codes';
import { getActivity } from '~/models/activities.server';
import { setActivityArchived, updateActivity } from '~/models/activity-writes.server';
import { activityChoices, parseActivityForm } from '~/utils/activity-form.server';
import { formatDateTime } from '~/utils/dates';
import { duration } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam } from '~/utils/permissions.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.activity.title || '活動'} | 活動記録 | 人マネ トラッカー` : '活動記録' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const activityId = requireIdParam(params.activityId);
  const activity = await getActivity(team.id, activityId, access.interviewVisibilities);
  // Deleted entries are for those who may restore them; an interview's own entry lives with the interview.
  if (!activity || (activity.archivedAt && !access.write)) return denyNotFound(request, viewer, { activityId });
  const editable = access.write && !activity.ownInterview;
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    activity,
    editable,
    choices: editable ? await activityChoices(team, access.interviewVisibilities, activity.kind) : null,
  };
}

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  const activityId = requireIdParam(params.activityId);
  const current = await getActivity(team.id, activityId, access.interviewVisibilities);
  if (!current) return denyNotFound(request, viewer, { activityId });
  const formData = await request.formData();
  const intent = formData.get('intent');
  const actor = actorOf(request, viewer);
  const back = `/teams/${team.id}/activities`;
  // Entered once: the interview form keeps the interview and its own activity in step.
  if (current.ownInterview) throw new Response('Bad Request', { status: 400 });
  if (intent === 'save') {
    const { reply, values } = await parseActivityForm(formData, team, access.interviewVisibilities, current.kind);
    if (!values) return data(reply, { status: 400 });
    if (!(await updateActivity(actor, team.id, activityId, values))) throw new Response('Conflict', { status: 409 });
    return redirect(`${back}?added=${activityId}`);
  }
  if (intent === 'archive' || intent === 'restore') {
    await setActivityArchived(actor, team.id, activityId, intent === 'archive');
    return redirect(intent === 'archive' ? `${back}/archived?archived=${activityId}` : `${back}?added=${activityId}`);
  }
  throw new Response('Bad Request', { status: 400 });
}

export default function ActivityPage() {
  const { team, links, activity, editable, choices } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const base = `/teams/${team.id}/activities`;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p><Link to={base}>← 活動記録に戻る</Link></p>
      <h2>
        <span className="tag">{activityKinds.label[activity.kind]}</span> {activity.title || activityKinds.label[activity.kind]}
      </h2>
      {activity.archivedAt ? (
        <div className="notice" role="status">
          <p>この記録は削除されています（{formatDateTime(activity.archivedAt)}）。元に戻すと活動記録に再び表示されます。</p>
          <RestoreButton variant="button" />
        </div>
      ) : null}
      <dl className="facts">
        <dt>日付</dt>
        <dd><EraDate iso={activity.occurredOn} />{activity.startsAt ? ` ${activity.startsAt}〜` : ''}</dd>
        <dt>時間</dt>
        <dd>{duration(activity.durationMinutes)}</dd>
        <dt>参加者</dt>
        <dd>{[...activity.attendees.map((a) => a.fullName), activity.guests].filter(Boolean).join('、') || '—'}</dd>
        {activity.sessionNumber !== null && activity.sessionKind ? (<><dt>研究会</dt><dd>第{activity.sessionNumber}回{sessionKinds.label[activity.sessionKind]}</dd></>) : null}
        {activity.interviewee ? (
          <><dt>インタビュー</dt><dd><Link to={`/teams/${team.id}/interviews/${activity.interviewId}`}>{activity.interviewee}</Link></dd></>
        ) : null}
      </dl>
      {activity.notes ? <section aria-labelledby="notes-heading"><h3 id="notes-heading">メモ</h3><p className="prewrap">{activity.notes}</p></section> : null}

      {editable && choices && !activity.archivedAt ? (
        <>
          <section aria-labelledby="edit-heading">
            <h3 id="edit-heading">記録を編集</h3>
            <ActivityForm
              choices={choices}
              defaults={{ ...activity, attendeeIds: activity.attendees.map((a) => a.personId) }}
              lastResult={lastResult ?? undefined}
              submitLabel="保存する"
              draftName={`activity-${activity.id}`}
            />
          </section>
          <section aria-labelledby="delete-heading">
            <h3 id="delete-heading">記録を削除</h3>
            <p className="muted">削除した記録は「削除した記録」から元に戻せます。</p>
            <Form method="post">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button button--danger">この記録を削除する</button>
            </Form>
          </section>
        </>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
