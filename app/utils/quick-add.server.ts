import { parseWithZod } from '@conform-to/zod/v4';
import { data } from '@remix-run/node';
import { minutesOf, pickableKinds } from '~/domain/activity-form';
import { createActivity } from '~/models/activity-writes.server';
import { quickActivitySchema } from '~/schemas/activity';
import { redirectWithNotice } from '~/utils/notice.server';
import { actorOf } from '~/utils/permissions.server';

/**
 * すばやく記録 (QuickAdd), posted from 活動記録 or from 概要: one activity, then the timeline with it marked.
 * A refusal answers the page it came from, the typed values in place.
 */
export async function quickAdd(request: Request, formData: FormData, team: Parameters<typeof createActivity>[1], viewer: Parameters<typeof actorOf>[1]) {
  const submission = parseWithZod(formData, { schema: quickActivitySchema });
  if (submission.status !== 'success') return data(submission.reply(), { status: 400 });
  const value = submission.value;
  if (!pickableKinds().includes(value.kind)) {
    return data(submission.reply({ fieldErrors: { kind: ['キーパーソンインタビューはインタビューの記録から追加してください'] } }), { status: 400 });
  }
  const id = await createActivity(actorOf(request, viewer), team, {
    kind: value.kind,
    occurredOn: value.occurredOn,
    startsAt: null,
    durationMinutes: minutesOf(value),
    title: value.title.trim(),
    guests: '',
    notes: '',
    sessionId: null,
    interviewId: null,
    attendeeIds: [],
  });
  return redirectWithNotice(`/teams/${team.id}/activities`, '活動を記録しました。', id);
}
