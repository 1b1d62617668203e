import type { LoaderFunctionArgs } from '@remix-run/node';
import { getActiveYear } from '~/models/admin-years.server';
import { filterMatrix, readMatrixFilter, submissionMatrix } from '~/models/preassignment-tracking.server';
import { submissionStatusLabel } from '~/domain/submission-status';
import { csvResponse } from '~/utils/csv-export.server';
import { notFound, requireIdParam } from '~/utils/http.server';
import { requireOrganizer } from '~/utils/permissions.server';

// The matrix as the page shows it (same filters), for Excel: UTF-8 with BOM, Japanese headers.
export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const year = await getActiveYear(requireIdParam(params.fiscalYear));
  if (!year) notFound();
  const { assignments, rows } = filterMatrix(await submissionMatrix(year.fiscalYear), readMatrixFilter(new URL(request.url)));
  const header = ['都道府県', '自治体', ...assignments.flatMap((a) => [`${a.sessionLabel} ${a.title}（期限 ${a.dueOn}）`, '提出日'])];
  const body = rows.map((r) => [r.prefecture, r.name, ...r.cells.flatMap((c) => [submissionStatusLabel[c.status], c.submittedOn ?? ''])]);
  return csvResponse(`事前課題提出状況_${year.fiscalYear}.csv`, `preassignments-${year.fiscalYear}.csv`, header, body);
}
