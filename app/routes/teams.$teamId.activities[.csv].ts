import type { LoaderFunctionArgs } from '@remix-run/node';
import { exportActivitiesCsv } from '~/models/activity-csv.server';
import { csvDownload } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/activities.csv — the log as Excel opens it (docs/csv.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const body = await exportActivitiesCsv(team.id, access.interviewVisibilities);
  const name = `${team.municipalityName}チーム_${team.fiscalYear}年度_活動記録.csv`;
  return csvDownload(body, name, `activities-${team.id}-${team.fiscalYear}.csv`);
}
