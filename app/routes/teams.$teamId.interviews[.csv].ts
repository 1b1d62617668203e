import type { LoaderFunctionArgs } from '@remix-run/node';
import { interviewsCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/interviews.csv — columns in docs/csv.md. Only what this viewer may read: the export goes
// through the same scoped query as the pages.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  return csvFileResponse(await interviewsCsvFile(team, access));
}
