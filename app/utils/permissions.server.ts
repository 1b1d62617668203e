import { recordAuditAlone } from '~/models/audit.server';
import { getTeamRef, type TeamSummary } from '~/models/teams.server';
import { requireSignedIn, type SignedIn } from './auth.server';
import { teamAccess, type TeamAccess, type TeamNeed, type Viewer } from './permissions';
import { clientIp } from './request.server';

// Server-side enforcement of permissions.ts. Every protected loader and action starts with one of these.

async function deny(request: Request, viewer: Viewer, status: 403 | 404, detail: Record<string, unknown>): Promise<never> {
  const url = new URL(request.url);
  await recordAuditAlone({ userId: viewer.userId, ip: clientIp(request) }, {
    action: 'access.denied',
    entityType: 'route',
    entityId: url.pathname,
    detail: { method: request.method, ...detail },
  });
  throw new Response(status === 404 ? 'Not Found' : 'Forbidden', { status });
}

/** Organizers only (事務局・幹事); anyone else signed in gets 403. */
export async function requireOrganizer(request: Request): Promise<SignedIn> {
  const signedIn = await requireSignedIn(request);
  if (!signedIn.viewer.organizer) await deny(request, signedIn.viewer, 403, { need: 'organizer' });
  return signedIn;
}

/** HR viewers of some municipality (人事課) and organizers; anyone else signed in gets 403. */
export async function requireHrOrOrganizer(request: Request): Promise<SignedIn> {
  const signedIn = await requireSignedIn(request);
  if (!signedIn.viewer.organizer && signedIn.viewer.hrMunicipalityIds.length === 0) await deny(request, signedIn.viewer, 403, { need: 'hr' });
  return signedIn;
}

/** マネ友 (alumni of a municipality, or mentors of a team); anyone else signed in gets 403. */
export async function requireAlumnus(request: Request): Promise<SignedIn> {
  const signedIn = await requireSignedIn(request);
  const { viewer } = signedIn;
  if (viewer.alumniMunicipalityIds.length === 0 && viewer.mentorTeamIds.length === 0) await deny(request, viewer, 403, { need: 'alumni' });
  return signedIn;
}

export type TeamContext = SignedIn & { team: TeamSummary; access: TeamAccess };

/**
 * The team, if the viewer holds `need` on it. A team that does not exist and a team the viewer
 * may not see answer the same 404, so ids reveal nothing.
 */
export async function requireTeam(request: Request, teamId: number, need: TeamNeed): Promise<TeamContext> {
  const signedIn = await requireSignedIn(request);
  const team = await getTeamRef(teamId);
  const access = team ? teamAccess(signedIn.viewer, team) : null;
  if (!team || !access?.[need]) {
    return deny(request, signedIn.viewer, 404, { need, teamId });
  }
  return { ...signedIn, team, access };
}

/**
 * The team's own members only: interviews, モヤモヤ and 創り出した変化 are written by the team itself
 * (an organizer's write grant does not reach them).
 */
export async function requireTeamMember(request: Request, teamId: number): Promise<TeamContext> {
  const context = await requireTeam(request, teamId, 'view');
  if (!context.access.kinds.includes('member')) {
    return deny(request, context.viewer, 403, { need: 'member', teamId });
  }
  return context;
}

/**
 * A scoped lookup found nothing: either it does not exist or the viewer may not see it. Both
 * answer the same 404, and the attempt is audited like any other denial.
 */
export function denyNotFound(request: Request, viewer: Viewer, detail: Record<string, unknown>): Promise<never> {
  return deny(request, viewer, 404, detail);
}

/** Signed in and allowed to see the page, but not to do this (e.g. an intent only a mentor may send): 403, audited. */
export function denyForbidden(request: Request, viewer: Viewer, detail: Record<string, unknown>): Promise<never> {
  return deny(request, viewer, 403, detail);
}

/** Who and from where, for the audit entry written with a change. */
export function actorOf(request: Request, viewer: Viewer) {
  return { userId: viewer.userId, ip: clientIp(request) };
}
