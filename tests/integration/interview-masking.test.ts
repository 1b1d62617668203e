import { describe, expect, it } from 'vitest';
import { getDb } from '../../db/client';
import { emptySheet } from '../../app/domain/sheet';
import { loader as overviewLoader } from '../../app/routes/teams.$teamId._index';
import { loader as sheetLoader } from '../../app/routes/teams.$teamId.sheet._index';
import { loader as printLoader } from '../../app/routes/teams.$teamId.sheet.print';
import { loader as editLoader } from '../../app/routes/teams.$teamId.sheet.edit';
import { addTeamMember, createHrViewer, createInterview, createOrganizer, createSheetWithVersions, createTeam, createUser } from '../factories';
import { currentFiscalYear } from '../factories/util';
import { loaded, loaderArgs } from '../helpers';
import { sessionCookie } from '../world';

// An interview's own activity carries the interview's title (「○○さんへのインタビュー」). Wherever an
// activity is shown — the team's first page, the sheet's evidence in the sheet, its print view and its
// editor — a viewer who may not read the interview sees 「（公開範囲外のインタビュー）」 instead, as in
// the activity log (activityTitle, app/models/activities.server.ts).

describe("an interview's title on the pages that show activities", () => {
  it('reaches only the viewers who may read the interview', async () => {
    const db = getDb();
    const team = await createTeam(db, { fiscalYear: currentFiscalYear() });
    const member = await createUser(db, { passwordHash: null });
    await addTeamMember(db, { teamId: team.id, personId: member.personId });
    const organizer = await createUser(db, { passwordHash: null });
    await createOrganizer(db, { personId: organizer.personId });
    const hr = await createHrViewer(db, { municipalityId: team.municipalityId });

    const canary = (visibility: string) => `市長の本音カナリア-${visibility}`;
    const cited = [];
    for (const visibility of ['team', 'municipality', 'program'] as const) {
      const interview = await createInterview(db, { teamId: team.id, visibility, interviewee: canary(visibility) });
      cited.push({ kind: 'activity' as const, id: interview.activity.id });
    }
    await createSheetWithVersions(db, {
      teamId: team.id,
      versions: [{ content: { ...emptySheet(), focusInitiatives: [{ text: '対話の場をつくる', evidence: cited }] } }],
    });

    const pages = { overview: overviewLoader, sheet: sheetLoader, print: printLoader, edit: editLoader };
    const seen = async (userId: number, opens = Object.keys(pages)) => {
      const cookie = await sessionCookie(userId);
      const found: Record<string, string[]> = {};
      for (const [name, loader] of Object.entries(pages).filter(([name]) => opens.includes(name))) {
        const path = name === 'overview' ? `/teams/${team.id}` : `/teams/${team.id}/sheet${name === 'sheet' ? '' : `/${name}`}`;
        const text = JSON.stringify(await loaded(await loader(loaderArgs(path, { params: { teamId: String(team.id) }, headers: { Cookie: cookie } }))));
        found[name] = (['team', 'municipality', 'program'] as const).filter((v) => text.includes(canary(v)));
      }
      return found;
    };
    const all = ['team', 'municipality', 'program'];
    expect(await seen(member.id)).toEqual({ overview: all, sheet: all, print: all, edit: all });
    const opened = ['municipality', 'program'];
    // HR reads the team's sheet but does not write it: no editor.
    expect(await seen(hr.userId, ['overview', 'sheet', 'print'])).toEqual({ overview: opened, sheet: opened, print: opened });
    expect(await seen(organizer.id)).toEqual({ overview: ['program'], sheet: ['program'], print: ['program'], edit: ['program'] });
  });
});
