import type { LoaderFunctionArgs } from '@remix-run/node';
import { activitiesCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/activities.csv — the log as Excel opens it (docs/csv.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  return csvFileResponse(await activitiesCsvFile(team, access));
}
