import type { LoaderFunctionArgs } from '@remix-run/node';
import { homeworkStatuses, intervieweeRoles, visibilities } from '~/domain/codes';
import { exportInterviews } from '~/models/interviews.server';
import { csvResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// Columns documented in docs/csv.md. One row per interview; its 宿題 go in one cell, one a line.
export const interviewCsvHeader = ['実施日', '相手', '相手の立場', '公開範囲', '所要時間（分）', '目的', '質問', '内容', '気付き', 'モヤモヤ', '宿題'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  // Only what this viewer may read: the export goes through the same scoped query as the pages.
  const rows = await exportInterviews(team.id, access.interviewVisibilities);
  return csvResponse(
    `${team.municipalityName}_キーパーソンインタビュー_${team.fiscalYear}年度.csv`,
    `interviews-${team.id}-${team.fiscalYear}.csv`,
    interviewCsvHeader,
    rows.map((i) => [
      i.interviewedOn,
      i.interviewee,
      intervieweeRoles.label[i.roleCategory],
      visibilities.label[i.visibility],
      i.durationMinutes ?? '',
      i.purpose,
      i.questions,
      i.content,
      i.insights,
      i.unease,
      i.homework
        .map((h) => `【${homeworkStatuses.label[h.status]}】${h.body}${h.dueOn ? `（期限 ${h.dueOn}）` : ''}${h.followUp ? ` 対応: ${h.followUp}` : ''}`)
        .join('\n'),
    ]),
  );
}
