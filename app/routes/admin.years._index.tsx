import { getFormProps, useForm } from '@conform-to/react';
import { parseWithZod } from '@conform-to/zod/v4';
import { data, redirect, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ArchivedList } from '~/components/ArchivedList';
import { redirectWithNotice } from '~/utils/notice.server';
import { ErrorPage } from '~/components/ErrorPage';
import { FieldErrors, FormMessage, TextField } from '~/components/form';
import { createYear, listYearsForAdmin, setYearArchived } from '~/models/admin-years.server';
import { catchInputError } from '~/models/input-error.server';
import { programYearSchema } from '~/schemas/program-year';
import type { FormShape } from '~/schemas/types';
import { currentFiscalYear } from '~/utils/clock';
import { formatFiscalYear, formatWesternFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { notFound, requireIdParam } from '~/utils/http.server';
import { actorOf, requireIntent, requireOrganizer } from '~/utils/permissions.server';
import type { IntentNeeds, ViewerNeed } from '~/utils/permissions';
import { submitOnce } from '~/models/submissions.server';
import { OnceToken } from '~/components/OnceToken';
import { ScrollRegion } from '~/components/ScrollRegion';

export const meta: MetaFunction = () => [{ title: '年度の設定 | 人マネ トラッカー' }];

export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const years = await listYearsForAdmin();
  const latest = years[0]?.fiscalYear ?? currentFiscalYear() - 1;
  return { years, suggested: latest + 1 };
}

export const intents = { create: 'organizer', archive: 'organizer', restore: 'organizer' } as const satisfies IntentNeeds<ViewerNeed>;

export async function action({ request }: ActionFunctionArgs) {
  const { viewer, intent, formData } = await requireIntent(request, intents);
  if (intent === 'archive' || intent === 'restore') {
    const fiscalYear = requireIdParam(String(formData.get('fiscalYear') ?? ''));
    if (!(await setYearArchived(actorOf(request, viewer), fiscalYear, intent === 'archive'))) notFound();
    return redirect('/admin/years');
  }
  return submitOnce(formData, viewer.userId, async () => {
    const submission = parseWithZod(formData, { schema: programYearSchema });
    if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
    const { fiscalYear, theme, copyPrevious } = submission.value;
    const result = await catchInputError(() =>
      createYear(actorOf(request, viewer), { fiscalYear, theme, copyFrom: copyPrevious ? fiscalYear - 1 : undefined }),
    );
    if (!result.ok) return data(submission.reply({ fieldErrors: result.fieldErrors }), { status: 400 });
    return redirectWithNotice(
      `/admin/years/${fiscalYear}`,
      // What to do next (register its teams) the year's page says below, with a link, until it has some.
      `${formatFiscalYear(fiscalYear)}を作りました。${copyPrevious ? '前年度の研究会と事前課題を、同じ曜日に移して写しました。' : ''}`,
    );
  });
}

export default function AdminYears() {
  const { years, suggested } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>();
  const [form, fields] = useForm<FormShape<typeof programYearSchema>>({ lastResult, defaultValue: { fiscalYear: String(suggested) } });
  const active = years.filter((y) => !y.archivedAt);
  const archived = years.filter((y) => y.archivedAt);
  return (
    <>
      <h1>年度の設定</h1>
      <p className="lead">年度ごとの研究会・事前課題、参加チーム、対話自治体を設定します。</p>
      <nav aria-label="設定のメニュー">
        <ul className="tabs">
          <li>
            <Link to="/admin/municipalities">自治体</Link>
          </li>
          <li>
            <Link to="/admin/organizers">事務局・幹事の名簿</Link>
          </li>
        </ul>
      </nav>
      <section aria-labelledby="years-heading">
        <h2 id="years-heading">年度の一覧</h2>
        <ScrollRegion label="年度の一覧">
          <table>
            <thead>
              <tr>
                <th scope="col">年度</th>
                <th scope="col">統一テーマ</th>
                <th scope="col">研究会など</th>
                <th scope="col">チーム</th>
              </tr>
            </thead>
            <tbody>
              {active.map((y) => (
                <tr key={y.fiscalYear}>
                  <td>
                    <Link to={`/admin/years/${y.fiscalYear}`}>{formatFiscalYear(y.fiscalYear)}</Link>
                    <span className="date-western">{formatWesternFiscalYear(y.fiscalYear)}</span>
                  </td>
                  <td>{y.theme}</td>
                  <td>{counted(y.sessionCount, '回')}</td>
                  <td>{counted(y.teamCount, 'チーム')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      </section>

      <section className="form" aria-labelledby="new-year-heading">
        <h2 id="new-year-heading">新しい年度を作成</h2>
        <Form method="post" {...getFormProps(form)}>
          <input type="hidden" name="intent" value="create" />
          <OnceToken />
          <FormMessage id={form.errorId} errors={form.errors} />
          <TextField label="年度（西暦）" field={fields.fiscalYear} inputMode="numeric" hint="例: 2027（令和9年度）。4月から翌年3月まで。" required />
          <TextField label="統一テーマ" field={fields.theme} required />
          <div className="field">
            <label className="choice">
              <input type="checkbox" name="copyPrevious" defaultChecked /> 前年度の構成（研究会・事前課題）をコピーする
            </label>
            <p className="hint">日付は翌年の同じ曜日に移します。チームと対話自治体はコピーしません。</p>
            <FieldErrors id={fields.copyPrevious.errorId} errors={fields.copyPrevious.errors} />
          </div>
          <button type="submit" className="button">
            年度を作成
          </button>
        </Form>
      </section>

      <ArchivedList
        id="archived-heading"
        heading="アーカイブした年度"
        items={archived}
        name="fiscalYear"
        valueOf={(y) => y.fiscalYear}
        label={(y) => `${formatFiscalYear(y.fiscalYear)}（${y.theme}）`}
      />
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
