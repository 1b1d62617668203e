import { parseWithZod } from '@conform-to/zod/v4';
import { minutesOf, pickableKinds } from '~/domain/activity-form';
import type { ActivityKind, Visibility } from '~/domain/codes';
import { sessionsOfYear } from '~/models/activities.server';
import { checkLinks, type ActivityValues } from '~/models/activity-writes.server';
import { listInterviews } from '~/models/interviews.server';
import { listTeamMembers } from '~/models/teams.server';
import { activitySchema } from '~/schemas/activity';

type TeamScope = { id: number; fiscalYear: number };

/** What the full activity form offers: the team's members, the year's sessions, readable interviews. */
export async function activityChoices(team: TeamScope, visibilities: Visibility[], current?: ActivityKind) {
  const [members, sessions, interviews] = await Promise.all([listTeamMembers(team.id), sessionsOfYear(team.fiscalYear), listInterviews(team.id, visibilities)]);
  return { kinds: pickableKinds(current), members, sessions, interviews };
}

/**
 * The submitted form as values to save, or the reply to answer 400 with (field errors in Japanese,
 * the typed values kept). `current` is the kind of the entry being edited.
 */
export async function parseActivityForm(formData: FormData, team: TeamScope, visibilities: Visibility[], current?: ActivityKind) {
  const submission = parseWithZod(formData, { schema: activitySchema });
  if (submission.status !== 'success') return { reply: submission.reply(), values: null };
  const v = submission.value;
  const values: ActivityValues = {
    kind: v.kind,
    occurredOn: v.occurredOn,
    startsAt: v.startsAt ?? null,
    durationMinutes: minutesOf(v),
    title: v.title,
    guests: v.guests.trim(),
    notes: v.notes,
    sessionId: v.sessionId ?? null,
    interviewId: v.interviewId ?? null,
    attendeeIds: v.attendeeIds,
  };
  const fieldErrors = (await checkLinks(team, values, visibilities)) ?? {};
  if (!pickableKinds(current).includes(v.kind)) fieldErrors.kind = ['キーパーソンインタビューはインタビューの記録から追加してください'];
  if (Object.keys(fieldErrors).length) return { reply: submission.reply({ fieldErrors }), values: null };
  // The reply of a valid form keeps what was typed, for a save refused as stale (409).
  return { reply: submission.reply(), values };
}
