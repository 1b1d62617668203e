import type { LoaderFunctionArgs } from '@remix-run/node';
import { confirmationKey } from '~/domain/paper';
import { loadPaperDraft } from '~/models/paper-content.server';
import { refusal, requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// GET /teams/:teamId/paper.docx — the 共同論文 draft as Word opens it, as this viewer may read it. When it holds
// records the program may not read (an interview kept to the team, ticked for the paper), the team must have
// confirmed that very list on the paper page (`confirmed`), or the download is refused.
export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const draft = await loadPaperDraft(team, access);
  const key = confirmationKey(draft);
  if (key && new URL(request.url).searchParams.get('confirmed') !== key) {
    throw refusal(
      409,
      '公開範囲がチーム内のみの記録を含むため、ダウンロードの前に確認が必要です。共同論文のページを開き直し、一覧を確かめて「確認しました」にチェックしてからダウンロードしてください。',
    );
  }
  // The document library and the chart renderer are loaded here, on the first paper, never at start-up.
  const { buildPaperDocx, paperFileName } = await import('~/utils/paper-docx.server');
  const body = await buildPaperDocx(draft);
  return new Response(body, {
    headers: {
      'Content-Type': 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
      'Content-Disposition': `attachment; filename="paper-${team.id}-${team.fiscalYear}.docx"; filename*=UTF-8''${encodeURIComponent(paperFileName(draft))}`,
      // What a team wrote, for this viewer only: never kept by a shared cache.
      'Cache-Control': 'private, no-store',
    },
  });
}
