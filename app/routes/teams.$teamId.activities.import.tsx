import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from '@remix-run/node';
import { Form, useActionData, useLoaderData, useNavigation } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ImportPreview, previewKey } from '~/components/activities/ImportPreview';
import { ErrorPage } from '~/components/ErrorPage';
import { TeamHeader } from '~/components/TeamHeader';
import { commitImport, planImport, type ImportCorrections, type ImportPlan } from '~/models/activity-csv.server';
import { activityKinds, intervieweeRoles, type ActivityKind, type IntervieweeRole } from '~/domain/codes';
import { decodeCsv, undecodableCsv } from '~/utils/csv-decode';
import { formatFiscalYear } from '~/utils/dates';
import { counted } from '~/utils/format';
import { requireIdParam } from '~/utils/http.server';
import { actorOf, requireTeam, requireTeamIntent } from '~/utils/permissions.server';
import type { IntentNeeds } from '~/utils/permissions';
import { redirectWithNotice, takeNotice } from '~/utils/notice.server';
import { SavedNotice } from '~/components/SavedNotice';

export const meta: MetaFunction = () => [{ title: 'CSVから活動記録を読み込む | 人マネ トラッカー' }];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'write');
  const { notice, headers } = await takeNotice(request);
  return data({ team, links: { readProgress: access.readProgress, readSheet: access.readSheet }, notice }, { headers });
}

/** The CSV's text: from the uploaded file (app/utils/csv-decode.ts), or re-sent after the preview. */
async function csvText(formData: FormData): Promise<{ text: string } | { error: string }> {
  const file = formData.get('file');
  if (file instanceof File && file.size > 0) {
    const decoded = decodeCsv(new Uint8Array(await file.arrayBuffer()));
    // Decoding anyway would put U+FFFD where the team's words were.
    return decoded ? { text: decoded.text } : { error: undecodableCsv };
  }
  const text = formData.get('csv');
  return typeof text === 'string' && text.trim() ? { text } : { error: 'CSVファイルを選んでください' };
}

function previewOf(plan: ImportPlan) {
  return {
    fileErrors: plan.fileErrors,
    rowErrors: plan.rowErrors,
    rows: plan.rows.map(({ values, importKey: _key, submission, ...row }) => ({
      ...row,
      occurredOn: values.occurredOn,
      kind: values.kind,
      title: values.title,
      durationMinutes: values.durationMinutes,
      submission: submission ? { title: submission.title } : null,
    })),
  };
}

/** The kinds and roles the person chose in the preview (kind:12, role:12); anything else is ignored. */
function correctionsOf(formData: FormData): ImportCorrections {
  const corrections: ImportCorrections = {};
  for (const [name, value] of formData) {
    const m = /^(kind|role):(\d{1,6})$/.exec(name);
    if (!m || typeof value !== 'string') continue;
    const line = Number(m[2]);
    const entry = (corrections[line] ??= {});
    if (m[1] === 'kind' && (activityKinds.codes as readonly string[]).includes(value)) entry.kind = value as ActivityKind;
    if (m[1] === 'role' && (intervieweeRoles.codes as readonly string[]).includes(value)) entry.role = value as IntervieweeRole;
  }
  return corrections;
}

export const intents = { preview: 'team:write', commit: 'team:write' } as const satisfies IntentNeeds;

export async function action({ request, params }: ActionFunctionArgs) {
  const { team, viewer, intent, formData } = await requireTeamIntent(request, requireIdParam(params.teamId), intents);
  const read = await csvText(formData);
  if ('error' in read) return data({ csv: '', preview: { fileErrors: [read.error], rowErrors: [], rows: [] } }, { status: 400 });
  const csv = read.text;
  // NUL cannot be stored (PostgreSQL text); it means a UTF-16 or binary file rather than CSV.
  if (csv.includes('\u0000')) {
    const unreadable = 'CSVとして読めない文字（NUL）が含まれています。Excel の「CSV UTF-8（コンマ区切り）」で保存し直してください。';
    return data({ csv: '', preview: { fileErrors: [unreadable], rowErrors: [], rows: [] } }, { status: 400 });
  }
  // All or nothing: one bad line and nothing is added, so a fixed file can simply be imported again.
  if (intent === 'preview') {
    const plan = await planImport(team.id, csv, undefined, correctionsOf(formData));
    const failed = plan.fileErrors.length > 0 || plan.rowErrors.length > 0;
    return data({ csv, preview: previewOf(plan) }, { status: failed ? 400 : 200 });
  }
  const result = await commitImport(actorOf(request, viewer), team.id, csv, correctionsOf(formData));
  if (result.kind === 'refused') return data({ csv, preview: previewOf(result.plan) }, { status: 400 });
  const said = [
    `${counted(result.added, '件')}の記録を追加しました。`,
    result.interviews
      ? `キーパーソンインタビューを${counted(result.interviews, '件')}作りました（チーム内のみ。内容はインタビューの画面で書き足せます）。`
      : '',
    result.submissions ? `事前課題の提出を${counted(result.submissions, '件')}記録しました。` : '',
    result.skipped ? `${counted(result.skipped, '件')}は登録済みのため追加しませんでした。` : '',
  ];
  return redirectWithNotice(`/teams/${team.id}/activities/import`, said.join(''));
}

export default function ImportActivities() {
  const { team, links, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>();
  const busy = useNavigation().state === 'submitting';
  return (
    <>
      <TeamHeader team={team} links={links} />
      <p>
        <Link to={`/teams/${team.id}/activities`}>← 活動記録に戻る</Link>
      </p>
      <h2>CSVから活動記録を読み込む</h2>
      <SavedNotice notice={notice} />
      <div className="prose">
        <p>
          Excelなどで付けてきた{formatFiscalYear(team.fiscalYear)}
          の活動記録をまとめて取り込めます。1行目は見出しにしてください。「日付」と「活動内容」（または「種別」）の2列があれば読み込めます。時間（分）・タイトル・参加者・ゲスト・メモ
          の列も読みます。
        </p>
        <p>
          日付は <code>2022-04-27</code>、<code>2022/4/27</code>、<code>令和4年4月27日</code>、<code>4月27日</code>
          のどれでも読み取れます。「第3回研究会」「市長インタビュー」「ミーティング（シート見直し）」のような書き方から種別を読み取り、研究会の回やインタビューの相手も結び付けます。読み取りは確認画面で直せます。
        </p>
        <p>読み込む前に内容を確認できます。エラーが1行でもあると何も追加されません。同じファイルをもう一度読み込んでも、記録は重複しません。</p>
      </div>
      <Form method="post" encType="multipart/form-data" className="form">
        <input type="hidden" name="intent" value="preview" />
        <div className="field">
          <label htmlFor="file">CSVファイル（UTF-8）</label>
          <input id="file" name="file" type="file" accept=".csv,text/csv" required />
        </div>
        <button type="submit" className="button" disabled={busy}>
          内容を確認する
        </button>
      </Form>
      {result ? <ImportPreview key={previewKey(result.csv, result.preview)} csv={result.csv} preview={result.preview} /> : null}
    </>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
