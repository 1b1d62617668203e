import { recordAuditAlone } from '~/models/audit.server';
import { getTeamRef, type TeamSummary } from '~/models/teams.server';
import { getSignedIn, requireSignedIn, type SignedIn } from './auth.server';
import {
  holdsTeamNeed,
  holdsViewerNeed,
  intentOf,
  teamAccess,
  type IntentNeeds,
  type TeamAccess,
  type TeamIntentNeed,
  type TeamNeed,
  type Viewer,
  type ViewerNeed,
} from './permissions';
import { badRequest, refusal } from './http.server';
import { clientIp } from './request.server';

// Server-side enforcement of permissions.ts. Every protected loader and action starts with one of these.

async function deny(request: Request, viewer: Viewer, status: 403 | 404, detail: Record<string, unknown>): Promise<never> {
  const url = new URL(request.url);
  await recordAuditAlone(
    { userId: viewer.userId, ip: clientIp(request) },
    {
      action: 'access.denied',
      entityType: 'route',
      entityId: url.pathname,
      detail: { method: request.method, ...detail },
    },
  );
  throw refusal(status);
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

// Actions: one check per intent, before the intent runs. Deny by default: an intent the route did
// not declare is refused (403, audited) whoever sends it; on pages that need a sign-in, someone signed
// out is sent to sign in first, as for any intent.

/** Decides a `record:` need for the route's own record (a group's member, a request's writer). */
export type RecordChecks = Partial<Record<Extract<ViewerNeed, `record:${string}`>, (viewer: Viewer) => boolean | Promise<boolean>>>;

type Posted<N extends IntentNeeds<string>> = { intent: keyof N & string; formData: FormData };

/** Public pages: an undeclared intent is refused all the same, audited when someone is signed in. */
async function refuseUndeclared(request: Request, intent: string): Promise<never> {
  const signedIn = await getSignedIn(request);
  if (signedIn) return deny(request, signedIn.viewer, 403, { need: 'undeclared', intent });
  throw refusal(403);
}

async function holdsRecordNeed(viewer: Viewer, need: ViewerNeed, records: RecordChecks): Promise<boolean> {
  const held = holdsViewerNeed(viewer, need);
  if (held !== 'record') return held;
  const check = records[need as keyof RecordChecks];
  return check ? check(viewer) : false; // a record need the route cannot decide is not held
}

/** The posted form and the intent it names; a body that is no form, or an intent that is not text, is a 400. */
async function readPosted(request: Request): Promise<{ formData: FormData; intent: string }> {
  const formData = await request.formData().catch(() => badRequest());
  const intent = intentOf(formData);
  if (intent === null) badRequest();
  return { formData, intent };
}

function declaredNeed<N extends IntentNeeds<string>>(needs: N, intent: string): N[string] | undefined {
  return Object.hasOwn(needs, intent) ? (needs[intent] as N[string]) : undefined;
}

/**
 * An action's intent, on a page of no particular team: signed in (or sent to sign in) and holding
 * the intent's need; anything else is refused before the intent runs. Someone who holds none of the
 * page's needs is refused before the body is read.
 */
export async function requireIntent<N extends IntentNeeds<ViewerNeed>>(request: Request, needs: N, records: RecordChecks = {}): Promise<SignedIn & Posted<N>> {
  const signedIn = await requireSignedIn(request);
  if (Object.values(needs).every((need) => holdsViewerNeed(signedIn.viewer, need) === false)) {
    return deny(request, signedIn.viewer, 403, { need: Object.values(needs).join('|') });
  }
  const { formData, intent } = await readPosted(request);
  const need = declaredNeed(needs, intent);
  if (!need) return deny(request, signedIn.viewer, 403, { need: 'undeclared', intent });
  if (!(await holdsRecordNeed(signedIn.viewer, need, records))) return deny(request, signedIn.viewer, 403, { need, intent });
  return { ...signedIn, intent, formData };
}

/** Pages anyone may post to (sign-in, invitations): only the declared intents, signed in or not. */
export async function requirePublicIntent<N extends IntentNeeds<'anyone'>>(request: Request, needs: N): Promise<Posted<N>> {
  const { formData, intent } = await readPosted(request);
  if (!declaredNeed(needs, intent)) return refuseUndeclared(request, intent);
  return { intent, formData };
}

/**
 * An action's intent on a team's page. A team the viewer may not see at all answers 404 before the
 * body is read (ids reveal nothing); a need the viewer does not hold on a team they see answers 403.
 * Both are audited.
 */
export async function requireTeamIntent<N extends IntentNeeds<TeamIntentNeed>>(
  request: Request,
  teamId: number,
  needs: N,
  records: RecordChecks = {},
): Promise<TeamContext & Posted<N>> {
  const signedIn = await requireSignedIn(request);
  const team = await getTeamRef(teamId);
  const access = team ? teamAccess(signedIn.viewer, team) : null;
  if (!team || !access?.view) return deny(request, signedIn.viewer, 404, { need: 'view', teamId });
  const { formData, intent } = await readPosted(request);
  const need = declaredNeed(needs, intent);
  if (!need) return deny(request, signedIn.viewer, 403, { need: 'undeclared', intent, teamId });
  const held = need.startsWith('team:')
    ? holdsTeamNeed(signedIn.viewer, team, access, need as Extract<TeamIntentNeed, `team:${string}`>)
    : await holdsRecordNeed(signedIn.viewer, need as ViewerNeed, records);
  if (!held) return deny(request, signedIn.viewer, 403, { need, intent, teamId });
  return { ...signedIn, team, access, intent, formData };
}

/** Who and from where, for the audit entry written with a change. */
export function actorOf(request: Request, viewer: Viewer) {
  return { userId: viewer.userId, ip: clientIp(request) };
}
