// Code lists shared by the database schema, the server and the browser.
// Codes are stored; labels are what people read. Order is the order shown in the UI.

function labels<const C extends string>(entries: readonly (readonly [C, string])[]) {
  const codes = entries.map(([code]) => code) as unknown as readonly [C, ...C[]];
  const label = Object.fromEntries(entries) as Record<C, string>;
  return { codes, label };
}

export const sessionKinds = labels([
  ['study', '研究会'],
  ['followup', 'フォローアップ'],
  ['regional', '地域別研究会'],
  ['other', 'その他'],
] as const);
export type SessionKind = (typeof sessionKinds.codes)[number];

export const municipalityKinds = labels([
  ['city', '市'],
  ['town', '町'],
  ['village', '村'],
  ['prefecture', '県'],
  ['ward', '区'],
] as const);
export type MunicipalityKind = (typeof municipalityKinds.codes)[number];

export const organizerRoles = labels([
  ['advisor', '顧問'],
  ['chair', '部会長'],
  ['kanji', '幹事'],
  ['councilor', '参与'],
  ['secretariat', '事務局'],
  ['other', 'その他'],
] as const);
export type OrganizerRole = (typeof organizerRoles.codes)[number];

export const activityKinds = labels([
  ['kickoff', '顔合わせ'],
  ['study_session', '研究会'],
  ['followup', 'フォローアップ研修'],
  ['meeting', 'ミーティング'],
  ['interview_prep', 'インタビュー準備'],
  ['interview', 'キーパーソンインタビュー'],
  ['survey', 'アンケート'],
  ['preassignment', '事前課題提出'],
  ['report', '報告'],
  ['partner_meeting', '対話自治体ミーティング'],
  ['alumni_dialogue', 'マネ友との対話'],
  ['local_study', '地域勉強会'],
  ['offsite', 'オフサイトミーティング'],
  ['vote', '投票'],
  ['joint_paper', '共同論文提出'],
  ['other', 'その他'],
] as const);
export type ActivityKind = (typeof activityKinds.codes)[number];

export const intervieweeRoles = labels([
  ['head', '首長'],
  ['deputy_head', '副首長'],
  ['hr', '人事部門'],
  ['manager', '部局長・課長'],
  ['staff', '職員'],
  ['council', '議員'],
  ['community', '住民・地域'],
  ['external', '外部'],
  ['alumni', 'マネ友'],
  ['other', 'その他'],
] as const);
export type IntervieweeRole = (typeof intervieweeRoles.codes)[number];

export const visibilities = labels([
  ['team', 'チーム内のみ'],
  ['municipality', '自治体（人事課・マネ友）まで'],
  ['program', '部会全体（事務局・対話自治体）まで'],
] as const);
export type Visibility = (typeof visibilities.codes)[number];

// アンケート: what a question asks for, and where a survey's results came from.
export const surveyQuestionKinds = labels([
  ['yes_no', 'はい／いいえ'],
  ['single', '単一選択'],
  ['multiple', '複数選択'],
  ['scale', '5段階評価'],
  ['free_text', '自由記述'],
] as const);

export const surveySources = labels([
  ['microsoft_forms', 'Microsoft Forms のCSV'],
  ['google_forms', 'Google フォームのCSV'],
  ['csv', 'CSV（LoGoフォームなど）'],
  ['manual', '手入力（集計結果）'],
] as const);
export type SurveySource = (typeof surveySources.codes)[number];

export const homeworkStatuses = labels([
  ['todo', '未着手'],
  ['doing', '対応中'],
  ['done', '完了'],
] as const);
export type HomeworkStatus = (typeof homeworkStatuses.codes)[number];

export const moyamoyaVisibilities = labels([
  ['team_figure_only', 'チームの数値のみ公開'],
  ['members_visible', 'メンバー個人の数値も公開'],
] as const);
export type MoyamoyaVisibility = (typeof moyamoyaVisibilities.codes)[number];

export const changeStages = labels([
  ['trigger', 'きっかけ'],
  ['turning_point', '転機'],
  ['change', '変化'],
] as const);
export type ChangeStage = (typeof changeStages.codes)[number];

export const coCreationSteps = labels([
  ['share', '共有'],
  ['empathy', '共感'],
  ['cowork', '共働'],
  ['cocreate', '共創'],
] as const);
export type CoCreationStep = (typeof coCreationSteps.codes)[number];

export const facilitatorRequestStatuses = labels([
  ['open', '募集中'],
  ['decided', '決定'],
  ['done', '実施済'],
  ['cancelled', '取消'],
] as const);
export type FacilitatorRequestStatus = (typeof facilitatorRequestStatuses.codes)[number];

// A マネ友's offer to mentor a current team of their municipality: the team answers it, the alumnus may
// withdraw it while it waits (docs/decisions/0020).
export const mentorOfferStatuses = labels([
  ['pending', '申し出中'],
  ['accepted', '承諾'],
  ['declined', '辞退'],
  ['withdrawn', '取り下げ'],
] as const);
export type MentorOfferStatus = (typeof mentorOfferStatuses.codes)[number];

export const tokenPurposes = labels([
  ['invite', '招待'],
  ['reset', 'パスワード再設定'],
] as const);
export type TokenPurpose = (typeof tokenPurposes.codes)[number];
