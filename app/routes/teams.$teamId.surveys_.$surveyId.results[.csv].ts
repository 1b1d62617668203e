import type { LoaderFunctionArgs } from '@remix-run/node';
import { surveyResultsCsvFile } from '~/models/team-csv-files.server';
import { csvFileResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { denyNotFound, requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/surveys/:surveyId/results.csv — columns in docs/csv.md. Only what this viewer may read: the
// export goes through the same scoped query as the page.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  const surveyId = requireIdParam(params.surveyId);
  const file = await surveyResultsCsvFile(team, surveyId, access);
  if (!file) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  return csvFileResponse(file);
}
