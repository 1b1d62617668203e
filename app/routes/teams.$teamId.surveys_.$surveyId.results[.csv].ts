import type { LoaderFunctionArgs } from '@remix-run/node';
import { surveyQuestionKinds } from '~/domain/codes';
import { getSurvey } from '~/models/surveys.server';
import { csvResponse } from '~/utils/csv-export.server';
import { requireIdParam } from '~/utils/http.server';
import { denyNotFound, requireTeam } from '~/utils/permissions.server';

// Columns documented in docs/csv.md: one row per option of a choice question, one per answer of a free-text one.
export const surveyResultsCsvHeader = ['質問番号', '質問', '形式', '回答した人数', '選択肢・回答', '件数', '割合（％）', '引用'] as const;

export async function loader({ request, params }: LoaderFunctionArgs) {
  const { viewer, team, access } = await requireTeam(request, requireIdParam(params.teamId), 'view');
  const surveyId = requireIdParam(params.surveyId);
  // Only what this viewer may read: the export goes through the same scoped query as the page.
  const survey = await getSurvey(team.id, surveyId, access.interviewVisibilities);
  if (!survey) return denyNotFound(request, viewer, { teamId: team.id, surveyId });
  const rows = survey.questions.flatMap((q) => {
    const head = [`Q${q.position + 1}`, q.text, surveyQuestionKinds.label[q.kind], q.answered ?? ''] as const;
    return q.kind === 'free_text'
      ? q.answers.map((a) => [...head, a.body, '', '', a.quoted ? '○' : ''])
      : q.options.map((o) => [...head, o.label, o.count ?? '', o.percent, '']);
  });
  return csvResponse(`${team.municipalityName}_${survey.title}_集計結果.csv`, `survey-${survey.id}-results.csv`, surveyResultsCsvHeader, rows);
}
