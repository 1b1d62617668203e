import type { LoaderFunctionArgs, MetaFunction } from '@remix-run/node';
import { useLoaderData } from '@remix-run/react';
import { Link } from '~/components/Link';
import { ErrorPage } from '~/components/ErrorPage';
import { PrintButton } from '~/components/sheet/PrintButton';
import { SheetBody } from '~/components/sheet/SheetBody';
import { citedEvidence } from '~/domain/sheet-fields';
import { evidenceLabels } from '~/models/sheet-evidence.server';
import { getCurrentSheet, getSheetVersion } from '~/models/sheets.server';
import { formatDateTime, formatFiscalYear } from '~/utils/dates';
import { requireIdParam } from '~/utils/http.server';
import { denyNotFound, requireTeam } from '~/utils/permissions.server';

// A page meant for paper and 「PDFに保存」: the root layout leaves out the site header and footer.
export const handle = { printLayout: true };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.sheet ? `${data.team.municipalityName}チーム 変革ストーリーシート 第${data.sheet.version}版` : '変革ストーリーシート' },
];

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readSheet');
  const asked = new URL(request.url).searchParams.get('version');
  if (asked !== null && !/^[1-9]\d{0,6}$/.test(asked)) return denyNotFound(request, viewer, { teamId: team.id, version: asked });
  const sheet = asked ? await getSheetVersion(team.id, Number(asked)) : await getCurrentSheet(team.id);
  if (asked && !sheet) return denyNotFound(request, viewer, { teamId: team.id, version: asked });
  const labels = sheet ? await evidenceLabels(team.id, citedEvidence(sheet.content), access) : {};
  return {
    team,
    sheet: sheet ? { version: sheet.version, tag: sheet.tag, savedAt: sheet.savedAt, content: sheet.content } : null,
    labels,
  };
}

export default function SheetPrint() {
  const { team, sheet, labels } = useLoaderData<typeof loader>();
  return (
    <div className="print-sheet">
      <div className="print-tools">
        <Link to={`/teams/${team.id}/sheet`}>シートに戻る</Link>
        <PrintButton />
        <p className="muted">印刷画面で「PDFに保存」を選ぶと、A4のPDFになります。</p>
      </div>
      <header className="print-sheet__header">
        <p className="print-sheet__program">人材マネジメント部会　変革ストーリーシート</p>
        <h1>
          {team.prefecture} {team.municipalityName}チーム
        </h1>
        <p className="print-sheet__meta">
          {formatFiscalYear(team.fiscalYear)}・{team.generation}期生
          {sheet ? `・第${sheet.version}版${sheet.tag ? `（${sheet.tag}）` : ''}・${formatDateTime(sheet.savedAt)} 保存` : ''}
        </p>
      </header>
      {sheet ? <SheetBody content={sheet.content} labels={labels} /> : <p>まだシートがありません。</p>}
    </div>
  );
}

export function ErrorBoundary() {
  return <ErrorPage />;
}
