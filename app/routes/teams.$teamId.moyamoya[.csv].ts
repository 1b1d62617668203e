import type { LoaderFunctionArgs } from '@remix-run/node';
import { moyamoyaCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/moyamoya.csv — columns in docs/csv.md: the team's figures first, then members' own figures
// when this viewer may see them (the same scoped query as the page).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  return csvFileResponse(await moyamoyaCsvFile(team, access));
}
