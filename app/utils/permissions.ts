import type { Visibility } from '~/domain/codes';
import { currentFiscalYear } from '~/utils/clock';

// The one place that says who may do what. The server enforces these functions
// (permissions.server.ts); the UI asks the same ones to hide what the server would refuse.

/** Who is signed in, with every scope they hold (one person may hold several). */
export type Viewer = {
  userId: number;
  personId: number;
  name: string;
  email: string;
  organizer: boolean;
  memberTeamIds: number[];
  /** Municipalities of the teams in memberTeamIds (current and past). */
  memberMunicipalityIds: number[];
  hrMunicipalityIds: number[];
  alumniMunicipalityIds: number[];
  partnerTeamIds: number[];
  mentorTeamIds: number[];
};

export type TeamRef = { id: number; municipalityId: number; fiscalYear: number };

export type TeamAccess = {
  /** The team's overview at all (who is on it, and links to what else may be opened). */
  view: boolean;
  /** Progress: activity log, dashboard, figures. */
  readProgress: boolean;
  /** The change-story sheet. */
  readSheet: boolean;
  /** Create and edit the team's own records. */
  write: boolean;
  /** Comment on the sheet (and, for mentors, give advice). */
  comment: boolean;
  /** Which interview visibilities this viewer may read the contents of. */
  interviewVisibilities: Visibility[];
  /** The scopes that gave this access, e.g. ['municipality', 'organizer']. */
  kinds: ('member' | 'municipality' | 'organizer' | 'partner' | 'network')[];
};

const grants = {
  member: { readProgress: true, readSheet: true, write: true, comment: true, interviewVisibilities: ['team', 'municipality', 'program'] },
  // HR viewers, alumni and mentors: progress, the sheet, and what the team opened to its municipality.
  municipality: { readProgress: true, readSheet: true, write: false, comment: true, interviewVisibilities: ['municipality', 'program'] },
  // Organizers may do everything except read what a team kept to itself or to its municipality.
  organizer: { readProgress: true, readSheet: true, write: true, comment: true, interviewVisibilities: ['program'] },
  partner: { readProgress: false, readSheet: true, write: false, comment: true, interviewVisibilities: ['program'] },
  // マネ友 across the program: the sheet of a finished year is the network's shared memory
  // (found by theme in the alumni directory, read by the next generation). Nothing else of it.
  network: { readProgress: false, readSheet: true, write: false, comment: false, interviewVisibilities: [] },
} satisfies Record<string, Omit<TeamAccess, 'kinds' | 'view'>>;

/** The union of every scope the viewer holds on this team. */
export function teamAccess(viewer: Viewer | null, team: TeamRef): TeamAccess {
  const access: TeamAccess = { view: false, readProgress: false, readSheet: false, write: false, comment: false, interviewVisibilities: [], kinds: [] };
  if (!viewer) return access;
  const held: (keyof typeof grants)[] = [];
  if (viewer.memberTeamIds.includes(team.id)) held.push('member');
  if (
    viewer.hrMunicipalityIds.includes(team.municipalityId) ||
    viewer.alumniMunicipalityIds.includes(team.municipalityId) ||
    viewer.mentorTeamIds.includes(team.id)
  ) {
    held.push('municipality');
  }
  if (viewer.organizer) held.push('organizer');
  if (viewer.partnerTeamIds.includes(team.id)) held.push('partner');
  if (viewer.memberTeamIds.length > 0 && team.fiscalYear < currentFiscalYear()) held.push('network');
  for (const kind of held) {
    const grant = grants[kind];
    access.readProgress ||= grant.readProgress;
    access.readSheet ||= grant.readSheet;
    access.write ||= grant.write;
    access.comment ||= grant.comment;
    for (const v of grant.interviewVisibilities as Visibility[]) {
      if (!access.interviewVisibilities.includes(v)) access.interviewVisibilities.push(v);
    }
  }
  access.view = access.readProgress || access.readSheet;
  access.kinds = held;
  return access;
}

export type TeamNeed = 'view' | 'readProgress' | 'readSheet' | 'write' | 'comment';

export function canTeam(viewer: Viewer | null, team: TeamRef, need: TeamNeed): boolean {
  return teamAccess(viewer, team)[need];
}

export function canReadInterview(viewer: Viewer | null, team: TeamRef, visibility: Visibility): boolean {
  return teamAccess(viewer, team).interviewVisibilities.includes(visibility);
}

/**
 * Sheet comments are the conversation around a team's sheet: read by those who may take part in it.
 * The network reads a finished year's sheet only (docs/access.md), not what was said about it.
 */
export function readsSheetComments(access: TeamAccess): boolean {
  return access.comment;
}

/**
 * Whether the program at large (organizers and dialogue partners) reads records of this visibility: what a team
 * publishes in its 共同論文 beyond that is listed for it to confirm before the download.
 */
export function readByProgram(visibility: Visibility): boolean {
  return (grants.organizer.interviewVisibilities as readonly Visibility[]).includes(visibility);
}

/** What one generation hands the next team of its municipality: the interviews it opened to the municipality or the program. */
export const handedOverVisibilities: readonly Visibility[] = ['municipality', 'program'];

/**
 * What of an earlier team's handed-over interviews (its open 宿題) the viewer of a later team's
 * handover page may read: the later team's own members read all that was handed over (they are that
 * municipality's next generation); anyone else only what their own access to the earlier team opens.
 */
export function handoverVisibilities(viewer: Viewer, later: TeamRef, earlier: TeamRef): Visibility[] {
  const successor = viewer.memberTeamIds.includes(later.id) && later.municipalityId === earlier.municipalityId && earlier.fiscalYear < later.fiscalYear;
  const own = teamAccess(viewer, earlier).interviewVisibilities;
  return handedOverVisibilities.filter((v) => successor || own.includes(v));
}

/** Can this viewer see anything of the team at all (used to list teams)? */
export function canSeeTeam(viewer: Viewer | null, team: TeamRef): boolean {
  return teamAccess(viewer, team).view;
}

// Intents: each button of a form posts an `intent` (a form with one button posts none and is read
// as 'submit'). Every route with an action declares what each of its intents needs; an intent
// nobody declared is refused for everyone (permissions.server.ts requireIntent/requireTeamIntent).

/** Needs held by the viewer alone. `record` needs (the group's member, the request's writer) are decided by the route's own record. */
export type ViewerNeed = 'signedIn' | 'organizer' | 'alumni' | 'record:groupMember' | 'record:requester';
/** Needs held on the route's team: a TeamAccess flag, the team's own member, or its assigned mentor. */
export type TeamIntentNeed = ViewerNeed | `team:${TeamNeed | 'member' | 'mentor'}`;
/** What each intent of a route needs. */
export type IntentNeeds<N extends string = TeamIntentNeed> = Readonly<Record<string, N>>;

/** The intent a posted form names (a form without one is 'submit'); null when it is not text (a file). */
export function intentOf(formData: FormData): string | null {
  const intent = formData.get('intent');
  if (intent === null || intent === '') return 'submit';
  return typeof intent === 'string' ? intent : null;
}

/** マネ友 across the program, who may found a group or offer to facilitate (and organizers). */
export function isAlumnus(viewer: Viewer): boolean {
  return viewer.organizer || viewer.alumniMunicipalityIds.length > 0;
}

/** Does the viewer hold a need that does not depend on a team or a record? */
export function holdsViewerNeed(viewer: Viewer, need: ViewerNeed): boolean | 'record' {
  switch (need) {
    case 'signedIn':
      return true;
    case 'organizer':
      return viewer.organizer;
    case 'alumni':
      return isAlumnus(viewer);
    default:
      return 'record';
  }
}

/** Does the viewer hold a team need on this team? */
export function holdsTeamNeed(viewer: Viewer, team: TeamRef, access: TeamAccess, need: `team:${TeamNeed | 'member' | 'mentor'}`): boolean {
  const what = need.slice('team:'.length) as TeamNeed | 'member' | 'mentor';
  if (what === 'member') return access.kinds.includes('member');
  if (what === 'mentor') return viewer.mentorTeamIds.includes(team.id);
  return access[what];
}

/**
 * Past members are マネ友. Whether someone may read the names of a team's members who keep
 * themselves out of the マネ友名簿: the current year's teams are named to anyone who may see them;
 * a past team's unlisted members only to its municipality (HR, and anyone who is or was on one of
 * its teams), the team's assigned mentors, and organizers. Everyone else, a dialogue partner of that
 * year included, sees the listed names and a count, as the directory would show them.
 */
export function seesUnlistedMembers(viewer: Viewer, team: TeamRef): boolean {
  if (team.fiscalYear >= currentFiscalYear()) return true;
  return (
    viewer.organizer ||
    viewer.memberMunicipalityIds.includes(team.municipalityId) ||
    viewer.hrMunicipalityIds.includes(team.municipalityId) ||
    viewer.mentorTeamIds.includes(team.id)
  );
}
