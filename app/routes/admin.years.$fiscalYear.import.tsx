import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { YearNav } from '~/components/admin/YearNav';
import { ImportPreview, ImportResult } from '~/components/admin/ImportPreview';
import { ErrorPage } from '~/components/ErrorPage';
import { getActiveYear } from '~/models/admin-years.server';
import { teamCsvColumns } from '~/models/team-csv.server';
import { previewImport, runImport } from '~/models/team-import.server';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';

export const meta: MetaFunction = () => [{ title: 'チームのCSV取り込み | 人マネ トラッカー' }];

const maxBytes = 1024 * 1024;

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  return { year, columns: teamCsvColumns };
}

/** The CSV from the file input or, when no file was chosen, from the text box. */
async function csvText(formData: FormData): Promise<{ text: string } | { error: string }> {
  const file = formData.get('file');
  if (file && typeof file !== 'string' && file.size > 0) {
    if (file.size > maxBytes) return { error: 'ファイルが大きすぎます（1MBまで）' };
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(await file.arrayBuffer()) };
    } catch {
      return { error: 'UTF-8で保存されたCSVにしてください（Excelでは「CSV UTF-8（コンマ区切り）」で保存）' };
    }
  }
  const text = String(formData.get('csv') ?? '');
  if (!text.trim()) return { error: 'CSVファイルを選ぶか、CSVの内容を貼り付けてください' };
  if (text.length > maxBytes) return { error: 'CSVが大きすぎます（1MBまで）' };
  return { text };
}

export const intents = { preview: 'organizer', confirm: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request, params }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const input = await csvText(formData);
  if ('error' in input) return data({ stage: 'input' as const, message: input.error }, { status: 400 });
  // NUL cannot be stored (PostgreSQL text): a UTF-16 or binary file, not CSV.
  if (input.text.includes('\u0000')) {
    return data(
      { stage: 'input' as const, message: 'CSVとして読めない文字（NUL）が含まれています。Excel の「CSV UTF-8（コンマ区切り）」で保存し直してください。' },
      { status: 400 },
    );
  }
  if (intent === 'preview') {
    const preview = await previewImport(actorOf(request, viewer), year.fiscalYear, input.text);
    return data({ stage: 'preview' as const, csv: input.text, ...preview }, { status: preview.errors.length ? 400 : 200 });
  }
  const outcome = await runImport(actorOf(request, viewer), year.fiscalYear, input.text);
  if (!outcome.ok) return data({ stage: 'preview' as const, csv: input.text, teams: [], errors: outcome.errors }, { status: 400 });
  // Invitation links are shown once (only their hashes are stored), so this answer is not a redirect.
  const origin = new URL(request.url).origin;
  return {
    stage: 'done' as const,
    created: outcome.created,
    invitations: outcome.invitations.map((i) => ({ email: i.email, fullName: i.fullName, url: `${origin}/invite/${i.token}` })),
  };
}

export default function AdminImport() {
  const { year, columns } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <YearNav fiscalYear={year.fiscalYear} theme={year.theme} />
      <h2>チームとメンバーをCSVで取り込む</h2>
      {actionData?.stage === 'done' ? <ImportResult created={actionData.created} invitations={actionData.invitations} /> : null}
      {actionData?.stage === 'preview' ? <ImportPreview csv={actionData.csv} teams={actionData.teams} errors={actionData.errors} busy={busy} /> : null}
      <section className="form" aria-labelledby="upload-heading">
        <h3 id="upload-heading">{actionData?.stage === 'preview' ? '別のCSVで確認し直す' : 'CSVを選ぶ'}</h3>
        <p>
          1行に1人。見出しの行は <code>{columns.join(',')}</code>。UTF-8（BOM付きも可）で保存してください。
          人事担当課枠の人は「○」。同じファイルをもう一度取り込んでも、重複して登録されることはありません。
        </p>
        {actionData?.stage === 'input' ? (
          <p className="form-message" role="alert">
            {actionData.message}
          </p>
        ) : null}
        <Form method="post" encType="multipart/form-data">
          <input type="hidden" name="intent" value="preview" />
          <div className="field">
            <label htmlFor="file">CSVファイル</label>
            <input id="file" name="file" type="file" accept=".csv,text/csv" />
          </div>
          <div className="field">
            <label htmlFor="csv">または、CSVの内容を貼り付け</label>
            <textarea id="csv" name="csv" rows={6} placeholder={`${columns.join(',')}\n甲府市,山梨県,市,山田 花子,hanako@example.jp,総務部,人事課,○`} />
          </div>
          <button type="submit" className="button" disabled={busy}>
            取り込む内容を確認
          </button>
        </Form>
      </section>
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
