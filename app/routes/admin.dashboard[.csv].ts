import type { LoaderFunctionArgs } from '@remix-run/node';
import { flagLabel, flagsOf, readSort, sortRows } from '~/domain/team-table';
import { programYearsList } from '~/models/dashboard-admin.server';
import { yearMetrics } from '~/models/dashboard-cohort.server';
import { todayInTokyo } from '~/utils/clock';
import { fiscalYearOf } from '~/utils/dates';
import { csvResponse } from '~/utils/csv-export.server';
import { notFound } from '~/utils/http.server';
import { requireOrganizer } from '~/utils/permissions.server';

// The organizers' table of a year as Excel opens it (UTF-8 with BOM, Japanese headers), in the
// page's order. docs/csv.md describes the columns.
export async function loader({ request }: LoaderFunctionArgs) {
  await requireOrganizer(request);
  const url = new URL(request.url);
  const today = todayInTokyo();
  const years = await programYearsList();
  const year = url.searchParams.has('year') ? Number(url.searchParams.get('year')) : fiscalYearOf(today);
  if (!years.includes(year)) notFound();
  const { sort, dir } = readSort(url);
  const rows = sortRows(await yearMetrics(year, today), sort, dir);
  const current = year === fiscalYearOf(today);
  const header = [
    '都道府県',
    '自治体',
    '期',
    '活動回数',
    '活動時間（時間）',
    'インタビュー件数',
    '最後の活動日',
    '事前課題提出数',
    '事前課題数',
    '期限後の未提出数',
    '最新のモヤモヤ指数（％）',
    '未解決コメント数',
    '気になる点',
  ];
  const body = rows.map((r) => [
    r.prefecture,
    r.municipalityName,
    `${r.generation}期生`,
    r.activities,
    Math.round((r.minutes / 60) * 10) / 10,
    r.interviews,
    r.lastActivityOn,
    r.preassignmentsSubmitted,
    r.preassignmentsTotal,
    r.preassignmentsOverdue,
    r.latestMoyamoya,
    r.openComments,
    current
      ? flagsOf(r)
          .map((f) => flagLabel[f])
          .join('・')
      : '',
  ]);
  return csvResponse(`チーム一覧_${year}.csv`, `teams-${year}.csv`, header, body);
}
