import { activityKinds, changeStages, coCreationSteps, type MunicipalityKind } from '~/domain/codes';
import { roleTitle } from '~/domain/interviews';
import {
  bullets,
  byMonth,
  detailKinds,
  monthTableKinds,
  sectionHeading,
  sessionTitle,
  type DetailSection,
  type NonProgramItem,
  type PaperDraft,
  missingParts,
  personWithRole,
  type PaperSession,
} from '~/domain/paper';
import { formatEraDatePlain } from '~/utils/dates';
import { readByProgram, type TeamAccess } from '~/utils/permissions';
import { activitySummary, activityTitle, hiddenInterviewTitle } from './activities.server';
import { listChanges } from './changes.server';
import { listInterviews, teamMunicipalityKind } from './interviews.server';
import { listTeamMoyamoya } from './moyamoya.server';
import { getPaperChoices } from './paper.server';
import { organizerRoster, paperActivities, sessionsOfYear, tickedInterviews, type PaperActivity, type TickedInterview } from './paper-records.server';
import { getCurrentSheet } from './sheets.server';
import { surveysForPaper } from './surveys.server';
import { listTeamMembers } from './teams.server';
import { getYear } from './years.server';

// The 共同論文 draft of a team as one viewer may read it (app/domain/paper.ts): the page previews it, the .docx
// writes it. What an interview said goes in only when the team ticked it and the viewer may read it; an interview
// the viewer may not read is named as the log names it (「（公開範囲外のインタビュー）」).

type Team = { id: number; municipalityName: string; prefecture: string; fiscalYear: number; generation: number };

export async function loadPaperDraft(team: Team, access: Pick<TeamAccess, 'interviewVisibilities'>): Promise<PaperDraft> {
  const visibilities = access.interviewVisibilities;
  const [choices, members, year, organizers, sessions, rows, summary, moyamoya, changes, surveys, interviewList, sheet, kind] = await Promise.all([
    getPaperChoices(team.id),
    listTeamMembers(team.id),
    getYear(team.fiscalYear),
    organizerRoster(),
    sessionsOfYear(team.fiscalYear),
    paperActivities(team.id),
    activitySummary(team.id),
    listTeamMoyamoya(team.id),
    listChanges(team.id),
    surveysForPaper(team.id, visibilities),
    listInterviews(team.id, visibilities),
    getCurrentSheet(team.id),
    teamMunicipalityKind(team.id),
  ]);
  const ticked = await tickedInterviews(team.id, choices.interviewIds, visibilities);
  const readable = (a: PaperActivity) => a.interviewVisibility !== null && visibilities.includes(a.interviewVisibility);
  const sessionById = new Map(sessions.map((s) => [s.id, s]));
  const moyamoyaOfYear = moyamoya.filter((m) => sessionById.has(m.sessionId));
  const reflectionOf = new Map(moyamoyaOfYear.filter((m) => !choices.omittedSessionIds.includes(m.sessionId)).map((m) => [m.sessionId, m]));

  const monthItems = rows
    .filter((a) => monthTableKinds.includes(a.kind))
    .map((a) => ({
      activityId: a.id,
      occurredOn: a.occurredOn,
      text: monthText({ ...a, title: activityTitle(a, visibilities) }, sessionById, readable(a)),
      included: !choices.omittedActivityIds.includes(a.id),
    }));

  const details = rows
    .filter((a) => detailKinds.includes(a.kind))
    // A survey's own entry the viewer may not read shows as 「（公開範囲外のアンケート）」 without its notes, as in the log.
    .map((a) => {
      const title = activityTitle(a, visibilities);
      const shown = title === a.title ? a : { ...a, title, notes: '' };
      return detailSection(shown, { sessionById, reflectionOf, readable: readable(a), ticked: ticked.get(a.interviewId ?? 0), kind });
    });

  const chains = changes
    .map((c) => ({
      id: c.id,
      title: c.title,
      reflection: c.reflection,
      step: c.coCreationStep ? coCreationSteps.label[c.coCreationStep] : null,
      moments: c.moments.map((m) => ({ stage: changeStages.label[m.stage], occurredOn: m.occurredOn, description: m.description })),
      included: !choices.omittedChangeIds.includes(c.id),
    }))
    .sort((a, b) => (a.moments[0]?.occurredOn ?? '9999').localeCompare(b.moments[0]?.occurredOn ?? '9999') || a.id - b.id);

  const chosenSurveys = surveys.map((s) => ({ ...s, included: choices.surveyIds.includes(s.id) }));
  const interviewChoices = interviewList
    .map((i) => ({
      id: i.id,
      interviewedOn: i.interviewedOn,
      label: i.interviewee,
      role: roleTitle(i.roleCategory, kind),
      visibility: i.visibility,
      ticked: choices.interviewIds.includes(i.id),
    }))
    .sort((a, b) => a.interviewedOn.localeCompare(b.interviewedOn) || a.id - b.id);

  const nonProgram: NonProgramItem[] = [
    ...interviewChoices
      .filter((i) => i.ticked && ticked.has(i.id) && !readByProgram(i.visibility))
      .map((i) => ({
        key: `interview:${i.id}`,
        what: `キーパーソンインタビュー：${i.label}（${formatEraDatePlain(i.interviewedOn)}）の内容`,
        visibility: i.visibility,
      })),
    ...chosenSurveys
      .filter((s) => s.included && !readByProgram(s.visibility))
      .map((s) => ({ key: `survey:${s.id}`, what: `アンケート「${s.title}」の結果`, visibility: s.visibility })),
  ];

  const draft: PaperDraft = {
    team: { id: team.id, municipalityName: team.municipalityName, prefecture: team.prefecture, fiscalYear: team.fiscalYear, generation: team.generation },
    members: members.map(({ fullName, department, section }) => ({ fullName, department, section })),
    theme: year?.theme ?? null,
    organizers,
    sessions,
    texts: { aboutMunicipality: choices.aboutMunicipality, findings: choices.findings },
    months: byMonth(monthItems),
    totals: {
      byKind: summary.byKind.map((r) => ({ ...r, label: activityKinds.label[r.kind] })),
      total: { count: summary.total.count, minutes: summary.total.minutes },
    },
    moyamoya: moyamoyaOfYear.map((m) => ({
      sessionId: m.sessionId,
      name: sessionTitle(m.sessionKind, m.sessionNumber),
      startsOn: m.startsOn,
      level: m.level,
      reflection: m.reflection,
      included: !choices.omittedSessionIds.includes(m.sessionId),
    })),
    chains,
    surveys: chosenSurveys,
    interviews: interviewChoices,
    details,
    sheet: sheet ? { version: sheet.version, tag: sheet.tag, savedAt: sheet.savedAt.toISOString(), content: sheet.content } : null,
    nonProgram,
    missing: [],
    version: choices.version,
  };
  draft.missing = missingParts(draft);
  return draft;
}

function monthText(a: PaperActivity, sessions: Map<number, PaperSession>, readable: boolean): string {
  if (a.kind === 'interview') {
    if (!readable || !a.interviewee) return hiddenInterviewTitle;
    // キーパーソンインタビュー（市長）, but キーパーソンインタビュー：部長級職員（Aさん） rather than brackets in brackets.
    return /[（(]/.test(a.interviewee) ? `キーパーソンインタビュー：${a.interviewee}` : `キーパーソンインタビュー（${a.interviewee}）`;
  }
  const session = a.sessionId ? sessions.get(a.sessionId) : undefined;
  if (session && (a.kind === 'study_session' || a.kind === 'followup')) return sessionTitle(session.kind, session.number);
  return a.title.trim() || activityKinds.label[a.kind];
}

type DetailContext = {
  sessionById: Map<number, PaperSession>;
  reflectionOf: Map<number, { level: number; reflection: string }>;
  readable: boolean;
  ticked: TickedInterview | undefined;
  kind: MunicipalityKind | null;
};

function detailSection(a: PaperActivity, { sessionById, reflectionOf, readable, ticked, kind }: DetailContext): DetailSection {
  const base = { key: `activity:${a.id}`, kind: a.kind, occurredOn: a.occurredOn, purpose: '', homework: [] as string[], withheld: null };
  if (a.kind === 'interview') {
    if (!readable || !a.roleCategory || !a.interviewee) {
      return {
        ...base,
        heading: sectionHeading(hiddenInterviewTitle, a.occurredOn, null, ''),
        person: null,
        content: [],
        reflections: [],
        withheld: 'hidden' as const,
      };
    }
    const role = roleTitle(a.roleCategory, kind);
    const heading = sectionHeading(`キーパーソンインタビュー：${a.interviewee}`, a.occurredOn, null, '');
    const person = personWithRole(a.interviewee, role);
    if (!ticked) return { ...base, heading, person, content: [], reflections: [], withheld: 'unticked' as const };
    const reflections = [...bullets(ticked.unease).map((t) => `モヤモヤ：${t}`), ...bullets(ticked.insights).map((t) => `気付き：${t}`)];
    return { ...base, heading, person, purpose: ticked.purpose.trim(), content: bullets(ticked.content), reflections, homework: ticked.homework };
  }
  const session = a.sessionId ? sessionById.get(a.sessionId) : undefined;
  const heading = session
    ? sectionHeading(sessionTitle(session.kind, session.number), session.startsOn, session.endsOn, session.place)
    : sectionHeading(a.title.trim() || activityKinds.label[a.kind], a.occurredOn, null, '');
  const felt = session ? reflectionOf.get(session.id) : undefined;
  const reflections = felt ? [`モヤモヤ指数 ${felt.level}%：${felt.reflection}`.replace(/：$/, '')] : [];
  return { ...base, heading, person: null, content: bullets(a.notes), reflections };
}
