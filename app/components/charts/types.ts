import type { ActivityKind } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';

// What loaders hand to charts: small serialisable arrays, already shaped. Components only draw.

/** A study session on the time axis, labelled 第N回. */
export type SessionMark = { date: string; label: string };

/** Weekly bars stacked by kind, with the cumulative hours line. */
export type WeeklySpec = {
  type: 'weekly';
  /** The Monday of each week of the fiscal year, 'YYYY-MM-DD'. */
  weeks: string[];
  series: { kind: ActivityKind; label: string; hours: number[] }[];
  /** Null after today: the line stops where the year has got to. */
  cumulativeHours: (number | null)[];
  sessions: SessionMark[];
};

export type LinePoint = { date: string; level: number; note?: string };

/** Lines over the fiscal year on a 0–100% scale: モヤモヤ curves. */
export type LinesSpec = {
  type: 'lines';
  fiscalYear: number;
  series: { label: string; emphasis?: boolean; points: LinePoint[] }[];
  sessions: SessionMark[];
};

/** Hours per kind, one horizontal bar each. */
export type KindsSpec = {
  type: 'kinds';
  rows: { kind: ActivityKind; label: string; hours: number; count: number }[];
};

/**
 * One survey question's results: a single 100% bar of its options' shares, or for a multiple-choice
 * question (whose shares may add up to more than 100) one bar per option on a 0–100% axis.
 */
export type SharesSpec = {
  type: 'shares';
  kind: SurveyQuestionKind;
  options: { label: string; percent: number; count: number | null; color: string }[];
};

export type ChartSpec = WeeklySpec | LinesSpec | KindsSpec | SharesSpec;
