import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { EraDate } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { TeamHeader } from '~/components/TeamHeader';
import { catchInputError } from '~/models/input-error.server';
import { listTeamPreAssignments, markSubmitted } from '~/models/preassignment-tracking.server';
import { submissionStatusLabel } from '~/domain/submission-status';
import { submissionSchema } from '~/schemas/preassignment-submission';
import type { FormShape } from '~/schemas/types';
import { todayInTokyo } from '~/utils/clock';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { formReply } from '~/utils/form-reply.server';
import { replyFor } from '~/utils/form-reply';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `事前課題 | ${data.team.municipalityName}チーム | 人マネ トラッカー` : 'チーム' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  return {
    team,
    links: { readProgress: access.readProgress, readSheet: access.readSheet },
    canWrite: access.write,
    today: todayInTokyo(),
    assignments: await listTeamPreAssignments(team.id, team.fiscalYear),
  };
}

export const intents = { submit: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const submission = parseWithZod(formData, { schema: submissionSchema });
  // Each pre-assignment has its own form: the answer names the one sent.
  const form = String(formData.get('preAssignmentId') ?? '');
  if (submission.status !== 'success') return formReply(form, submission.reply());
  const result = await catchInputError(() => markSubmitted(actorOf(request, viewer), team, viewer.personId, submission.value));
  if (!result.ok) return formReply(form, submission.reply({ fieldErrors: result.fieldErrors }));
  return redirect(`/teams/${team.id}/preassignments`);
}

type Assignment = ReturnType<typeof useLoaderData<typeof loader>>['assignments'][number];

function SubmissionForm({ assignment, today }: { assignment: Assignment; today: string }) {
  const actionData = useActionData<typeof action>();
  const s = assignment.submission;
  const [form, fields] = useForm<FormShape<typeof submissionSchema>>({
    id: `submission-${assignment.id}`,
    lastResult: replyFor(actionData, String(assignment.id)),
    defaultValue: { submittedOn: s?.submittedOn ?? today, note: s?.note ?? '', url: s?.url ?? '' },
  });
  return (
    <Form method="post" {...getFormProps(form)} className="form">
      <input type="hidden" name="intent" value="submit" />
      <input type="hidden" name="preAssignmentId" value={assignment.id} />
      <FormMessage id={form.errorId} errors={form.errors} />
      <FieldErrors id={fields.preAssignmentId.errorId} errors={fields.preAssignmentId.errors} />
      <TextField label="提出日" field={fields.submittedOn} type="date" required />
      <div className="field">
        <label htmlFor={fields.note.id}>メモ（提出先や提出したものなど）</label>
        <textarea
          id={fields.note.id}
          name={fields.note.name}
          rows={2}
          defaultValue={fields.note.initialValue as string | undefined}
          aria-invalid={fields.note.errors?.length ? true : undefined}
          aria-describedby={fields.note.errors?.length ? fields.note.errorId : undefined}
        />
        <FieldErrors id={fields.note.errorId} errors={fields.note.errors} />
      </div>
      <TextField label="リンク（共有フォルダなど）" field={fields.url} type="url" hint="メモかリンクのどちらかを入力してください。" />
      <button type="submit" className="button">
        {s ? '提出記録を直す' : '提出済みにする'}
      </button>
    </Form>
  );
}

export default function TeamPreAssignments() {
  const { team, links, canWrite, today, assignments } = useLoaderData<typeof loader>();
  const failedFor = useActionData<typeof action>()?.form;
  // Only the next one due opens by itself; a year has six or so, and a phone screen is short.
  const nextDue = assignments.find((a) => !a.submission && a.dueOn >= today)?.id;
  const done = assignments.filter((a) => a.submission).length;
  return (
    <>
      <TeamHeader team={team} links={links} />
      <h2>
        事前課題（{counted(done, '件')}提出 / 全{counted(assignments.length, '件')}）
      </h2>
      {assignments.length === 0 ? <p>この年度の事前課題はまだありません。</p> : null}
      {assignments.map((a) => (
        <section key={a.id} className="card" aria-labelledby={`pa-${a.id}`} data-status={a.status}>
          <h3 id={`pa-${a.id}`}>
            {a.sessionLabel}：{a.title}
          </h3>
          <p>
            提出期限 <EraDate iso={a.dueOn} />　<span className={`tag status--${a.status}`}>{submissionStatusLabel[a.status]}</span>
          </p>
          {a.description ? <p className="prewrap">{a.description}</p> : null}
          {a.submission ? (
            <p>
              <EraDate iso={a.submission.submittedOn} /> に提出
              {a.submission.note ? (
                <>
                  ：<span className="prewrap">{a.submission.note}</span>
                </>
              ) : null}
              {a.submission.url ? (
                <>
                  {' '}
                  <a href={a.submission.url} rel="noopener noreferrer" target="_blank">
                    リンク
                  </a>
                </>
              ) : null}
            </p>
          ) : null}
          {canWrite ? (
            <details open={failedFor === String(a.id) || a.id === nextDue}>
              <summary>{a.submission ? '提出記録を直す' : '提出したことを記録する'}</summary>
              <SubmissionForm assignment={a} today={today} />
            </details>
          ) : null}
        </section>
      ))}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
