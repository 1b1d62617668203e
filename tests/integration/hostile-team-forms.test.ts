import { desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, changeChains, changeMoments, interviewHomework, interviews, moyamoyaCheckins, paperDrafts, sheetComments } from '../../db/schema';
import { action as timelineAction } from '../../app/routes/teams.$teamId.activities._index';
import { action as newActivityAction } from '../../app/routes/teams.$teamId.activities.new';
import { action as newInterviewAction } from '../../app/routes/teams.$teamId.interviews.new';
import { action as moyamoyaAction } from '../../app/routes/teams.$teamId.moyamoya';
import { action as sheetAction } from '../../app/routes/teams.$teamId.sheet._index';
import { action as newChangeAction } from '../../app/routes/teams.$teamId.changes.new';
import { action as paperAction } from '../../app/routes/teams.$teamId.paper';
import { actionArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';
import { asRequired, hostileDate, hostileNumber, hostileText, outcomeOf, runs } from './hostile-helpers';

// Hostile values in the team's forms: each ends in a stored, correct value or a 400 with field errors.

let world: World;
let member: Record<string, string>;
let teamId: string;
beforeAll(async () => {
  world = await buildWorld();
  member = { Cookie: await sessionCookie(world.users.member.id) };
  teamId = String(world.teamA.id);
});

const post = (path: string, form: Record<string, string>) => actionArgs(path, form, { headers: member, params: { teamId } });
const dateInYear = (year: number) => fc.integer({ min: 0, max: 364 }).map((d) => new Date(Date.UTC(year, 3, 1 + d)).toISOString().slice(0, 10));

describe('hostile input in the team forms', () => {
  it('activity quick add', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.oneof(hostileDate, dateInYear(world.year)), hostileNumber, async (title, occurredOn, minutes) => {
        const outcome = await outcomeOf(() =>
          timelineAction(post(`/teams/${teamId}/activities`, { intent: 'quick', kind: 'meeting', occurredOn, title, durationMinutes: minutes })),
        );
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb().select().from(activities).where(eq(activities.id, outcome.id!));
        expect(row).toMatchObject({ occurredOn, durationMinutes: Number(minutes) + 0 });
        expect([title, title.trim()]).toContain(row!.title);
      }),
      runs,
    );
  });

  it('activity full form', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileText, dateInYear(world.year), hostileNumber, async (title, notes, guests, occurredOn, minutes) => {
        const form = { intent: 'save', kind: 'other', occurredOn, startsAt: '09:00', durationMinutes: minutes, title, notes, guests };
        const outcome = await outcomeOf(() => newActivityAction(post(`/teams/${teamId}/activities/new`, form)));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb().select().from(activities).where(eq(activities.id, outcome.id!));
        expect(row!.durationMinutes).toBe(Number(minutes) + 0);
        expect([title, title.trim()]).toContain(row!.title);
        expect([notes, notes.trim()]).toContain(row!.notes);
        expect([guests, guests.trim()]).toContain(row!.guests);
      }),
      runs,
    );
  });

  it('interview with homework', async () => {
    await fc.assert(
      fc.asyncProperty(
        hostileText,
        hostileText,
        hostileText,
        fc.oneof(hostileDate, dateInYear(world.year)),
        async (interviewee, content, homework, interviewedOn) => {
          const form = { interviewedOn, interviewee, roleCategory: 'hr', visibility: 'team', content, 'homework[0].body': homework };
          const outcome = await outcomeOf(() => newInterviewAction(post(`/teams/${teamId}/interviews/new`, form)));
          if (outcome.kind !== 'saved') {
            expect(outcome.kind).toBe('invalid');
            return;
          }
          const id = Number(/interviews\/(\d+)/.exec(outcome.location)![1]);
          const [row] = await getDb().select().from(interviews).where(eq(interviews.id, id));
          expect(row).toMatchObject({ interviewee: asRequired(interviewee), interviewedOn });
          expect([content, content.trim()]).toContain(row!.content);
          const items = await getDb().select().from(interviewHomework).where(eq(interviewHomework.interviewId, id));
          expect(items.map((h) => h.body)).toEqual(homework.trim() ? [expect.stringContaining(homework.trim())] : []);
        },
      ),
      runs,
    );
  });

  it('モヤモヤ check-in', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNumber, hostileText, async (level, note) => {
        const outcome = await outcomeOf(() => moyamoyaAction(post(`/teams/${teamId}/moyamoya`, { intent: 'checkin', level, note })));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb()
          .select()
          .from(moyamoyaCheckins)
          .where(eq(moyamoyaCheckins.personId, world.users.member.personId))
          .orderBy(desc(moyamoyaCheckins.updatedAt))
          .limit(1);
        expect(row!.level).toBe(Number(level) + 0);
        expect([note, note.trim()]).toContain(row!.note);
      }),
      runs,
    );
  });

  it('sheet comment', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, fc.constantFrom('currentState', 'actionPlan', 'nonsense', ''), async (body, section) => {
        const outcome = await outcomeOf(() => sheetAction(post(`/teams/${teamId}/sheet`, { intent: 'comment', section, body })));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb().select().from(sheetComments).orderBy(desc(sheetComments.id)).limit(1);
        expect(row).toMatchObject({ body: asRequired(body), section });
      }),
      runs,
    );
  });

  it('共同論文の草稿 (its texts and its choices)', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileNumber, hostileNumber, async (aboutMunicipality, findings, interviewId, shownId) => {
        const [row] = await getDb().select({ version: paperDrafts.version }).from(paperDrafts).where(eq(paperDrafts.teamId, world.teamA.id));
        const form = {
          baseVersion: String(row?.version ?? 0),
          aboutMunicipality,
          findings,
          interviewIds: interviewId,
          shownActivityIds: shownId,
          activityIds: shownId,
        };
        const outcome = await outcomeOf(() => paperAction(post(`/teams/${teamId}/paper`, form)));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [saved] = await getDb().select().from(paperDrafts).where(eq(paperDrafts.teamId, world.teamA.id));
        expect([saved!.aboutMunicipality, saved!.findings]).toEqual([aboutMunicipality, findings]);
        // Only the team's own records are kept: a number that is not one of its interviews is dropped.
        const own = await getDb().select({ id: interviews.id }).from(interviews).where(eq(interviews.teamId, world.teamA.id));
        expect(saved!.interviewIds.filter((id) => !own.some((i) => i.id === id))).toEqual([]);
        expect(saved!.omittedActivityIds).toEqual([]);
      }),
      runs,
    );
  });

  it('創り出した変化', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileDate, hostileText, async (title, occurredOn, description) => {
        const form = { title, 'moments[0].stage': 'trigger', 'moments[0].occurredOn': occurredOn, 'moments[0].description': description };
        const outcome = await outcomeOf(() => newChangeAction(post(`/teams/${teamId}/changes/new`, form)));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [chain] = await getDb().select().from(changeChains).where(eq(changeChains.id, outcome.id!));
        expect(chain!.title).toBe(asRequired(title));
        const moments = await getDb().select().from(changeMoments).where(eq(changeMoments.chainId, chain!.id));
        expect(moments.map((m) => m.occurredOn)).toEqual([occurredOn]);
        expect([description, description.trim()]).toContain(moments[0]!.description);
      }),
      runs,
    );
  });
});
