import type { Db } from '../../db/client';
import { activities, activityAttendees, interviewHomework, interviews } from '../../db/schema';
import { chunks, currentFiscalYear, one } from './util';

type NewActivity = typeof activities.$inferInsert;
type NewInterview = typeof interviews.$inferInsert;
type NewHomework = typeof interviewHomework.$inferInsert;

export type ActivityInput = Partial<NewActivity> & Pick<NewActivity, 'teamId'> & { attendeeIds?: number[] };

function activityValues({ attendeeIds: _, ...input }: ActivityInput): NewActivity {
  return {
    kind: 'meeting',
    occurredOn: `${currentFiscalYear()}-05-12`,
    durationMinutes: 60,
    title: 'ミーティング',
    ...input,
  };
}

/** Many activities and their attendees in two statements per 500 rows (the demo seed needs this). */
export async function createActivities(db: Db, inputs: ActivityInput[]) {
  const created: (typeof activities.$inferSelect & { attendeeIds: number[] })[] = [];
  for (const batch of chunks(inputs)) {
    // Postgres numbers serial ids in VALUES order, so sorting by id pairs rows with their inputs.
    const rows = (await db.insert(activities).values(batch.map(activityValues)).returning()).sort((a, b) => a.id - b.id);
    const attendees = rows.flatMap((row, i) => (batch[i]?.attendeeIds ?? []).map((personId) => ({ activityId: row.id, personId })));
    for (const part of chunks(attendees, 2000)) await db.insert(activityAttendees).values(part);
    rows.forEach((row, i) => created.push({ ...row, attendeeIds: batch[i]?.attendeeIds ?? [] }));
  }
  return created;
}

export async function createActivity(db: Db, input: ActivityInput) {
  return one(await createActivities(db, [input]));
}

export type HomeworkInput = string | (Partial<Omit<NewHomework, 'interviewId' | 'teamId'>> & { body: string });

/**
 * キーパーソンインタビュー with its 宿題. It also writes its own activity (kind 'interview'), so the
 * log counts it without anyone entering it twice.
 */
export async function createInterview(
  db: Db,
  overrides: Partial<NewInterview> &
    Pick<NewInterview, 'teamId'> & {
      homework?: HomeworkInput[];
      attendeeIds?: number[];
      activity?: Partial<Omit<NewActivity, 'teamId' | 'interviewId' | 'kind'>>;
    },
) {
  const { homework = [], attendeeIds = [], activity: activityOverrides = {}, ...values } = overrides;
  const interview = one(
    await db
      .insert(interviews)
      .values({
        interviewedOn: `${currentFiscalYear()}-07-15`,
        interviewee: '人事課長',
        roleCategory: 'hr',
        purpose: '組織の現状についての認識を伺う',
        content: '【内容】職員が挑戦できる風土をつくりたい。',
        ...values,
      })
      .returning(),
  );
  const activity = await createActivity(db, {
    title: `${interview.interviewee}へのインタビュー`,
    durationMinutes: 60,
    createdByUserId: interview.createdByUserId,
    ...activityOverrides,
    teamId: interview.teamId,
    kind: 'interview',
    occurredOn: activityOverrides.occurredOn ?? interview.interviewedOn,
    interviewId: interview.id,
    attendeeIds,
  });
  const items = homework.length
    ? await db
        .insert(interviewHomework)
        .values(
          homework.map((item, position) => ({
            position,
            ...(typeof item === 'string' ? { body: item } : item),
            interviewId: interview.id,
            teamId: interview.teamId,
          })),
        )
        .returning()
    : [];
  return { ...interview, activity, homework: items };
}
