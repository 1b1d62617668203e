import type { Visibility } from '~/domain/codes'; // the interviews' visibility levels (check the real export name/path and use it)
export type SurveyQuestionKind = 'yes_no' | 'single' | 'multiple' | 'scale' | 'free_text';
/** A survey as the joint paper (and its charts) need it: results only, never raw rows. */
export type PaperSurvey = {
  id: number;
  title: string;
  heldOn: string; // YYYY-MM-DD (first day)
  heldUntil: string | null;
  audience: string; // 対象
  respondents: number | null; // 回答数
  visibility: Visibility;
  questions: {
    id: number;
    position: number;
    text: string;
    kind: SurveyQuestionKind;
    options: { label: string; count: number | null; percent: number }[]; // in the question's option order; percent of respondents (multiple choice may sum over 100)
    quotedAnswers: string[]; // free-text answers tagged as quoted, only
  }[];
};
