import { ScrollRegion } from '~/components/ScrollRegion';
import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { SessionFields } from '~/components/admin/SessionFields';
import { DraftForm } from '~/components/DraftForm';
import { NoTeamsYet } from '~/components/admin/NoTeamsYet';
import { YearNav } from '~/components/admin/YearNav';
import { EraDate, EraDateSpan } from '~/components/EraDate';
import { ErrorPage } from '~/components/ErrorPage';
import { SavedNotice } from '~/components/SavedNotice';
import { takeNotice } from '~/utils/notice.server';
import { FormMessage, TextField } from '~/components/form';
import { VersionParts } from '~/components/StaleNotice';
import { sessionKinds } from '~/domain/codes';
import { createSession, listSessionsOfYear } from '~/models/admin-sessions.server';
import { countTeamsOfYear } from '~/models/admin-teams.server';
import { getActiveYear, setYearArchived, updateTheme } from '~/models/admin-years.server';
import { catchInputError } from '~/models/input-error.server';
import { withBaseVersion } from '~/schemas/fields';
import { themeSchema } from '~/schemas/program-year';
import { sessionSchema } from '~/schemas/session';
import type { FormShape } from '~/schemas/types';
import { formatFiscalYear } from '~/utils/dates';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { formReply } from '~/utils/form-reply.server';
import { replyFor, versionFor } from '~/utils/form-reply';
import { postedVersion, staleFormReply } from '~/utils/stale-reply.server';
import { submitOnce } from '~/models/submissions.server';

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data ? `${formatFiscalYear(data.year.fiscalYear)}の設定 | 人マネ トラッカー` : 'ページが見つかりません' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const { notice, headers } = await takeNotice(request);
  const [sessions, teamCount] = await Promise.all([listSessionsOfYear(year.fiscalYear), countTeamsOfYear(year.fiscalYear)]);
  return data({ year, sessions, teamCount, notice }, { headers });
}

export const intents = { theme: 'organizer', session: 'organizer', archive: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const actor = actorOf(request, viewer);
  if (intent === 'theme') {
    const submission = parseWithZod(formData, { schema: themeEditSchema });
    if (submission.status !== 'success') return formReply(intent, submission.reply(), { version: postedVersion(formData) });
    const { theme, baseVersion } = submission.value;
    const saved = await updateTheme(actor, year.fiscalYear, theme, baseVersion);
    if (saved.kind === 'missing') notFound();
    if (saved.kind === 'stale') {
      // Someone saved first: nothing was written; the person's text comes back, now based on theirs.
      const latest = (await getActiveYear(year.fiscalYear)) ?? notFound();
      const field = (value: string) => [{ key: 'theme', label: '統一テーマ', value }];
      return staleFormReply(intent, formData, submission.reply(), field(theme), {
        form: { theme: latest.theme },
        readable: field(latest.theme),
        savedAt: latest.updatedAt,
        version: latest.version,
      });
    }
    return redirect(`/admin/years/${year.fiscalYear}`);
  }
  if (intent === 'session') {
    return submitOnce(formData, viewer.userId, async () => {
      const submission = parseWithZod(formData, { schema: sessionSchema(year.fiscalYear) });
      if (submission.status !== 'success') return formReply(intent, submission.reply());
      const result = await catchInputError(() => createSession(actor, year.fiscalYear, submission.value));
      if (!result.ok) return formReply(intent, submission.reply({ fieldErrors: result.fieldErrors }));
      return redirect(`/admin/years/${year.fiscalYear}/sessions/${result.value}`);
    });
  }
  await setYearArchived(actor, year.fiscalYear, true);
  return redirect('/admin/years');
}

const themeEditSchema = withBaseVersion(themeSchema);

export default function AdminYear() {
  const { year, sessions, teamCount, notice } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [themeForm, themeFields] = useForm<FormShape<typeof themeSchema>>({
    id: 'theme',
    lastResult: replyFor(actionData, 'theme'),
    defaultValue: { theme: year.theme },
  });
  const themeVersion = versionFor(actionData, 'theme', year.version);
  const [form, fields] = useForm<FormShape<ReturnType<typeof sessionSchema>>>({
    id: 'session',
    lastResult: replyFor(actionData, 'session'),
  });
  return (
    <>
      <YearNav fiscalYear={year.fiscalYear} theme={year.theme} />
      <SavedNotice notice={notice} />
      {teamCount === 0 ? <NoTeamsYet fiscalYear={year.fiscalYear} then="1チームずつ追加するほか、「CSV取り込み」でまとめて登録することもできます。" /> : null}
      <section aria-labelledby="sessions-heading">
        <h2 id="sessions-heading">研究会など（{sessions.length}回）</h2>
        {sessions.length === 0 ? (
          <p>まだ登録されていません。下のフォームから追加してください。</p>
        ) : (
          <ScrollRegion label="研究会の一覧">
            <table>
              <thead>
                <tr>
                  <th scope="col">回</th>
                  <th scope="col">日程</th>
                  <th scope="col">会場</th>
                  <th scope="col">事前課題</th>
                </tr>
              </thead>
              <tbody>
                {sessions.map((s) => (
                  <tr key={s.id}>
                    <td>
                      <Link to={`sessions/${s.id}`}>
                        {sessionKinds.label[s.kind]} 第{s.number}回
                      </Link>
                    </td>
                    <td>
                      <EraDateSpan from={s.startsOn} to={s.endsOn} />
                    </td>
                    <td>
                      {s.isOnline ? <span className="tag tag--online">オンライン</span> : null}
                      {s.venue}
                    </td>
                    <td>
                      {s.preAssignmentTitle ? (
                        <>
                          {s.preAssignmentTitle}
                          <br />
                          期限 <EraDate iso={s.dueOn!} />
                        </>
                      ) : (
                        <span className="muted">なし</span>
                      )}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </ScrollRegion>
        )}
      </section>

      <section className="form" aria-labelledby="new-session-heading">
        <h2 id="new-session-heading">研究会などを追加</h2>
        <DraftForm method="post" draftName="new-session" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="session" />
          <FormMessage id={form.errorId} errors={form.errors} />
          <SessionFields fields={fields} />
          <button type="submit" className="button">
            追加する
          </button>
        </DraftForm>
      </section>

      <section className="form" aria-labelledby="theme-heading">
        <h2 id="theme-heading">統一テーマ</h2>
        <DraftForm method="post" draftName="theme" {...getFormProps(themeForm)}>
          <input type="hidden" name="intent" value="theme" />
          <VersionParts {...themeVersion} />
          <FormMessage id={themeForm.errorId} errors={themeForm.errors} />
          <TextField label="統一テーマ" field={themeFields.theme} required />
          <button type="submit" className="button button--secondary">
            テーマを保存
          </button>
        </DraftForm>
      </section>

      <section aria-labelledby="archive-heading">
        <h2 id="archive-heading">この年度をアーカイブ</h2>
        <p>一覧から外します。チームや記録は消えず、年度の設定からいつでも元に戻せます。</p>
        <Form method="post">
          <input type="hidden" name="intent" value="archive" />
          <button type="submit" className="button button--danger">
            アーカイブする
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
