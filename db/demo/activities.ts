import type { ActivityInput } from '../../tests/factories';
import { alumniNotes, burstNotes, followupNote, meetingNotes, partnerNotes, studyNotes } from './activity-texts';
import { addDays, onOrAfter, workday, type DemoSession } from './calendar';
import { titles } from './places';
import type { Rng } from './random';
import type { DemoTeam } from './roster';

// A team's year as its log shows it: weekly meetings, sessions, interviews, reports (DOMAIN.md).

export type YearPlan = {
  activities: ActivityInput[];
  submissions: { preAssignmentId: number; submittedOn: string }[];
};

/** 2–3 of the team's members; all three most of the time. */
export function attendees(rng: Rng, team: DemoTeam, pAll = 0.7): number[] {
  const ids = team.members.map((m) => m.personId);
  return rng.chance(pAll) ? ids : rng.sample(ids, 2).sort((a, b) => a - b);
}

const between = (rng: Rng, from: string, days: number) => workday(addDays(from, rng.int(0, days)));

function season(iso: string): keyof typeof meetingNotes {
  const month = Number(iso.slice(5, 7));
  if (month >= 4 && month <= 6) return 'spring';
  if (month >= 7 && month <= 9) return 'summer';
  if (month >= 10 && month <= 12) return 'autumn';
  return 'winter';
}

export function planYear(rng: Rng, team: DemoTeam, sessions: DemoSession[], until: string, interviewDates: string[], alumniNames: string[]): YearPlan {
  const fy = team.fiscalYear;
  const { head } = titles(team.place);
  const base = { teamId: team.id, createdByUserId: team.userId };
  const items: ActivityInput[] = [];
  const submissions: YearPlan['submissions'] = [];
  const add = (item: Omit<ActivityInput, 'teamId'>, pAll = 0.7) => {
    if (item.occurredOn && item.occurredOn <= until) items.push({ ...base, attendeeIds: attendees(rng, team, pAll), ...item });
  };

  const kickoff = between(rng, `${fy}-04-07`, 5);
  add(
    {
      kind: 'kickoff',
      occurredOn: kickoff,
      startsAt: '17:30',
      durationMinutes: 90,
      title: 'チーム顔合わせ',
      notes: '人事課から部会の趣旨説明を受け、3人で自己紹介。なぜ自分たちが選ばれたのか、まだ分からない。',
    },
    1,
  );
  if (team.generation > 1) {
    add(
      {
        kind: 'other',
        occurredOn: between(rng, `${fy}-04-13`, 4),
        startsAt: '16:00',
        durationMinutes: 60,
        title: `激励会（${head}・マネ友と）`,
        guests: `${head}、マネ友 ${alumniNames.slice(0, 2).join('・')}`,
        notes: `${head}とマネ友から激励を受けた。前の期の話を聞き、1年間の覚悟が少し固まった。`,
      },
      1,
    );
  }
  for (const s of sessions) {
    const two = s.endsOn !== null;
    if (s.kind === 'study') {
      add(
        {
          kind: 'study_session',
          occurredOn: s.startsOn,
          startsAt: '10:00',
          durationMinutes: two ? 660 : 330,
          title: `第${s.number}回研究会${two ? '（2日間）' : ''}`,
          notes: studyNotes[s.number] ?? '',
          sessionId: s.id,
        },
        0.9,
      );
    } else {
      add({
        kind: 'followup',
        occurredOn: s.startsOn,
        startsAt: '14:00',
        durationMinutes: 120,
        title: `フォローアップ研修（第${s.number}回・オンライン）`,
        notes: followupNote,
        sessionId: s.id,
      });
    }
    if (s.preAssignment && s.preAssignment.dueOn <= until) {
      const submittedOn = workday(addDays(s.preAssignment.dueOn, -rng.int(0, 2)));
      add(
        {
          kind: 'preassignment',
          occurredOn: submittedOn,
          durationMinutes: 30,
          title: `第${s.number}回事前課題提出`,
          notes: '3人で書いた下書きを読み合わせてから提出した。',
        },
        0.4,
      );
      submissions.push({ preAssignmentId: s.preAssignment.id, submittedOn });
    }
  }

  const firstInterview = [...interviewDates].sort()[0] ?? `${fy}-07-01`;
  const prepTitles = ['インタビュー準備（対象者の検討）', 'インタビュー準備（質問項目の整理）', 'インタビュー準備（依頼文の作成・日程調整）'];
  for (const [i, title] of prepTitles.slice(0, rng.int(2, 3)).entries()) {
    add({
      kind: 'interview_prep',
      occurredOn: workday(addDays(firstInterview, -21 + i * 7)),
      startsAt: '17:30',
      durationMinutes: 60,
      title,
      notes: '共通の4つの質問に加えて、相手ごとに聞きたいことを整理した。',
    });
  }
  add(
    {
      kind: 'survey',
      occurredOn: between(rng, `${fy}-06-09`, 12),
      durationMinutes: 120,
      title: '全庁アンケート実施',
      notes: '全職員を対象に、働きがいと組織風土についてアンケートを実施。回答率は6割を超えた。',
    },
    1,
  );
  if (rng.chance(0.6)) {
    add({
      kind: 'survey',
      occurredOn: between(rng, `${fy}-07-01`, 12),
      durationMinutes: 90,
      title: '若手職員アンケート実施',
      notes: '入庁10年目までの職員を対象に実施。自由記述に本音が多く寄せられた。',
    });
  }
  add({
    kind: 'survey',
    occurredOn: between(rng, `${fy}-08-03`, 14),
    durationMinutes: 120,
    title: 'アンケート結果の集計・分析',
    notes: '結果を3人で読み込み、組織の現状と背景として整理した。',
  });

  const partnerGuests = team.partners.map((p) => `${p}チーム`).join('、');
  const partnerDays = sessions.filter((s) => s.kind === 'study' && s.number >= 2).map((s) => addDays(s.startsOn, -12));
  partnerDays.push(`${fy}-08-28`);
  for (const day of partnerDays.slice(0, rng.int(4, 6))) {
    add({
      kind: 'partner_meeting',
      occurredOn: workday(day),
      startsAt: '15:00',
      durationMinutes: 90,
      title: `対話自治体ミーティング（${team.partners.join('・') || '対話自治体'}）`,
      guests: partnerGuests,
      notes: rng.pick(partnerNotes),
    });
  }
  const alumniGuest = alumniNames.length ? `マネ友 ${rng.sample(alumniNames, Math.min(2, alumniNames.length)).join('、')}` : '他自治体のマネ友';
  for (const start of rng.sample([`${fy}-05-12`, `${fy}-09-08`, `${fy}-11-04`, `${fy + 1}-02-02`], rng.int(2, 3))) {
    add({
      kind: 'alumni_dialogue',
      occurredOn: between(rng, start, 10),
      startsAt: '18:00',
      durationMinutes: 90,
      title: 'マネ友との対話',
      guests: alumniGuest,
      notes: rng.pick(alumniNotes),
    });
  }
  if (rng.chance(0.5)) {
    add({
      kind: 'local_study',
      occurredOn: between(rng, `${fy}-09-15`, 40),
      startsAt: '13:30',
      durationMinutes: 180,
      title: '地域勉強会（県内自治体のマネ友と）',
      guests: `${team.place.prefecture}内の自治体職員`,
      notes: '県内の部会経験者と、それぞれの組織の変化について対話した。',
    });
  }
  if (rng.chance(0.3)) {
    add({
      kind: 'offsite',
      occurredOn: between(rng, `${fy}-10-01`, 45),
      startsAt: '18:00',
      durationMinutes: 120,
      title: '庁内オフサイトミーティング（若手有志）',
      guests: '若手職員12名',
      notes: '業務時間外に若手有志と対話。「話してよかった」という声が多かった。',
    });
  }
  add({
    kind: 'report',
    occurredOn: between(rng, `${fy}-10-26`, 14),
    startsAt: '14:00',
    durationMinutes: 60,
    title: `${team.place.hr[1]}長への中間報告`,
    notes: '中間版の変革ストーリーシートをもとに説明。人材育成基本方針の改定に関われないか相談した。',
  });
  add({
    kind: 'report',
    occurredOn: between(rng, `${fy}-12-08`, 10),
    startsAt: '14:00',
    durationMinutes: 60,
    title: `${team.place.hr[1]}長報告`,
    notes: 'アンケートとインタビューの結果、重点取組を報告。来年度の研修計画に反映を検討してもらえることになった。',
  });
  add(
    {
      kind: 'vote',
      occurredOn: between(rng, `${fy + 1}-01-08`, 7),
      durationMinutes: 60,
      title: '変革ストーリーシート投票',
      notes: '全自治体のシートを読み、3人で相談して投票した。',
    },
    0.5,
  );
  add({
    kind: 'report',
    occurredOn: between(rng, `${fy + 1}-02-04`, 10),
    startsAt: '10:00',
    durationMinutes: 60,
    title: '局部課長報告',
    notes: '部長級・課長級の職員に1年間の取組を報告。対話の場に協力したいという声をもらった。',
  });
  add(
    {
      kind: 'report',
      occurredOn: between(rng, `${fy + 1}-02-20`, 12),
      startsAt: '16:00',
      durationMinutes: 45,
      title: `${head}報告`,
      guests: `${head}、${titles(team.place).deputy}、${team.place.hr[1]}長`,
      notes: `${head}に変革ストーリーシートを報告。「来年度も続けてほしい」と言葉をもらった。`,
    },
    1,
  );
  add({
    kind: 'joint_paper',
    occurredOn: between(rng, `${fy + 1}-03-09`, 7),
    durationMinutes: 120,
    title: '共同論文提出',
    notes: '1年間の取組と気付きを共同論文にまとめて提出した。',
  });

  return { activities: [...items, ...planMeetings(rng, team, sessions, until, items.length + interviewDates.length)], submissions };
}

/** Weekly ミーティング plus bursts before sessions, trimmed or topped up to 60–80 entries in all. */
function planMeetings(rng: Rng, team: DemoTeam, sessions: DemoSession[], until: string, others: number): ActivityInput[] {
  const fy = team.fiscalYear;
  const target = rng.int(62, 78) - others;
  const last = until < `${fy + 1}-03-24` ? until : `${fy + 1}-03-24`;
  const day = rng.pick([2, 3, 4]);
  const time = rng.pick(['17:30', '12:15', '18:00']);
  const busy = new Set(sessions.map((s) => s.startsOn));
  const quiet = (iso: string) => iso.slice(5) >= '12-27' || iso.slice(5) <= '01-05' || (iso.slice(5) >= '08-11' && iso.slice(5) <= '08-16');

  const bursts = new Map<string, number>();
  for (const s of sessions) {
    if (s.kind !== 'study' || s.number < 2) continue;
    for (const back of [9, 3]) {
      const d = workday(addDays(s.startsOn, -back));
      if (d <= last && !busy.has(d)) bursts.set(d, s.number);
    }
  }
  let weekly: string[] = [];
  for (let d = onOrAfter(`${fy}-04-14`, day); d <= last; d = addDays(d, 7)) {
    if (!quiet(d) && !busy.has(d) && !bursts.has(d)) weekly.push(d);
  }
  const room = target - bursts.size;
  if (weekly.length > room) weekly = rng.sample(weekly, Math.max(room, 0));
  const dates = new Set([...weekly, ...bursts.keys()]);
  for (let guard = 0; dates.size < target && guard < 1000; guard++) {
    const d = workday(addDays(`${fy}-04-14`, rng.int(0, 330)));
    if (d <= last && !quiet(d) && !busy.has(d)) dates.add(d);
  }

  return [...dates].sort().map((d) => {
    const burst = bursts.get(d);
    return {
      teamId: team.id,
      createdByUserId: team.userId,
      kind: 'meeting' as const,
      occurredOn: d,
      startsAt: time,
      durationMinutes: rng.pick([60, 60, 75, 90]),
      title: burst ? `第${burst}回研究会に向けた準備` : '定例ミーティング',
      notes: burst ? rng.pick(burstNotes) : rng.pick(meetingNotes[season(d)]),
      attendeeIds: attendees(rng, team),
    };
  });
}
