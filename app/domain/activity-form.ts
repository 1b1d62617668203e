import { activityKinds, type ActivityKind } from './codes';

// Shared by the activity forms (browser) and their schemas (server).

/** The quick picks for an entry's length, in minutes. */
export const durationPicks = ['30', '60', '90', '120'] as const;

/** The minutes a submitted form means: the typed minutes, else the quick pick. */
export function minutesOf(v: { durationPick?: string; durationMinutes?: number }): number {
  return v.durationMinutes ?? Number(v.durationPick ?? 0);
}

/**
 * Kinds a person may pick: キーパーソンインタビュー is entered from the interview form, which writes
 * its own activity; an imported row of that kind keeps it (`current`) when edited.
 */
export function pickableKinds(current?: ActivityKind): ActivityKind[] {
  return activityKinds.codes.filter((k) => k !== 'interview' || current === 'interview');
}
