import { createActivities, createInterview, createPreAssignmentSubmission } from '../../tests/factories';
import type { HomeworkStatus } from '../../app/domain/codes';
import type { Db } from '../client';
import { attendees, planYear } from './activities';
import { addDays, workday, type DemoSession } from './calendar';
import { homeworkFollowUps, pickInterviews } from './interviews';
import { seedMoyamoya } from './moyamoya';
import { seedSurveys } from './surveys';
import type { Rng } from './random';
import type { DemoRoster, DemoTeam } from './roster';
import { organizerCommentPlans, seedComments, seedSheet, stagesFor } from './sheets';

// One team's year: interviews, the activity log, submissions, モヤモヤ, the sheet and its comments.

function homeworkStatus(rng: Rng, fullYear: boolean): HomeworkStatus {
  const r = rng.next();
  if (fullYear) return r < 0.6 ? 'done' : r < 0.9 ? 'doing' : 'todo';
  return r < 0.25 ? 'done' : r < 0.65 ? 'doing' : 'todo';
}

async function seedInterviews(db: Db, rng: Rng, team: DemoTeam, sessions: DemoSession[], fullYear: boolean) {
  const sessionDays = new Set(sessions.flatMap((s) => [s.startsOn, s.endsOn ?? s.startsOn]));
  const picked = pickInterviews(rng, rng.int(4, 6));
  // The top is usually met last, once the team knows what to ask.
  const ordered = [...picked.filter((t) => t.key !== 'head'), ...picked.filter((t) => t.key === 'head')];
  const ids: Partial<Record<(typeof picked)[number]['key'], number>> = {};
  const dates: string[] = [];
  for (const [i, template] of ordered.entries()) {
    let interviewedOn = workday(addDays(`${team.fiscalYear}-06-22`, i * 15 + rng.int(0, 6)));
    while (sessionDays.has(interviewedOn)) interviewedOn = workday(addDays(interviewedOn, 3));
    const homework = rng.sample(template.homework, rng.int(1, Math.min(4, template.homework.length))).map((body) => {
      const status = homeworkStatus(rng, fullYear);
      return {
        body,
        status,
        dueOn: rng.chance(0.5) ? addDays(interviewedOn, rng.int(30, 90)) : null,
        followUp: status === 'todo' ? '' : rng.pick(homeworkFollowUps),
      };
    });
    const interview = await createInterview(db, {
      teamId: team.id,
      interviewedOn,
      interviewee: template.interviewee(team.place, team.generation),
      roleCategory: template.role,
      purpose: template.purpose,
      questions: template.questions(team.place),
      content: template.content(team.place),
      insights: template.insights(team.place),
      unease: template.unease,
      visibility: template.visibility(rng),
      createdByUserId: team.userId,
      homework,
      attendeeIds: attendees(rng, team, 0.6),
      activity: { startsAt: rng.pick(['10:00', '14:00', '15:30']), notes: `${template.purpose}。` },
    });
    ids[template.key] = interview.id;
    dates.push(interviewedOn);
  }
  return { ids, dates };
}

export async function seedTeamYear(db: Db, rng: Rng, roster: DemoRoster, team: DemoTeam, sessions: DemoSession[], until: string) {
  const fullYear = until >= `${team.fiscalYear + 1}-03-31`;
  const interviews = await seedInterviews(db, rng, team, sessions, fullYear);
  const alumniNames = roster.teams.filter((t) => t.place === team.place && t.fiscalYear < team.fiscalYear).flatMap((t) => t.members.map((m) => m.fullName));
  const plan = planYear(rng, team, sessions, until, interviews.dates, alumniNames);
  const activities = await createActivities(db, plan.activities);
  for (const submission of plan.submissions) {
    await createPreAssignmentSubmission(db, {
      ...submission,
      teamId: team.id,
      note: 'チームで議論した内容をまとめて提出しました。',
      submittedByPersonId: rng.pick(team.members).personId,
    });
  }
  await seedMoyamoya(db, rng, team, sessions, until);
  // The demo team (the member's, this year) has its surveys' results; the others only their アンケート entries.
  const surveys = team.userId !== null && team.userId === roster.users['member@example.jp'] ? await seedSurveys(db, team, activities) : null;
  const survey = activities.find((a) => a.kind === 'survey');
  const evidence = {
    interviews: [interviews.ids.hr, interviews.ids.manager].filter((id) => id !== undefined),
    survey: survey?.id,
    surveyQuestion: surveys?.citedQuestion,
  };
  const sheet = await seedSheet(db, rng, team, sessions, stagesFor(rng, fullYear), evidence);
  return { sheet };
}

/** Who comments on which sheet: 事務局 on every sheet, and the partners of the demo teams on each other's. */
export async function seedSheetComments(db: Db, rng: Rng, roster: DemoRoster, sheets: Map<DemoTeam, Awaited<ReturnType<typeof seedTeamYear>>['sheet']>) {
  const admin = roster.adminUserId;
  const partner = roster.users['partner@example.jp'];
  const member = roster.users['member@example.jp'];
  const peerComments: Record<string, { authorUserId: number; body: string; section: 'focusInitiatives' | 'actionPlan' }[]> = {
    甲府市: [
      {
        authorUserId: partner,
        section: 'focusInitiatives',
        body: '熊本市チームです。「ランチ対話会」、私たちも真似したいです。参加者の集め方を教えてください。',
      },
    ],
    熊本市: [{ authorUserId: member, section: 'focusInitiatives', body: '甲府市チームです。語り部対話会にとても共感しました。若手側の声はどう集めますか？' }],
    鹿児島市: [
      { authorUserId: partner, section: 'actionPlan', body: '熊本市チームです。「やめる仕事」を決める進め方、ぜひ対話自治体ミーティングで共有してください。' },
    ],
  };
  for (const [team, sheet] of sheets) {
    const fullYear = team.fiscalYear < 2026;
    const plans = organizerCommentPlans(rng, admin, fullYear ? rng.int(2, 3) : 1, fullYear ? 0.6 : 0.3);
    if (!fullYear) plans.push(...(peerComments[team.place.name] ?? []).map((c) => ({ ...c, resolved: false })));
    await seedComments(db, rng, team, sheet, plans);
  }
}
