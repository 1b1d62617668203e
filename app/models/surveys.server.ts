import type { Visibility } from '~/domain/codes';
import type { PaperSurvey } from '~/domain/paper-survey';

// stub until the surveys branch lands
/** The team's surveys the viewer may read (at `visibilities`), in date order, as the joint paper needs them. */
export async function surveysForPaper(teamId: number, visibilities: Visibility[]): Promise<PaperSurvey[]> {
  void teamId;
  void visibilities;
  return [];
}
