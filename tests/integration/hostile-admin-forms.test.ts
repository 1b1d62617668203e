import { desc, eq } from 'drizzle-orm';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { activities, loginAttempts, municipalities, programYears, sheets, sheetVersions } from '../../db/schema';
import { action as loginAction } from '../../app/routes/login';
import { action as accountAction } from '../../app/routes/account';
import { action as yearsAction } from '../../app/routes/admin.years._index';
import { action as municipalitiesAction } from '../../app/routes/admin.municipalities';
import { action as importAction } from '../../app/routes/teams.$teamId.activities.import';
import { action as sheetEditAction } from '../../app/routes/teams.$teamId.sheet.edit';
import { actionArgs } from '../helpers';
import { buildWorld, sessionCookie, type World } from '../world';
import { asRequired, hostileDate, hostileNumber, hostileText, outcomeOf, runs } from './hostile-helpers';

// Hostile values in sign-in, account, organizer set-up, CSV import and the sheet editor.

let world: World;
let member: Record<string, string>;
let organizer: Record<string, string>;
beforeAll(async () => {
  world = await buildWorld();
  member = { Cookie: await sessionCookie(world.users.member.id) };
  organizer = { Cookie: await sessionCookie(world.users.organizer.id) };
});

const csvCell = (v: string) => `"${v.replace(/"/g, '""')}"`;

describe('hostile input in sign-in, set-up, import and the sheet', () => {
  it('sign-in never signs anyone in with hostile values, and never fails', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (email, password) => {
        const outcome = await outcomeOf(() => loginAction(actionArgs('/login', { email, password, redirectTo: email })));
        expect(outcome.kind).toBe('invalid');
      }),
      { numRuns: 15 }, // not scaled: after a few failures the address is locked; that answer is a 429 with a message too
    );
  });

  it('password change refuses hostile current passwords', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (currentPassword, newPassword) => {
        // Wrong current passwords count toward the account's sign-in lock (auth.test.ts); each run starts clear.
        await getDb().delete(loginAttempts).where(eq(loginAttempts.email, world.users.member.email));
        const outcome = await outcomeOf(() =>
          accountAction(actionArgs('/account', { currentPassword, newPassword, confirmPassword: newPassword }, { headers: member })),
        );
        expect(outcome.kind).toBe('invalid');
      }),
      runs,
    );
  });

  it('new program year', async () => {
    await fc.assert(
      fc.asyncProperty(hostileNumber, hostileText, async (fiscalYear, theme) => {
        const outcome = await outcomeOf(() => yearsAction(actionArgs('/admin/years', { intent: 'create', fiscalYear, theme }, { headers: organizer })));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb()
          .select()
          .from(programYears)
          .where(eq(programYears.fiscalYear, Number(fiscalYear)));
        expect(row!.theme).toBe(asRequired(theme));
      }),
      runs,
    );
  });

  it('new municipality', async () => {
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, async (name, prefecture) => {
        const outcome = await outcomeOf(() =>
          municipalitiesAction(actionArgs('/admin/municipalities', { intent: 'create', name, prefecture, kind: 'town' }, { headers: organizer })),
        );
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb().select().from(municipalities).orderBy(desc(municipalities.id)).limit(1);
        expect(row).toMatchObject({ name: asRequired(name), prefecture: asRequired(prefecture) });
      }),
      runs,
    );
  });

  it('activity CSV import: a hostile file is refused with line errors or imported exactly', async () => {
    const teamId = String(world.teamA.id);
    await fc.assert(
      fc.asyncProperty(hostileDate, hostileText, hostileNumber, hostileText, async (date, title, minutes, notes) => {
        const csv = `日付,種別,タイトル,時間（分）,メモ\r\n${[date, 'ミーティング', title, minutes, notes].map(csvCell).join(',')}\r\n`;
        const before = await getDb().select({ id: activities.id }).from(activities).orderBy(desc(activities.id)).limit(1);
        const outcome = await outcomeOf(() =>
          importAction(actionArgs(`/teams/${teamId}/activities/import`, { intent: 'commit', csv }, { headers: member, params: { teamId } })),
        );
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [row] = await getDb().select().from(activities).orderBy(desc(activities.id)).limit(1);
        if (outcome.notice?.startsWith('0件の記録を追加しました')) {
          expect(row!.id).toBe(before[0]!.id); // the same line was imported before
          return;
        }
        expect(row!.teamId).toBe(world.teamA.id);
        expect(row!.title.endsWith(title.trim()) || row!.title === title.trim()).toBe(true);
      }),
      {
        ...runs,
        examples: [
          ['2019-05-01', 'NUL\u0000入り', '30', 'メモ\u0000'],
          ['平成31年4月30日', '<script>alert(1)</script>', '９０', ''],
        ],
      },
    );
  });

  it('sheet save', async () => {
    const teamId = String(world.teamA.id);
    await fc.assert(
      fc.asyncProperty(hostileText, hostileText, hostileText, async (currentState, focus, message) => {
        const [sheet] = await getDb().select().from(sheets).where(eq(sheets.teamId, world.teamA.id));
        const form = { baseVersion: String(sheet!.currentVersion), currentState, 'focusInitiatives[0].text': focus, message };
        const outcome = await outcomeOf(() => sheetEditAction(actionArgs(`/teams/${teamId}/sheet/edit`, form, { headers: member, params: { teamId } })));
        if (outcome.kind !== 'saved') {
          expect(outcome.kind).toBe('invalid');
          return;
        }
        const [version] = await getDb().select().from(sheetVersions).where(eq(sheetVersions.sheetId, sheet!.id)).orderBy(desc(sheetVersions.version)).limit(1);
        expect(version!.version).toBe(sheet!.currentVersion + 1);
        expect(version!.content.currentState).toBe(currentState.replace(/\r\n/g, '\n').trimEnd());
        expect(version!.content.focusInitiatives.map((i) => i.text)).toEqual(focus.trim() ? [focus.trim()] : []);
      }),
      {
        ...runs,
        examples: [
          ['現状\u0000', '重点', 'NUL'],
          ['<script>alert(1)</script>', '👨‍👩‍👧‍👦', ''],
        ],
      },
    );
  });
});
