import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { DraftForm } from '~/components/DraftForm';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { addMeeting, getGroup, groupMeetings, groupMembers, isGroupMember } from '~/models/alumni-groups.server';
import { offsiteMeetingSchema } from '~/schemas/alumni';
import type { FormShape } from '~/schemas/types';
import { requireViewer } from '~/utils/auth.server';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, denyNotFound, requireIntent } from '~/utils/permissions.server';
import { submitOnce } from '~/models/submissions.server';
import type { IntentNeeds, Viewer, ViewerNeed } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data ? `${data.group.name} | 人マネ トラッカー` : 'マネ友の会' }];

async function load(request: Request, groupId: number) {
  const viewer = await requireViewer(request);
  const group = await getGroup(groupId);
  if (!group) return denyNotFound(request, viewer, { alumniGroupId: groupId });
  return { viewer, group, canAdd: await mayAddMeeting(viewer, group.id) };
}

/** A group's off-sites are recorded by its members and organizers. */
async function mayAddMeeting(viewer: Viewer, groupId: number) {
  return viewer.organizer || isGroupMember(groupId, viewer.personId);
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { group, canAdd } = await load(request, requireIdParam(params.groupId));
  const [members, meetings] = await Promise.all([groupMembers(group.id), groupMeetings(group.id)]);
  const { notice, headers } = await takeNotice(request);
  return data({ group, members, meetings, canAdd, notice }, { headers });
}

export const intents = { submit: 'record:groupMember' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { group } = await load(request, requireIdParam(params.groupId));
  const { viewer, formData } = await requireIntent(request, intents, { 'record:groupMember': (v) => mayAddMeeting(v, group.id) });
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: offsiteMeetingSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    if (!(await addMeeting({ ...actorOf(request, viewer), userId: viewer.userId }, group.id, submission.value))) {
      return data(submission.reply({ fieldErrors: { facilitatorIds: ['世話人と参加者は会員から選んでください'] } }), { status: 400 });
    }
    return redirectWithNotice(`/alumni/groups/${group.id}`, 'オフサイトミーティングを記録しました。');
  });
}

export default function AlumniGroup() {
  const { group, members, meetings, canAdd, notice } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof offsiteMeetingSchema>>({ lastResult });
  const generations = [...new Set(members.map((m) => m.fiscalYear).filter((y): y is number => y != null))].sort();
  return (
    <>
      <p>
        <Link to="/alumni/groups">マネ友の会の一覧へ</Link>
      </p>
      <h1>{group.name}</h1>
      <SavedNotice notice={notice} />
      <p className="muted">
        {group.municipalityName ?? ''}
        {group.foundedOn ? (
          <>
            ・設立 <EraDate iso={group.foundedOn} />
          </>
        ) : null}
      </p>
      {group.description ? <p className="prewrap">{group.description}</p> : null}

      <section aria-labelledby="members-heading">
        <h2 id="members-heading">
          会員（{counted(members.length, '名')}・{counted(generations.length, '期')}にわたる）
        </h2>
        <ul className="plain-list">
          {members.map((m) => (
            <li key={m.personId}>
              {m.fullName}
              <span className="muted">
                （{m.municipalityName && m.fiscalYear ? `${m.municipalityName} ${m.generation}期生・${formatFiscalYear(m.fiscalYear)}` : '期生の記録なし'}）
              </span>
            </li>
          ))}
        </ul>
      </section>

      <section aria-labelledby="meetings-heading">
        <h2 id="meetings-heading">オフサイトミーティング（{counted(meetings.length, '回')}）</h2>
        {meetings.map((m) => (
          <article key={m.id} className="meeting">
            <h3>
              <EraDate iso={m.heldOn} western={false} />　{m.theme}
            </h3>
            <dl className="facts">
              <dt>場所</dt>
              <dd>{m.place || '—'}</dd>
              <dt>世話人</dt>
              <dd>{m.facilitators.join('、') || '—'}</dd>
              <dt>参加者</dt>
              <dd>{[...m.attendees, m.guests].filter(Boolean).join('、') || '—'}</dd>
              {m.notes ? (
                <>
                  <dt>メモ</dt>
                  <dd className="prewrap">{m.notes}</dd>
                </>
              ) : null}
            </dl>
          </article>
        ))}
      </section>

      {canAdd ? (
        <section className="form" aria-labelledby="new-meeting-heading">
          <h2 id="new-meeting-heading">オフサイトミーティングを記録する</h2>
          <DraftForm method="post" draftName={`offsite-${group.id}`} {...getFormProps(form)}>
            <FormMessage id={form.errorId} errors={form.errors} />
            <TextField label="開催日" field={fields.heldOn} type="date" required />
            <TextField label="テーマ" field={fields.theme} required />
            <TextField label="場所" field={fields.place} />
            <fieldset className="field">
              <legend>世話人と参加者（会員）</legend>
              <ul className="choice-grid">
                {members.map((m) => (
                  <li key={m.personId}>
                    {m.fullName}：
                    <label className="choice">
                      <input type="checkbox" name="facilitatorIds" value={m.personId} /> 世話人
                    </label>
                    <label className="choice">
                      <input type="checkbox" name="attendeeIds" value={m.personId} /> 参加
                    </label>
                  </li>
                ))}
              </ul>
              {fields.facilitatorIds.errors ? (
                <p className="field-errors" id={fields.facilitatorIds.errorId}>
                  {fields.facilitatorIds.errors.join(' ')}
                </p>
              ) : null}
            </fieldset>
            <TextField label="会員以外の参加者" field={fields.guests} hint="例: 若手職員8名" />
            <TextAreaField label="メモ" field={fields.notes} rows={4} />
            <button type="submit" className="button">
              記録する
            </button>
          </DraftForm>
        </section>
      ) : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
