import type { LoaderFunctionArgs } from '@remix-run/node';
import { buildTeamArchive } from '~/models/team-archive.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/records.zip — 「チームの記録一式」: every CSV of the team's year, every sheet version as Word, and
// the 共同論文 draft under its own confirmation rule (`confirmed`, as on paper.docx), as this viewer may read them.
// The need is the team CSVs' (the activity log's): whoever follows the team's progress (docs/access.md).
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access, viewer } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const archive = await buildTeamArchive(team, access, viewer, new URL(request.url).searchParams.get('confirmed'));
  return new Response(archive.bytes, {
    headers: {
      'Content-Type': 'application/zip',
      'Content-Disposition': `attachment; filename="${archive.asciiName}"; filename*=UTF-8''${encodeURIComponent(archive.name)}`,
      // What a team wrote, for this viewer only: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
