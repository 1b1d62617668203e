import type { ActivityKind } from '~/domain/codes';
import type { SurveyQuestionKind } from '~/domain/paper-survey';

// One palette for every chart and table swatch, so a kind has the same colour everywhere.
// The first eight are Okabe–Ito (safe for the common colour-vision deficiencies); the rarer kinds
// take Paul Tol's "light" scheme, which stays distinguishable from them. Every chart also has a
// table twin, so nothing depends on colour alone.

export const okabeIto = {
  orange: '#E69F00',
  skyBlue: '#56B4E9',
  green: '#009E73',
  yellow: '#F0E442',
  blue: '#0072B2',
  vermillion: '#D55E00',
  purple: '#CC79A7',
  black: '#000000',
} as const;

export const kindColor: Record<ActivityKind, string> = {
  meeting: okabeIto.blue,
  interview: okabeIto.vermillion,
  interview_prep: okabeIto.orange,
  study_session: okabeIto.green,
  survey: okabeIto.skyBlue,
  report: okabeIto.purple,
  partner_meeting: okabeIto.yellow,
  followup: '#44BB99',
  kickoff: '#77AADD',
  preassignment: '#BBCC33',
  alumni_dialogue: '#EE8866',
  local_study: '#AAAA00',
  offsite: '#FFAABB',
  vote: '#99DDFF',
  joint_paper: '#EEDD88',
  other: '#BBBBBB',
};

/**
 * Colours for series that are not kinds, in order (a survey question's options): Okabe–Ito first, then Paul Tol's
 * "light" scheme, as the kinds take them; black is left out, for the lines and text drawn over them.
 */
export const seriesColors: readonly string[] = [
  okabeIto.blue,
  okabeIto.vermillion,
  okabeIto.green,
  okabeIto.orange,
  okabeIto.skyBlue,
  okabeIto.purple,
  okabeIto.yellow,
  '#77AADD',
  '#EE8866',
  '#44BB99',
  '#BBCC33',
  '#AAAA00',
  '#FFAABB',
  '#99DDFF',
  '#EEDD88',
  '#BBBBBB',
];

/** Lines that are not a kind: cumulative hours, the team figure, members, session markers. */
export const lineColor = {
  cumulative: okabeIto.black,
  team: okabeIto.black,
  session: '#555555',
  members: [okabeIto.blue, okabeIto.vermillion, okabeIto.green, okabeIto.purple, okabeIto.orange, okabeIto.skyBlue],
} as const;

/** Dash patterns so lines differ by shape as well as colour. */
export const dashes: number[][] = [[], [6, 3], [2, 2], [8, 3, 2, 3], [12, 4], [1, 3]];

// A survey question's options (on screen and in the joint paper's charts alike): yes and no as blue and
// vermillion; a five-point scale diverging from vermillion (1) through grey (3) to blue (5); other choices in the
// Okabe–Ito order, then Paul Tol's light colours, as the activity kinds.
const choiceColors = [
  okabeIto.blue,
  okabeIto.orange,
  okabeIto.green,
  okabeIto.skyBlue,
  okabeIto.vermillion,
  okabeIto.purple,
  okabeIto.yellow,
  '#44BB99',
  '#77AADD',
  '#BBCC33',
  '#EE8866',
  '#AAAA00',
  '#FFAABB',
  '#99DDFF',
  '#EEDD88',
  '#BBBBBB',
];

/** The colour of each of a question's `count` options, in their order. */
export function optionColors(kind: SurveyQuestionKind, count: number): string[] {
  if (kind === 'yes_no' && count === 2) return [okabeIto.blue, okabeIto.vermillion];
  if (kind === 'scale' && count === 5) return [okabeIto.vermillion, okabeIto.orange, '#BBBBBB', okabeIto.skyBlue, okabeIto.blue];
  return Array.from({ length: count }, (_, i) => choiceColors[i % choiceColors.length]!);
}
