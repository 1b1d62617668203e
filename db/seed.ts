import { eq } from 'drizzle-orm';
import type { Db } from './client';
import { users } from './schema';
import { demoAccounts } from './demo/accounts';
import { seedAlumni, seedChanges, seedHandovers, seedMentors } from './demo/alumni';
import { demoLastLogDay, seedCalendar } from './demo/calendar';
import { nameMaker } from './demo/names';
import { seedPapers } from './demo/paper';
import { mulberry32 } from './demo/random';
import { seedRoster, type DemoTeam } from './demo/roster';
import { seedSheetComments, seedTeamYear } from './demo/team-year';

// The demo data set: six program years, twelve municipalities, two years of full team logs.
// Fictional people; the same data on every run (a seeded PRNG, fixed dates around 2026-11-21).

export { demoAccounts };
export const demoPassword = 'jinmane-demo-2026';

/** Seeds the demo once: when admin@example.jp already exists it changes nothing. */
export async function seedDemo(db: Db, options: { passwordHash: string }): Promise<{ created: boolean }> {
  return db.transaction(async (transaction) => {
    const tx = transaction as unknown as Db;
    const [existing] = await tx.select({ id: users.id }).from(users).where(eq(users.email, 'admin@example.jp'));
    if (existing) return { created: false };

    const rng = mulberry32(20261121);
    const calendar = await seedCalendar(tx);
    const roster = await seedRoster(tx, rng, nameMaker(rng), options.passwordHash);

    const sheets = new Map<DemoTeam, Awaited<ReturnType<typeof seedTeamYear>>['sheet']>();
    for (const team of roster.teams.filter((t) => t.fiscalYear >= 2025)) {
      const until = team.fiscalYear === 2026 ? demoLastLogDay : `${team.fiscalYear + 1}-03-31`;
      const { sheet } = await seedTeamYear(tx, rng, roster, team, calendar.get(team.fiscalYear) ?? [], until);
      sheets.set(team, sheet);
    }
    await seedSheetComments(tx, rng, roster, sheets);
    await seedChanges(tx, roster);
    await seedAlumni(tx, rng, roster);
    await seedMentors(tx, roster);
    await seedHandovers(tx, rng, roster);
    await seedPapers(tx, roster);
    return { created: true };
  });
}
