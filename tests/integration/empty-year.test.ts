import type { ComponentType } from 'react';
import { beforeAll, describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import Home, { loader as homeLoader } from '../../app/routes/_index';
import AdminDashboard, { loader as dashboardLoader } from '../../app/routes/admin._index';
import { action as yearsAction } from '../../app/routes/admin.years._index';
import AdminYear, { loader as yearLoader } from '../../app/routes/admin.years.$fiscalYear._index';
import AdminYearTeams, { loader as teamsLoader } from '../../app/routes/admin.years.$fiscalYear.teams';
import AdminGroups, { loader as groupsLoader } from '../../app/routes/admin.years.$fiscalYear.groups';
import PreAssignmentMatrix, { loader as matrixLoader } from '../../app/routes/admin.years.$fiscalYear.preassignments';
import { formatFiscalYear } from '../../app/utils/dates';
import { createPreAssignment, createSession, createTeam } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { actionArgs, loaded, loaderArgs, renderPage } from '../helpers';
import { organizerCookie, outcome } from './setup-helpers';

// A year just created has no team. Its pages say what to do next in one line with a link to the
// year's teams, instead of tables with only their headings and a heat map of empty weeks.

const thisYear = currentFiscalYear();
const newYear = thisYear + 1; // set up in November, as the secretariat does
let headers: Record<string, string>;

beforeAll(async () => {
  const db = getDb();
  headers = await organizerCookie();
  await createTeam(db, { fiscalYear: thisYear });
  const session = await createSession(db, { fiscalYear: thisYear, number: 1, startsOn: `${thisYear}-06-10` });
  await createPreAssignment(db, { sessionId: session.id, dueOn: `${thisYear}-06-05` });
  const created = await outcome(() =>
    yearsAction(actionArgs('/admin/years', { intent: 'create', fiscalYear: String(newYear), theme: '新しい統一テーマ', copyPrevious: 'on' }, { headers })),
  );
  expect(created.location).toBe(`/admin/years/${newYear}`);
});

type Loader = (args: ReturnType<typeof loaderArgs>) => Promise<unknown>;
/** The page as the server renders it for the organizer. */
async function page(path: string, loader: Loader, Component: ComponentType) {
  const args = loaderArgs(path, { headers, params: { fiscalYear: String(newYear) } });
  return renderPage(Component, await loaded(loader(args)), path);
}

const nextStep = (html: string) => html.match(/<p class="notice" data-next-step="teams">(.*?)<\/p>/)?.[1]?.replace(/<[^>]+>/g, '') ?? null;
const tables = (html: string) => html.match(/<table/g)?.length ?? 0;
const teamsLink = `href="/admin/years/${newYear}/teams"`;

describe('a new year without teams', () => {
  it('the organizer dashboard: one line, no table, no heat map, no CSV link', async () => {
    const html = await page(`/admin?year=${newYear}`, dashboardLoader as Loader, AdminDashboard);
    expect(nextStep(html)).toBe(
      `${formatFiscalYear(newYear)}にはまだチームがありません。まず参加自治体のチームを登録してください。登録すると、チームごとの活動の表と週ごとの活動がここに表示されます。`,
    );
    expect(html).toContain(teamsLink);
    expect(tables(html)).toBe(0);
    expect(html).not.toContain('data-twin="heatmap"');
    expect(html).not.toContain('dashboard.csv');
    // The year that has teams still shows its table and heat map.
    const current = await page(`/admin?year=${thisYear}`, dashboardLoader as Loader, AdminDashboard);
    expect(nextStep(current)).toBeNull();
    expect(current).toContain('data-twin="teams"');
    expect(current).toContain('data-twin="heatmap"');
  });

  it("the year's page says what to do next, above its sessions", async () => {
    const html = await page(`/admin/years/${newYear}`, yearLoader as Loader, AdminYear);
    expect(nextStep(html)).toContain('まず参加自治体のチームを登録してください。');
    expect(html).toContain(teamsLink);
    expect(tables(html)).toBe(1); // the sessions copied from last year
  });

  it('the teams page: the line points to the form below and to the CSV import, no header-only table', async () => {
    const html = await page(`/admin/years/${newYear}/teams`, teamsLoader as Loader, AdminYearTeams);
    expect(nextStep(html)).toBe(
      `${formatFiscalYear(newYear)}にはまだチームがありません。下の「チームを追加」で1チームずつ登録するか、CSV取り込みでまとめて登録してください。`,
    );
    expect(html).toContain(`href="/admin/years/${newYear}/import"`);
    expect(tables(html)).toBe(0);
  });

  it('the dialogue groups page: the line, and no form with nothing to tick', async () => {
    const html = await page(`/admin/years/${newYear}/groups`, groupsLoader as Loader, AdminGroups);
    expect(nextStep(html)).toContain('対話自治体のグループは、チームを登録してから作れます。');
    expect(html).toContain(teamsLink);
    expect(html).not.toContain('<fieldset');
  });

  it('the pre-assignment matrix: the line, no filters, no CSV link, no table of the copied pre-assignments', async () => {
    const html = await page(`/admin/years/${newYear}/preassignments`, matrixLoader as Loader, PreAssignmentMatrix);
    expect(nextStep(html)).toContain('登録すると、チームごとの提出状況がここに表示されます。');
    expect(html).toContain(teamsLink);
    expect(tables(html)).toBe(0);
    expect(html).not.toContain('preassignments.csv');
    expect(html).not.toContain('絞り込む');
  });

  it('年度と研究会: a year created without sessions says so in one line, with no empty table', async () => {
    const bare = newYear + 1;
    await outcome(() => yearsAction(actionArgs('/admin/years', { intent: 'create', fiscalYear: String(bare), theme: 'テーマ未定' }, { headers })));
    const html = (await renderPage(Home, await homeLoader(loaderArgs('/', { headers })))).replaceAll('<!-- -->', '');
    const year = html.slice(html.indexOf(`id="fy-${bare}"`), html.indexOf('</details>', html.indexOf(`id="fy-${bare}"`)));
    expect(year).toContain('研究会の日程はまだ登録されていません。');
    expect(year).not.toContain('<table');
    expect(html.slice(html.indexOf(`id="fy-${newYear}"`))).toContain(`${formatFiscalYear(newYear)}の日程</caption>`);
  });
});
