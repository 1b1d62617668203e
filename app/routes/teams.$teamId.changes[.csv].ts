import type { LoaderFunctionArgs } from '@remix-run/node';
import { changesCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/changes.csv — 創り出した変化, one row per moment (docs/csv.md); read by those who read the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  return csvFileResponse(await changesCsvFile(team));
}
