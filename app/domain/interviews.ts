import { intervieweeRoles, type IntervieweeRole, type MunicipalityKind } from './codes';

// Words for interview roles that depend on the municipality: a city's 首長 is its 市長.

const heads: Record<MunicipalityKind, string> = { city: '市長', town: '町長', village: '村長', prefecture: '知事', ward: '区長' };

/** 市長 / 副町長 / 人事部門 …: the role as the team would say it. */
export function roleTitle(role: IntervieweeRole, kind: MunicipalityKind | null): string {
  if (role === 'head' && kind) return heads[kind];
  if (role === 'deputy_head' && kind) return `副${heads[kind]}`;
  return intervieweeRoles.label[role];
}

/** 首長（市長）: the category with the local word beside it, for the coverage list. */
export function roleCoverageLabel(role: IntervieweeRole, kind: MunicipalityKind | null): string {
  const title = roleTitle(role, kind);
  return title === intervieweeRoles.label[role] ? title : `${intervieweeRoles.label[role]}（${title}）`;
}

/**
 * The title of the activity an interview writes into the log. It names the role, never the person:
 * the log is read by HR viewers even when the interview itself is kept to the team.
 */
export function interviewActivityTitle(role: IntervieweeRole, kind: MunicipalityKind | null): string {
  return `${roleTitle(role, kind)}インタビュー`;
}

/** Which role categories the team has talked to (with how many interviews) and which not yet. */
export function interviewCoverage(roles: IntervieweeRole[]) {
  const counts = new Map<IntervieweeRole, number>();
  for (const role of roles) counts.set(role, (counts.get(role) ?? 0) + 1);
  // その他 is not a gap anyone needs to close.
  const relevant = intervieweeRoles.codes.filter((code) => code !== 'other' || counts.has(code));
  return relevant.map((role) => ({ role, count: counts.get(role) ?? 0 }));
}
