import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { DraftForm } from '~/components/DraftForm';
import { RestoreButton } from '~/components/RestoreButton';
import { VersionParts } from '~/components/StaleNotice';
import { SessionFields } from '~/components/admin/SessionFields';
import { ErrorPage } from '~/components/ErrorPage';
import { FormMessage, TextField } from '~/components/form';
import { TextAreaField } from '~/components/TextAreaField';
import { sessionKinds } from '~/domain/codes';
import {
  archivePreAssignment,
  getSessionOfYear,
  savePreAssignment,
  setSessionArchived,
  updateSession,
  type SessionInput,
} from '~/models/admin-sessions.server';
import { catchInputError } from '~/models/input-error.server';
import { withBaseVersion } from '~/schemas/fields';
import { preAssignmentSchema, sessionSchema } from '~/schemas/session';
import type { FormShape } from '~/schemas/types';
import { formatEraDate, formatFiscalYear } from '~/utils/dates';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { formReply } from '~/utils/form-reply.server';
import { replyFor, versionFor } from '~/utils/form-reply';
import { postedVersion, staleFormReply, type ReadableField } from '~/utils/stale-reply.server';

export const meta: MetaFunction = () => [{ title: '研究会の編集 | 人マネ トラッカー' }];

async function load(params: LoaderFunctionArgs['params']) {
  const fiscalYear = requireIdParam(params.fiscalYear);
  const found = await getSessionOfYear(fiscalYear, requireIdParam(params.sessionId));
  if (!found) notFound();
  return { fiscalYear, ...found };
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  return load(params);
}

export const intents = {
  session: 'organizer',
  preassignment: 'organizer',
  'remove-preassignment': 'organizer',
  archive: 'organizer',
  restore: 'organizer',
} as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const { fiscalYear, session } = await load(params);
  const actor = actorOf(request, viewer);
  const back = `/admin/years/${fiscalYear}/sessions/${session.id}`;
  if (intent === 'session') {
    const version = postedVersion(formData);
    const submission = parseWithZod(formData, { schema: withBaseVersion(sessionSchema(fiscalYear)) });
    if (submission.status !== 'success') return formReply(intent, submission.reply(), { version });
    const { baseVersion, ...input } = submission.value;
    const result = await catchInputError(() => updateSession(actor, fiscalYear, session.id, input, baseVersion));
    if (!result.ok) return formReply(intent, submission.reply({ fieldErrors: result.fieldErrors }), { version });
    if (result.value.kind === 'missing') notFound();
    if (result.value.kind === 'stale') {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const { session: latest } = await load(params);
      return staleFormReply(intent, formData, submission.reply(), readable(input), {
        form: sessionForm(latest),
        readable: readable(latest),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
    }
    return redirect(back);
  }
  if (intent === 'preassignment') {
    const version = postedVersion(formData);
    const submission = parseWithZod(formData, { schema: withBaseVersion(preAssignmentSchema(session.startsOn), { first: true }) });
    if (submission.status !== 'success') return formReply(intent, submission.reply(), { version });
    const { baseVersion, ...input } = submission.value;
    const saved = await savePreAssignment(actor, session.id, input, baseVersion);
    if (saved.kind === 'stale') {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const latest = (await load(params)).preAssignment ?? notFound();
      const form = { title: latest.title, description: latest.description, dueOn: latest.dueOn };
      const readable = (p: typeof form): ReadableField[] => [
        { key: 'title', label: '事前課題の題名', value: p.title },
        { key: 'description', label: '説明', value: p.description },
        { key: 'dueOn', label: '提出期限', value: formatEraDate(p.dueOn) },
      ];
      return staleFormReply(intent, formData, submission.reply(), readable(input), {
        form,
        readable: readable(form),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
    }
    return redirect(back);
  }
  if (intent === 'remove-preassignment') {
    await archivePreAssignment(actor, session.id);
    return redirect(back);
  }
  await setSessionArchived(actor, fiscalYear, session.id, intent === 'archive');
  return redirect(intent === 'archive' ? `/admin/years/${fiscalYear}` : back);
}

/** The session form's values for a saved session. */
function sessionForm(s: Omit<SessionInput, 'endsOn'> & { endsOn?: string | null }) {
  return {
    kind: s.kind,
    number: String(s.number),
    startsOn: s.startsOn,
    endsOn: s.endsOn ?? '',
    isOnline: s.isOnline ? 'on' : '',
    venue: s.venue,
    agenda: s.agenda,
  };
}

/** A session as people read it, to compare a refused save with the newer one. */
function readable(s: Omit<SessionInput, 'endsOn'> & { endsOn?: string | null }): ReadableField[] {
  return [
    { key: 'kind', label: '種類', value: sessionKinds.label[s.kind] },
    { key: 'number', label: '回', value: `第${s.number}回` },
    { key: 'startsOn', label: '開催日', value: formatEraDate(s.startsOn) },
    { key: 'endsOn', label: '2日目', value: s.endsOn ? formatEraDate(s.endsOn) : '' },
    { key: 'isOnline', label: 'オンライン', value: s.isOnline ? 'オンライン' : '' },
    { key: 'venue', label: '会場', value: s.venue },
    { key: 'agenda', label: 'テーマ・議題', value: s.agenda },
  ];
}

export default function AdminSession() {
  const { fiscalYear, session, preAssignment } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<ReturnType<typeof sessionSchema>>>({
    id: 'session',
    lastResult: replyFor(actionData, 'session'),
    defaultValue: sessionForm(session),
  });
  const { version, stale } = versionFor(actionData, 'session', session.version);
  const paVersion = versionFor(actionData, 'preassignment', preAssignment?.version ?? 0);
  const [paForm, paFields] = useForm<FormShape<ReturnType<typeof preAssignmentSchema>>>({
    id: 'preassignment',
    lastResult: replyFor(actionData, 'preassignment'),
    defaultValue: preAssignment ? { title: preAssignment.title, description: preAssignment.description, dueOn: preAssignment.dueOn } : undefined,
  });
  const title = `${sessionKinds.label[session.kind]} 第${session.number}回`;
  return (
    <>
      <p className="muted">
        <Link to={`/admin/years/${fiscalYear}`}>{formatFiscalYear(fiscalYear)}の設定</Link>
      </p>
      <h1>{title}</h1>
      {session.archivedAt ? (
        <div className="notice" role="status">
          <p>この回はアーカイブされています。</p>
          <RestoreButton variant="button" />
        </div>
      ) : null}

      <section className="form" aria-labelledby="pa-heading">
        <h2 id="pa-heading">事前課題</h2>
        {preAssignment ? null : <p className="muted">この回の事前課題はまだありません。</p>}
        {/* The draft key carries the page's path, so each session keeps its own drafts. */}
        <DraftForm method="post" draftName="preassignment" {...getFormProps(paForm)}>
          <input type="hidden" name="intent" value="preassignment" />
          <VersionParts {...paVersion} />
          <FormMessage id={paForm.errorId} errors={paForm.errors} />
          <TextField label="事前課題の題名" field={paFields.title} required />
          <TextAreaField label="説明" field={paFields.description} rows={4} />
          <TextField label="提出期限" field={paFields.dueOn} type="date" hint="研究会の開催日以前の日にしてください。" required />
          <button type="submit" className="button">
            事前課題を保存
          </button>
        </DraftForm>
        {preAssignment ? (
          <Form method="post">
            <input type="hidden" name="intent" value="remove-preassignment" />
            <button type="submit" className="link-button">
              事前課題を取り下げる（提出記録は残ります）
            </button>
          </Form>
        ) : null}
      </section>

      <section className="form" aria-labelledby="session-heading">
        <h2 id="session-heading">日程・会場・議題</h2>
        <DraftForm method="post" draftName="session" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="session" />
          <VersionParts version={version} stale={stale} />
          <FormMessage id={form.errorId} errors={form.errors} />
          <SessionFields fields={fields} />
          <button type="submit" className="button">
            保存する
          </button>
        </DraftForm>
      </section>

      {session.archivedAt ? null : (
        // Apart from the save buttons, so that a thumb on a phone does not hit it by mistake.
        <section className="danger-zone" aria-labelledby="archive-heading">
          <h2 id="archive-heading">この回をアーカイブ</h2>
          <p className="muted">年度の一覧から外れます。記録は残り、あとで元に戻せます。</p>
          <Form method="post">
            <input type="hidden" name="intent" value="archive" />
            <button type="submit" className="button button--danger">
              この回をアーカイブする
            </button>
          </Form>
        </section>
      )}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
