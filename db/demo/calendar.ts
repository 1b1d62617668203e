import type { Db } from '../client';
import { createPreAssignment, createProgramYear, createSession } from '../../tests/factories';

// The demo lives on 2026-11-21: FY2026 (令和8年度) is under way, its log ends yesterday.
export const demoToday = '2026-11-21';
export const demoLastLogDay = '2026-11-20';
export const demoYears = [2021, 2022, 2023, 2024, 2025, 2026] as const;

export function addDays(iso: string, days: number): string {
  const date = new Date(`${iso}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** 0 = Sunday … 6 = Saturday */
export function weekday(iso: string): number {
  return new Date(`${iso}T00:00:00Z`).getUTCDay();
}

export function isWeekend(iso: string): boolean {
  const d = weekday(iso);
  return d === 0 || d === 6;
}

/** A weekday near `iso`: weekends move to the Friday before. */
export function workday(iso: string): string {
  return isWeekend(iso) ? onOrAfter(addDays(iso, -6), 5) : iso;
}

/** The first day on or after `iso` that falls on `day` (0 = Sunday). */
export function onOrAfter(iso: string, day: number): string {
  return addDays(iso, (day - weekday(iso) + 7) % 7);
}

/** Whole days from `from` to `to`. */
export function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / 86_400_000);
}

/** A moment of a day in Tokyo, for created_at columns. */
export function tokyoTime(iso: string, hhmm = '21:00'): Date {
  return new Date(`${iso}T${hhmm}:00+09:00`);
}

const themes: Record<number, string> = {
  2021: '『地域のための人・組織づくり』を考える',
  2022: '"地域のための人・組織づくり"を進める〜持続可能な地域をつくる人・組織のストーリーを描き、実践する〜',
  2023: '"地域のための人・組織づくり"を実践する〜対話から始まる組織変革のストーリー〜',
  2024: '一人称で語り、共に創る〜職員一人ひとりが地域の未来を描ける組織へ〜',
  2025: '変化を創り出す人・組織づくり〜対話と共感で"ありたい姿"へ踏み出す〜',
  2026: '地域の10年後から組織を問い直す〜バックキャスティングで描く人・組織のストーリー〜',
};

const thirdVenues: Record<number, string> = {
  2021: 'オンライン（Zoom）',
  2022: '熊本市（熊本城ホール）',
  2023: '甲府市（甲府市役所 大会議室）',
  2024: '北上市（さくらホール）',
  2025: '三条市（三条ものづくり学校）',
  2026: '富岡市（富岡市役所 市民ホール）',
};

const agendas = [
  '開講式／部会の基本的な考え方と4つのキーワード／チーム内・対話自治体との顔合わせ',
  '組織の現状把握：アンケート・インタビュー計画の共有と対話',
  'キーパーソンインタビューの振り返り／10年後のありたい姿を描く（バックキャスティング）',
  '変革ストーリーシートの中間発表と幹事フィードバック',
  '重点取組の絞り込みとアクションプランの具体化',
  '変革ストーリーシート発表（投票上位3自治体）／1年間の振り返りと共同論文に向けて',
] as const;

const assignments: Record<number, [string, string]> = {
  2: ['事前課題②：組織の現状と背景の整理', '全庁・若手職員アンケートの結果や日頃の気付きから、組織の現状と背景をA4一枚にまとめてください。'],
  3: ['事前課題③：キーパーソンインタビューの計画と結果', 'インタビューの相手・目的・質問と、そこから得た気付きとモヤモヤを整理してください。'],
  4: [
    '事前課題④：変革ストーリーシート（中間版）',
    '10年後のありたい姿から逆算して、変革ストーリーシートを中間版としてまとめてください。対話自治体のシートも読んでおくこと。',
  ],
  5: ['事前課題⑤：重点取組とアクションプラン', '重点取組を絞り込み、「まず・次に・さらに」のアクションプランを具体化してください。'],
  6: ['事前課題⑥：変革ストーリーシート（最終版）と活動の振り返り', '変革ストーリーシート最終版と、1年間の活動回数・時間の振り返りを提出してください。'],
};

export type SessionPlan = {
  kind: 'study' | 'followup';
  number: number;
  startsOn: string;
  endsOn: string | null;
  venue: string;
  isOnline: boolean;
  agenda: string;
};

/** Six 研究会 and one or two online フォローアップ, all inside the fiscal year. */
export function sessionPlan(fy: number): SessionPlan[] {
  const online = 'オンライン（Zoom）';
  const covid = fy === 2021; // that year most sessions moved online
  const third = onOrAfter(`${fy}-07-18`, 4); // Thursday and Friday
  const study = (number: number, startsOn: string, venue: string, endsOn: string | null = null): SessionPlan => ({
    kind: 'study',
    number,
    startsOn,
    endsOn,
    venue,
    isOnline: venue === online,
    agenda: agendas[number - 1]!,
  });
  const plans = [
    study(1, onOrAfter(`${fy}-04-19`, 5), covid ? online : '早稲田大学 早稲田キャンパス（東京都新宿区）'),
    study(2, onOrAfter(fy % 2 === 0 ? `${fy}-05-23` : `${fy}-06-04`, 5), covid ? online : '東京（日本青年館 会議室）'),
    study(3, third, thirdVenues[fy] ?? online, addDays(third, 1)),
    study(4, onOrAfter(`${fy}-10-14`, 5), covid ? online : '大阪（大阪国際交流センター）'),
    study(5, onOrAfter(fy % 2 === 0 ? `${fy}-12-01` : `${fy}-11-24`, 5), online),
    study(6, onOrAfter(`${fy + 1}-01-23`, 5), '早稲田大学 大隈記念講堂'),
  ];
  const followup = (number: number, startsOn: string): SessionPlan => ({
    kind: 'followup',
    number,
    startsOn,
    endsOn: null,
    venue: online,
    isOnline: true,
    agenda: 'フォローアップ研修：チームのモヤモヤを幹事に持ち込み、対話する',
  });
  plans.push(followup(1, onOrAfter(`${fy}-08-22`, 5)));
  if (fy >= 2024) plans.push(followup(2, onOrAfter(`${fy + 1}-02-13`, 5)));
  return plans;
}

export type DemoSession = SessionPlan & { id: number; fiscalYear: number; preAssignment?: { id: number; dueOn: string } };
export type DemoCalendar = Map<number, DemoSession[]>;

export async function seedCalendar(db: Db): Promise<DemoCalendar> {
  const calendar: DemoCalendar = new Map();
  for (const fiscalYear of demoYears) {
    await createProgramYear(db, { fiscalYear, theme: themes[fiscalYear]! });
    const sessions: DemoSession[] = [];
    for (const plan of sessionPlan(fiscalYear)) {
      const row = await createSession(db, { ...plan, fiscalYear });
      const session: DemoSession = { ...plan, id: row.id, fiscalYear };
      const assignment = plan.kind === 'study' ? assignments[plan.number] : undefined;
      if (assignment) {
        const dueOn = addDays(plan.startsOn, plan.number === 3 ? -7 : -5);
        const pre = await createPreAssignment(db, { sessionId: row.id, title: assignment[0], description: assignment[1], dueOn });
        session.preAssignment = { id: pre.id, dueOn };
      }
      sessions.push(session);
    }
    calendar.set(fiscalYear, sessions);
  }
  return calendar;
}

/** Sessions of a year held on or before `until`. */
export function heldSessions(calendar: DemoCalendar, fy: number, until: string) {
  return (calendar.get(fy) ?? []).filter((s) => (s.endsOn ?? s.startsOn) <= until);
}
