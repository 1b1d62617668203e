import { activityKinds, type ActivityKind, type SessionKind, type Visibility } from './codes';
import type { PaperSurvey } from './paper-survey';
import type { SheetContent } from './sheet';
import { formatEraSpanPlain } from '~/utils/dates';

// The 共同論文 draft (issue 18, DOMAIN.md "The joint paper"): what the page previews and the .docx writes,
// in the order the published papers use. Built on the server for one viewer (app/models/paper-content.server.ts);
// both renderings take this shape and nothing else, so the page and the document cannot disagree.

/** The program's facts that are the same every year (DOMAIN.md). */
export const program = {
  name: '早稲田大学マニフェスト研究所 人材マネジメント部会',
  host: '一般社団法人 地域経営推進センター',
  principles: [
    ['研究の場', '研修ではなく、現実を変える実践的な研究の場'],
    ['自ら考え、見つけ出す場', '答えは教わるものではなく、自分たちで見つけ出すもの'],
    ['対話から気づきを得る場', '対話を通じて気づき、学び合う'],
  ],
  keywords: [
    ['立ち位置を変える', '役所の視点から生活者の視点へ（生活者起点）'],
    ['価値前提で考える', 'ありたい姿から逆算する（バックキャスティング）'],
    ['一人称で捉え語る', 'すべてを自分事として捉える'],
    ['ドミナントロジックを転換する', '前例や思い込みを手放す'],
  ],
} as const;

/** The paper's chapters, in order: the headings the .docx writes (Heading 1) and the test reads back. */
export const paperChapters = ['はじめに', '1年間の取組【ダイジェスト】', '詳細版', '次年度に向けた展望', '付記'] as const;

/** Kinds that make a row of the month-by-month table (the team's own meetings and preparations do not). */
export const monthTableKinds: readonly ActivityKind[] = activityKinds.codes.filter((k) => !['meeting', 'interview_prep', 'preassignment'].includes(k));

/** Kinds that get a section of their own in 詳細版. */
export const detailKinds: readonly ActivityKind[] = ['study_session', 'followup', 'partner_meeting', 'interview', 'report'];

export type PaperSession = { id: number; kind: SessionKind; number: number; startsOn: string; endsOn: string | null; place: string; agenda: string };

export type MonthItem = { activityId: number; occurredOn: string; text: string; included: boolean };
export type PaperMonth = { month: string; label: string; items: MonthItem[] };

export type PaperMoyamoya = { sessionId: number; name: string; startsOn: string; level: number; reflection: string; included: boolean };

export type PaperChain = {
  id: number;
  title: string;
  reflection: string;
  step: string | null;
  moments: { stage: string; occurredOn: string; description: string }[];
  included: boolean;
};

/** An interview as the choices list it: whether its content is ticked for the paper. */
export type InterviewChoice = { id: number; interviewedOn: string; label: string; role: string; visibility: Visibility; ticked: boolean };

/**
 * A section of 詳細版. `withheld`: an interview whose content stays out — the team did not tick it ('unticked': its
 * label and role only), or this viewer may not read it ('hidden': nothing of it).
 */
export type DetailSection = {
  key: string;
  kind: ActivityKind;
  occurredOn: string;
  heading: string;
  person: string | null;
  purpose: string;
  content: string[];
  reflections: string[];
  homework: string[];
  withheld: keyof typeof withheldWords | null;
};

/** What a section of 詳細版 says in place of an interview's content it leaves out. */
export const withheldWords = {
  unticked: 'このインタビューの内容は論文に含めていません（チームが論文に載せる設定にしていません）',
  hidden: 'このインタビューは、あなたが読める公開範囲の外にあるため表示していません',
} as const;

/** Something included that the program (organizers, dialogue partners) may not read: the team confirms it before download. */
export type NonProgramItem = { key: string; what: string; visibility: Visibility };

export type PaperDraft = {
  team: { id: number; municipalityName: string; prefecture: string; fiscalYear: number; generation: number };
  members: { fullName: string; department: string; section: string }[];
  theme: string | null;
  organizers: { role: string; people: { name: string; affiliation: string }[] }[];
  sessions: PaperSession[];
  texts: { aboutMunicipality: string; findings: string };
  months: PaperMonth[];
  totals: { byKind: { kind: ActivityKind; label: string; count: number; minutes: number }[]; total: { count: number; minutes: number } };
  moyamoya: PaperMoyamoya[];
  chains: PaperChain[];
  surveys: (PaperSurvey & { included: boolean })[];
  interviews: InterviewChoice[];
  details: DetailSection[];
  sheet: { version: number; tag: string; savedAt: string; content: SheetContent } | null;
  nonProgram: NonProgramItem[];
  /** What the paper cannot say yet, in the words the page and the document use (「活動記録がまだありません」). */
  missing: string[];
  version: number;
};

/** 「部長級職員（Aさん）（部局長・課長）」: an interviewee by the record's label and role, the role once when they are the same (市長). */
export function personWithRole(label: string, role: string): string {
  return label.trim() === role ? role : `${label}（${role}）`;
}

/** 第3回研究会, 第2回フォローアップ研修: a session as the paper names it. */
export function sessionTitle(kind: SessionKind, number: number): string {
  const name: Record<SessionKind, string> = { study: '研究会', followup: 'フォローアップ研修', regional: '地域別研究会', other: '研究会（その他）' };
  return `第${number}回${name[kind]}`;
}

/** 「第3回研究会（令和4年7月22日〜23日＠オンライン）」: a section's heading, as the papers write it. */
export function sectionHeading(title: string, from: string, to: string | null, place: string): string {
  return `${title}（${formatEraSpanPlain(from, to)}${place ? `＠${place}` : ''}）`;
}

/** Where a session was held, as the sessions table says it. */
export function sessionPlace(session: { venue: string; isOnline: boolean }): string {
  return session.isOnline ? 'オンライン' : session.venue.trim();
}

/**
 * The month-by-month table: months of the fiscal year that have an included item, April first; the same words
 * twice in a month are one entry with its count (対話自治体ミーティング（2回）).
 */
export function monthTable(months: PaperMonth[]): { label: string; entries: string[] }[] {
  return months
    .map((m) => {
      const counts = new Map<string, number>();
      for (const item of m.items) if (item.included) counts.set(item.text, (counts.get(item.text) ?? 0) + 1);
      return { label: m.label, entries: [...counts].map(([text, n]) => (n > 1 ? `${text}（${n}回）` : text)) };
    })
    .filter((m) => m.entries.length > 0);
}

/** Groups dated items by month of the fiscal year, April to March, in date order. */
export function byMonth(items: MonthItem[]): PaperMonth[] {
  const months = new Map<string, MonthItem[]>();
  for (const item of [...items].sort((a, b) => a.occurredOn.localeCompare(b.occurredOn) || a.activityId - b.activityId)) {
    const key = item.occurredOn.slice(0, 7);
    months.set(key, [...(months.get(key) ?? []), item]);
  }
  return [...months].map(([month, list]) => ({ month, label: `${Number(month.slice(5, 7))}月`, items: list }));
}

/** Free text as the paper's bullet points: one per non-empty line. */
export function bullets(text: string): string[] {
  return text
    .split(/\r?\n/)
    .map((line) => line.replace(/^\s*(?:[・•\-*]|\d+[.)．）])\s*/, '').trim())
    .filter(Boolean);
}

const percentFormat = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/** 「16%（8件）」: an option's share of the respondents, and how many when the count is known. */
export function shareText(option: { count: number | null; percent: number }): string {
  return `${percentFormat.format(option.percent)}%${option.count === null ? '' : `（${percentFormat.format(option.count)}件）`}`;
}

/** 「はい 16%（8件）」: one option of a survey question, as the paper quotes it. */
export function optionText(option: { label: string; count: number | null; percent: number }): string {
  return `${option.label} ${shareText(option)}`;
}

/** 「（Y:16%/N:84%）」 after the question, as papers write a yes/no question's result. */
export function questionSummary(question: PaperSurvey['questions'][number]): string {
  if (question.kind === 'free_text' || question.options.length === 0) return '';
  return `（${question.options.map((o) => `${o.label}:${percentFormat.format(o.percent)}%`).join('/')}）`;
}

export const paperGaps = {
  members: 'メンバーがまだ登録されていません',
  sessions: 'この年度の研究会がまだ登録されていません',
  aboutMunicipality: '自治体についての文章がまだありません',
  activities: '活動記録がまだありません',
  moyamoya: 'チームのモヤモヤ指数がまだありません',
  findings: '見出した成果がまだ書かれていません',
  chains: '創り出した変化がまだありません',
  sheet: '変革ストーリーシートがまだありません',
} as const;

/** What the paper cannot say yet: the page lists it, and each chapter of the document says it in place. */
export function missingParts(draft: Omit<PaperDraft, 'missing'>): string[] {
  const gaps: (string | null)[] = [
    draft.members.length === 0 ? paperGaps.members : null,
    draft.sessions.every((s) => s.kind !== 'study') ? paperGaps.sessions : null,
    draft.texts.aboutMunicipality.trim() === '' ? paperGaps.aboutMunicipality : null,
    draft.totals.total.count === 0 ? paperGaps.activities : null,
    draft.moyamoya.length === 0 ? paperGaps.moyamoya : null,
    draft.texts.findings.trim() === '' ? paperGaps.findings : null,
    draft.chains.length === 0 ? paperGaps.chains : null,
    draft.sheet === null ? paperGaps.sheet : null,
  ];
  return gaps.filter((m): m is string => m !== null);
}

/**
 * What the team confirms before the download, as one value: the records beyond the program's reading it saw
 * listed. A download with another value (the list changed since, or no confirmation) is refused.
 */
export function confirmationKey(draft: Pick<PaperDraft, 'nonProgram'>): string {
  return draft.nonProgram
    .map((item) => item.key)
    .sort()
    .join(',');
}
