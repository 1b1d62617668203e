import { baseVersion, optionalText, recordId, z } from './fields';

// The 共同論文 draft's form (app/routes/teams.$teamId.paper.tsx): the team's two texts and what goes in.
// Each list of boxes comes with the ids the page showed (`shown…`), so a box left unticked is told from a
// record added since the page was opened (which stays in). Ids the team does not own are dropped on save.

// One ticked box arrives as a string, none as nothing; a year holds hundreds of records, not thousands.
const ids = (label: string, max = 2000) =>
  z.preprocess(
    (v) => (v == null || v === '' ? [] : Array.isArray(v) ? v.filter((x) => x !== '') : [v]),
    z.array(recordId(label)).max(max, `${label}が多すぎます。画面を再読み込みしてください`),
  );

export const paperSchema = z.object({
  baseVersion: baseVersion({ first: true }),
  aboutMunicipality: optionalText('自治体について'),
  findings: optionalText('見出した成果'),
  changeIds: ids('創り出した変化'),
  shownChangeIds: ids('創り出した変化'),
  activityIds: ids('月ごとの主な活動', 5000),
  shownActivityIds: ids('月ごとの主な活動', 5000),
  sessionIds: ids('この頃の自分たち', 100),
  shownSessionIds: ids('この頃の自分たち', 100),
  surveyIds: ids('アンケート'),
  interviewIds: ids('インタビュー'),
});
export type PaperInput = z.output<typeof paperSchema>;
