import { sql } from 'drizzle-orm';
import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import {
  dialogueGroups,
  dialogueGroupTeams,
  moyamoyaCheckins,
  municipalities,
  people,
  programYears,
  sheets,
  sheetVersions,
  studySessions,
  teams,
  activities,
} from '../../db/schema';
import { emptySheet } from '../../app/domain/sheet';

// The database itself refuses data that makes no sense, whatever code writes it.

async function rejects(run: () => Promise<unknown>, constraint: string) {
  const error = await run().then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error, `expected ${constraint} to refuse the write`).toBeDefined();
  const text = `${String(error)} ${String((error as { cause?: unknown }).cause ?? '')}`;
  expect(text).toContain(constraint);
}

async function base() {
  const db = getDb();
  await db.insert(programYears).values({ fiscalYear: 2022, theme: 'テーマ' }).onConflictDoNothing();
  const [m] = await db
    .insert(municipalities)
    .values({ name: `甲府市${Math.random()}`, prefecture: '山梨県', kind: 'city' })
    .returning();
  const [team] = await db.insert(teams).values({ municipalityId: m!.id, fiscalYear: 2022 }).returning();
  const [person] = await db.insert(people).values({ fullName: '山田 花子' }).returning();
  return { db, municipality: m!, team: team!, person: person! };
}

describe('database constraints', () => {
  it('keeps session dates inside their fiscal year (April to March)', async () => {
    const { db } = await base();
    const session = { fiscalYear: 2022, kind: 'study' as const, number: 1 };
    await rejects(() => db.insert(studySessions).values({ ...session, startsOn: '2022-03-31' }), 'study_sessions_inside_fiscal_year');
    await rejects(() => db.insert(studySessions).values({ ...session, startsOn: '2023-03-31', endsOn: '2023-04-01' }), 'study_sessions_inside_fiscal_year');
    const [ok] = await db
      .insert(studySessions)
      .values({ ...session, startsOn: '2023-03-31' })
      .returning();
    expect(ok?.startsOn).toBe('2023-03-31');
  });

  it('refuses a second team for the same municipality and year', async () => {
    const { db, municipality } = await base();
    await rejects(() => db.insert(teams).values({ municipalityId: municipality.id, fiscalYear: 2022 }), 'teams_municipality_year');
  });

  it('keeps モヤモヤ between 0 and 100 and one check-in per member per day', async () => {
    const { db, team, person } = await base();
    const row = { teamId: team.id, personId: person.id, checkedOn: '2022-05-01' };
    await rejects(() => db.insert(moyamoyaCheckins).values({ ...row, level: 101 }), 'moyamoya_checkins_level_range');
    await rejects(() => db.insert(moyamoyaCheckins).values({ ...row, level: -1 }), 'moyamoya_checkins_level_range');
    await db.insert(moyamoyaCheckins).values({ ...row, level: 80 });
    await rejects(() => db.insert(moyamoyaCheckins).values({ ...row, level: 70 }), 'moyamoya_checkins_team_person_day');
  });

  it('refuses negative durations', async () => {
    const { db, team } = await base();
    await rejects(
      () => db.insert(activities).values({ teamId: team.id, kind: 'meeting', occurredOn: '2022-05-01', durationMinutes: -30 }),
      'activities_duration_range',
    );
  });

  it('puts a team in at most one dialogue group, of its own year', async () => {
    const { db, team } = await base();
    await db.insert(programYears).values({ fiscalYear: 2023, theme: 'テーマ' }).onConflictDoNothing();
    const [g1] = await db.insert(dialogueGroups).values({ fiscalYear: 2022 }).returning();
    const [g2] = await db.insert(dialogueGroups).values({ fiscalYear: 2022 }).returning();
    const [other] = await db.insert(dialogueGroups).values({ fiscalYear: 2023 }).returning();
    await db.insert(dialogueGroupTeams).values({ groupId: g1!.id, teamId: team.id, fiscalYear: 2022 });
    await rejects(() => db.insert(dialogueGroupTeams).values({ groupId: g2!.id, teamId: team.id, fiscalYear: 2022 }), 'dialogue_group_teams_team');
    await db.delete(dialogueGroupTeams);
    await rejects(() => db.insert(dialogueGroupTeams).values({ groupId: other!.id, teamId: team.id, fiscalYear: 2023 }), 'dialogue_group_teams_team_year_fk');
  });

  it('never lets a saved sheet version change or disappear', async () => {
    const { db, team } = await base();
    const [sheet] = await db.insert(sheets).values({ teamId: team.id, currentVersion: 1 }).returning();
    const [version] = await db.insert(sheetVersions).values({ sheetId: sheet!.id, version: 1, content: emptySheet() }).returning();
    await rejects(
      () =>
        db
          .update(sheetVersions)
          .set({ content: { ...emptySheet(), currentState: '書き換え' } })
          .where(sql`id = ${version!.id}`),
      'immutable',
    );
    await rejects(() => db.delete(sheetVersions).where(sql`id = ${version!.id}`), 'immutable');
    await db
      .update(sheetVersions)
      .set({ tag: '第4回提出版' })
      .where(sql`id = ${version!.id}`);
    const [tagged] = await db
      .select()
      .from(sheetVersions)
      .where(sql`id = ${version!.id}`);
    expect(tagged?.tag).toBe('第4回提出版');
  });
});
