import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { RestoreButton } from '~/components/RestoreButton';
import { StaleNotice } from '~/components/StaleNotice';
import { ActivityForm } from '~/components/activities/ActivityForm';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { activityKinds, sessionKinds } from '~/domain/codes';
import { getActivity } from '~/models/activities.server';
import { setActivityArchived, updateActivity, type ActivityValues } from '~/models/activity-writes.server';
import { listTeamMembers } from '~/models/teams.server';
import { baseVersion } from '~/schemas/fields';
import { activityChoices, parseActivityForm } from '~/utils/activity-form.server';
import { formatDateTime } from '~/utils/dates';
import { postedVersion, staleReply, type ReadableField } from '~/utils/stale-reply.server';
import { duration } from '~/utils/format';
import { badRequest, requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice } from '~/utils/notice.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${data.activity.title || '活動'} | 活動記録 | 人マネ トラッカー` : '活動記録' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const activityId = requireIdParam(params.activityId);
  const activity = await getActivity(team.id, activityId, access.interviewVisibilities);
  // Deleted entries are for those who may restore them; an interview's (a survey's) own entry lives with it.
  if (!activity || (activity.archivedAt && !access.write)) return denyNotFound(request, viewer, { activityId });
  const editable = access.write && !activity.ownInterview && !activity.ownSurvey;
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    activity,
    editable,
    choices: editable ? await activityChoices(team, access.interviewVisibilities, activity.kind) : null,
  };
}

export const intents = { save: 'team:write', archive: 'team:write', restore: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, access, viewer, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const activityId = requireIdParam(params.activityId);
  const current = await getActivity(team.id, activityId, access.interviewVisibilities);
  if (!current) return denyNotFound(request, viewer, { activityId });
  const actor = actorOf(request, viewer);
  const back = `/teams/${team.id}/activities`;
  // Entered once: the interview (survey) form keeps the interview (survey) and its own activity in step.
  if (current.ownInterview || current.ownSurvey) badRequest();
  if (intent === 'save') {
    const { reply, values } = await parseActivityForm(formData, team, access.interviewVisibilities, current.kind);
    if (!values) return data({ result: reply, stale: null, version: postedVersion(formData) }, { status: 400 });
    const version = baseVersion().safeParse(formData.get('baseVersion'));
    if (!version.success) return data({ result: { ...reply, error: { '': [version.error.issues[0]!.message] } }, stale: null, version: null }, { status: 400 });
    const saved = await updateActivity(actor, team.id, activityId, values, version.data);
    if (saved.kind === 'missing') return denyNotFound(request, viewer, { activityId });
    if (saved.kind === 'stale') {
      // Someone saved first: nothing was written; the person's entry comes back, now based on theirs.
      const latest = await getActivity(team.id, activityId, access.interviewVisibilities);
      if (!latest) return denyNotFound(request, viewer, { activityId });
      const names = new Map((await listTeamMembers(team.id)).map((m) => [m.personId, m.fullName]));
      const mine = { ...values, attendees: values.attendeeIds.map((id) => ({ fullName: names.get(id) ?? '' })) };
      const answer = staleReply(formData, reply, readable(mine), {
        form: formValues(latest),
        readable: readable(latest),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
      return data(answer, { status: 409 });
    }
    return redirectWithNotice(back, '保存しました。', activityId);
  }
  await setActivityArchived(actor, team.id, activityId, intent === 'archive');
  return intent === 'archive'
    ? redirectWithNotice(`${back}/archived`, '記録を削除しました。この画面から元に戻せます。', activityId)
    : redirectWithNotice(back, '元に戻しました。', activityId);
}

type Entry = Pick<ActivityValues, 'kind' | 'occurredOn' | 'startsAt' | 'durationMinutes' | 'title' | 'guests' | 'notes'> & {
  attendees: { fullName: string }[];
};

/** An entry's fields as people read them, to compare a refused save with the newer one. */
function readable(entry: Entry): ReadableField[] {
  return [
    { key: 'kind', label: '種別', value: activityKinds.label[entry.kind] },
    { key: 'occurredOn', label: '日付', value: entry.occurredOn },
    { key: 'startsAt', label: '開始時刻', value: entry.startsAt ?? '' },
    { key: 'durationMinutes', label: '時間', value: duration(entry.durationMinutes) },
    { key: 'title', label: 'タイトル', value: entry.title },
    { key: 'attendeeIds', label: '参加者', value: entry.attendees.map((a) => a.fullName).join('、') },
    { key: 'guests', label: 'ゲスト', value: entry.guests },
    { key: 'notes', label: 'メモ', value: entry.notes },
  ];
}

/** The newer entry as the form posts it. */
function formValues(entry: NonNullable<Awaited<ReturnType<typeof getActivity>>>) {
  return {
    kind: entry.kind,
    occurredOn: entry.occurredOn,
    startsAt: entry.startsAt ?? '',
    durationPick: '',
    durationMinutes: String(entry.durationMinutes),
    title: entry.title,
    guests: entry.guests,
    notes: entry.notes,
    attendeeIds: entry.attendees.map((a) => String(a.personId)),
    sessionId: entry.sessionId ? String(entry.sessionId) : '',
    interviewId: entry.interviewId ? String(entry.interviewId) : '',
  };
}

export default function ActivityPage() {
  const { team, links, activity, editable, choices } = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  const base = `/teams/${team.id}/activities`;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={base}>← 活動記録に戻る</Link>
      </p>
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
        <dd>
          <EraDate iso={activity.occurredOn} />
          {activity.startsAt ? ` ${activity.startsAt}〜` : ''}
        </dd>
        <dt>時間</dt>
        <dd>{duration(activity.durationMinutes)}</dd>
        <dt>参加者</dt>
        <dd>{[...activity.attendees.map((a) => a.fullName), activity.guests].filter(Boolean).join('、') || '—'}</dd>
        {activity.sessionNumber !== null && activity.sessionKind ? (
          <>
            <dt>研究会</dt>
            <dd>
              第{activity.sessionNumber}回{sessionKinds.label[activity.sessionKind]}
            </dd>
          </>
        ) : null}
        {activity.surveyId ? (
          <>
            <dt>アンケート</dt>
            <dd>
              <Link to={`/teams/${team.id}/surveys/${activity.surveyId}`}>アンケートの結果を見る</Link>
            </dd>
          </>
        ) : null}
        {activity.interviewee ? (
          <>
            <dt>インタビュー</dt>
            <dd>
              <Link to={`/teams/${team.id}/interviews/${activity.interviewId}`}>{activity.interviewee}</Link>
            </dd>
          </>
        ) : null}
      </dl>
      {activity.notes ? (
        <section aria-labelledby="notes-heading">
          <h3 id="notes-heading">メモ</h3>
          <p className="prewrap">{activity.notes}</p>
        </section>
      ) : null}

      {editable && choices && !activity.archivedAt ? (
        <>
          <section aria-labelledby="edit-heading">
            <h3 id="edit-heading">記録を編集</h3>
            <ActivityForm
              choices={choices}
              defaults={{ ...activity, attendeeIds: activity.attendees.map((a) => a.personId) }}
              lastResult={reply?.result ?? undefined}
              submitLabel="保存する"
              draftName={`activity-${activity.id}`}
              version={reply?.version ?? activity.version}
              notice={reply?.stale ? <StaleNotice stale={reply.stale} /> : null}
            />
          </section>
          <section aria-labelledby="delete-heading">
            <h3 id="delete-heading">記録を削除</h3>
            <p className="muted">削除した記録は「削除した記録」から元に戻せます。</p>
            <Form method="post">
              <input type="hidden" name="intent" value="archive" />
              <button type="submit" className="button button--danger">
                この記録を削除する
              </button>
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
