import type { LoaderFunctionArgs } from '@remix-run/node';
import { sessionName } from '~/domain/moyamoya';
import { listMemberCheckins, listTeamMoyamoya } from '~/models/moyamoya.server';
import { csvResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { requireTeam } from '~/utils/permissions.server';

// Columns documented in docs/csv.md: the team's figures first, then members' own figures when
// this viewer may see them (the same scoped query as the page).
export const moyamoyaCsvHeader = ['区分', '日付', '研究会', 'メンバー', 'モヤモヤ指数', 'ひとこと・この頃の自分たち'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { team, access } = await requireTeam(request, requireIdParam(params.teamId), 'readProgress');
  const [teamEntries, checkins] = await Promise.all([listTeamMoyamoya(team.id), listMemberCheckins(team.id, { asMember: access.kinds.includes('member') })]);
  return csvResponse(`${team.municipalityName}_モヤモヤ指数_${team.fiscalYear}年度.csv`, `moyamoya-${team.id}-${team.fiscalYear}.csv`, moyamoyaCsvHeader, [
    ...teamEntries.map((e) => ['チーム', e.startsOn, sessionName(e.sessionKind, e.sessionNumber), '', e.level, e.reflection]),
    ...[...checkins].reverse().map((c) => ['メンバー', c.checkedOn, '', c.fullName, c.level, c.note]),
  ]);
}
