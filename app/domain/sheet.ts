// The change-story sheet (変革ストーリーシート): the shape of one version's content.
// Stored as jsonb in sheet_versions.content; every version is a whole snapshot.

/** A record a sheet item cites: an interview, an activity, or one question of a survey (its id). */
export type Evidence = { kind: 'interview' | 'activity' | 'survey_question'; id: number };
export type SheetItem = { text: string; evidence: Evidence[] };

export type SheetContent = {
  currentState: string; // 現状とその背景
  idealIn10Years: string; // 10年後のありたい姿
  targetOrganization: string; // 目指す組織・職員像
  focusInitiatives: SheetItem[]; // 重点取組
  oneYearGoal: string; // 1年後に目指す状態
  actionPlan: { first: SheetItem[]; next: SheetItem[]; further: SheetItem[] }; // まず/次に/さらに
  scenario: { official: string; offsite: string }; // 取組シナリオ
  keywords: { standpoint: string; valueBased: string; firstPerson: string; dominantLogic: string };
};

export const sheetSections = [
  ['currentState', '現状とその背景'],
  ['idealIn10Years', '10年後のありたい姿'],
  ['targetOrganization', '目指す組織・職員像'],
  ['focusInitiatives', '重点取組'],
  ['oneYearGoal', '1年後に目指す状態'],
  ['actionPlan', 'アクションプラン'],
  ['scenario', '取組シナリオ'],
  ['keywords', '4つのキーワードによる振り返り'],
] as const;
export type SheetSectionKey = (typeof sheetSections)[number][0];
export const sheetSectionKeys = sheetSections.map(([key]) => key) as unknown as readonly [SheetSectionKey, ...SheetSectionKey[]];

export function emptySheet(): SheetContent {
  return {
    currentState: '',
    idealIn10Years: '',
    targetOrganization: '',
    focusInitiatives: [],
    oneYearGoal: '',
    actionPlan: { first: [], next: [], further: [] },
    scenario: { official: '', offsite: '' },
    keywords: { standpoint: '', valueBased: '', firstPerson: '', dominantLogic: '' },
  };
}
