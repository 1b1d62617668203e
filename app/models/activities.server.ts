import { and, desc, eq, isNull, sql } from 'drizzle-orm';
import { getDb } from '../../db/client';
import { activities } from '../../db/schema';

/** 1年間の活動回数・時間: the team's totals, computed in SQL. */
export async function activityTotals(teamId: number) {
  const [row] = await getDb()
    .select({
      count: sql<number>`count(*)`.mapWith(Number),
      minutes: sql<number>`coalesce(sum(${activities.durationMinutes}), 0)`.mapWith(Number),
      lastOn: sql<string | null>`max(${activities.occurredOn})`,
    })
    .from(activities)
    .where(and(eq(activities.teamId, teamId), isNull(activities.archivedAt)));
  return row ?? { count: 0, minutes: 0, lastOn: null };
}

export async function recentActivities(teamId: number, limit = 5) {
  return getDb()
    .select({
      id: activities.id,
      kind: activities.kind,
      occurredOn: activities.occurredOn,
      title: activities.title,
      durationMinutes: activities.durationMinutes,
    })
    .from(activities)
    .where(and(eq(activities.teamId, teamId), isNull(activities.archivedAt)))
    .orderBy(desc(activities.occurredOn), desc(activities.id))
    .limit(limit);
}
