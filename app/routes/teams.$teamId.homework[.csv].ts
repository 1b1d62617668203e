import type { LoaderFunctionArgs } from '@remix-run/node';
import { homeworkCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/homework.csv — one row per 宿題 of the interviews this viewer may read (docs/csv.md): the
// same readers as the interviews' CSV, since a 宿題 is part of its interview.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  return csvFileResponse(await homeworkCsvFile(team, access));
}
