import { createAlumniGroup, createChangeChain, createHandover, createMentorAssignment, createOffsiteMeeting } from '../../tests/factories';
import type { CoCreationStep } from '../../app/domain/codes';
import type { Db } from '../client';
import { titles } from './places';
import type { Rng } from './random';
import { findTeam, type DemoRoster, type DemoTeam } from './roster';

// What outlives a year: changes created, マネ友 groups and their off-sites, mentors, handovers.

type ChainPlan = {
  title: string;
  step: CoCreationStep;
  reflection: string;
  moments: [trigger: [string, string], turningPoint: [string, string], change: [string, string]];
};

const chains = (fy: number, hr: string): ChainPlan[] => [
  {
    title: '新規採用職員向け「市役所の1年」ガイドができた',
    step: 'cowork',
    reflection:
      '対話を重ねたことで人事課が共感し、自分たちの課題として受け止めてくれた。提案を「お願い」ではなく「一緒につくる」形にしたことが、心理的安全性につながった。',
    moments: [
      [`${fy}-12-26`, `${hr}に新規採用職員向けガイドの作成を提案した`],
      [`${fy + 1}-02-01`, `${hr}から素案が届き、チームで意見を返した`],
      [`${fy + 1}-03-01`, `${hr}が「市役所の1年」ガイドを庁内に公開した`],
    ],
  },
  {
    title: '若手職員の対話の場が定例になった',
    step: 'empathy',
    reflection: 'アンケートで見えた「相談できる場がない」という声を共有したことで、管理職の共感が生まれた。',
    moments: [
      [`${fy}-09-12`, '若手職員アンケートで「相談できる場がない」という声が多く寄せられた'],
      [`${fy}-10-20`, '企画課長が会議室の提供と参加を申し出てくれた'],
      [`${fy}-12-15`, '月1回の「ランチ対話会」が定例化し、延べ40人が参加した'],
    ],
  },
  {
    title: '人材育成基本方針の改定に職員の声が入った',
    step: 'cocreate',
    reflection: '報告の場を「説明」ではなく「対話」にしたことで、人事課と共に方針をつくる関係になった。',
    moments: [
      [`${fy}-11-18`, `${hr}長報告で、職員の声を方針改定に生かすことを提案した`],
      [`${fy + 1}-01-16`, `${hr}から改定ワーキングへの参加を依頼された`],
      [`${fy + 1}-03-19`, '改定素案に「対話を通じて学び合う職員」が明記された'],
    ],
  },
  {
    title: '部長級と若手のオフサイトミーティングが開かれた',
    step: 'share',
    reflection: 'インタビューで聞いた部長の思いを共有したことが出発点になった。まずは知ることから。',
    moments: [
      [`${fy}-08-05`, 'インタビューで部長級職員が「若手の声を聞きたい」と話した'],
      [`${fy}-10-07`, '部長会でチームの取組を紹介する時間をもらえた'],
      [`${fy}-12-09`, '部長級3人と若手10人のオフサイトミーティングを開いた'],
    ],
  },
];

export async function seedChanges(db: Db, roster: DemoRoster) {
  const plan: [string, number][] = [
    ['甲府市', 0],
    ['甲府市', 2],
    ['富岡市', 1],
    ['熊本市', 3],
    ['北上市', 1],
  ];
  for (const [name, index] of plan) {
    const team = findTeam(roster, name, 2025);
    const chain = chains(2025, team.place.hr[1])[index]!;
    const stages = ['trigger', 'turning_point', 'change'] as const;
    await createChangeChain(db, {
      teamId: team.id,
      title: chain.title,
      reflection: chain.reflection,
      coCreationStep: chain.step,
      moments: chain.moments.map(([occurredOn, description], i) => ({ stage: stages[i]!, occurredOn, description })),
    });
  }
}

const membersOf = (teams: DemoTeam[]) => teams.flatMap((t) => t.members.map((m) => m.personId));

export async function seedAlumni(db: Db, rng: Rng, roster: DemoRoster) {
  const past = (name: string) => roster.teams.filter((t) => t.place.name === name && t.fiscalYear <= 2025);
  const kofuPast = past('甲府市');
  const tomiokaPast = past('富岡市');
  const joined = (team: DemoTeam, founded: string) => (team.fiscalYear < Number(founded.slice(0, 4)) ? founded : `${team.fiscalYear + 1}-04-15`);

  const hamidashi = await createAlumniGroup(db, {
    name: 'ハミダシ隊',
    municipalityId: kofuPast[0]!.municipalityId,
    foundedOn: '2023-05-19',
    description: '甲府市のマネ友有志の会。担当業務から「はみ出して」、部署を越えた対話の場をつくっている。',
    members: kofuPast.flatMap((t) => t.members.map((m) => ({ personId: m.personId, joinedOn: joined(t, '2023-05-19') }))),
  });
  const tomioka = await createAlumniGroup(db, {
    name: 'とみおかマネ友会',
    municipalityId: tomiokaPast[0]!.municipalityId,
    foundedOn: '2020-12-11',
    description: '富岡市のマネ友の会。過去の期のアクションプランを振り返り、現役チームを支援している。',
    members: tomiokaPast.flatMap((t) => t.members.map((m) => ({ personId: m.personId, joinedOn: joined(t, '2020-12-11') }))),
  });

  const kofu2026 = findTeam(roster, '甲府市', 2026);
  const tomioka2026 = findTeam(roster, '富岡市', 2026);
  const kofuAlumni = membersOf(kofuPast.filter((t) => t.fiscalYear < 2025));
  const tomiokaAlumni = membersOf(tomiokaPast);
  const meetings = [
    {
      groupId: hamidashi.id,
      heldOn: '2025-09-12',
      theme: '部署を越えて「はみ出す」対話会',
      place: '甲府市役所 本庁舎 会議室',
      guests: '若手職員8名',
      notes: '「10年後の甲府で、自分は何をしていたいか」をテーマに対話した。',
      people: rng.sample(kofuAlumni, 6),
    },
    {
      groupId: hamidashi.id,
      heldOn: '2026-06-19',
      theme: '新チーム激励と過去のアクションプランのふりかえり',
      place: '甲府市内 コワーキングスペース',
      guests: '',
      notes: '令和8年度チームを迎え、過去の期のアクションプランを一緒に読み直した。',
      people: [...rng.sample(kofuAlumni, 4), ...membersOf([kofu2026])],
    },
    {
      groupId: tomioka.id,
      heldOn: '2026-02-20',
      theme: '過去のアクションプランを読み直すオフサイトミーティング',
      place: '富岡市生涯学習センター',
      guests: '職員課 職員2名',
      notes: '1期生から5期生までのアクションプランを並べ、続いていることと途切れたことを話した。',
      people: rng.sample(tomiokaAlumni, 7),
    },
    {
      teamId: tomioka2026.id,
      heldOn: '2026-10-30',
      theme: '子育て世代職員のオフサイトミーティング',
      place: '富岡市役所 市民ホール',
      guests: '子育て中の職員15名',
      notes: 'チームが企画し、マネ友会の世話人が進行を支えた。',
      people: [...rng.sample(tomiokaAlumni, 2), ...membersOf([tomioka2026])],
    },
  ];
  for (const { people, ...meeting } of meetings) {
    await createOffsiteMeeting(db, {
      ...meeting,
      createdByUserId: roster.adminUserId,
      people: people.map((personId, i) => ({ personId, role: i < 2 ? 'facilitator' : 'attendee' })),
    });
  }
}

/** マネ友 mentoring this year's teams: mostly the previous team of the same municipality. */
export async function seedMentors(db: Db, roster: DemoRoster) {
  const pairs: [from: [string, number, number], to: string][] = [
    [['甲府市', 2025, 1], '甲府市'],
    [['甲府市', 2024, 0], '甲府市'],
    [['富岡市', 2025, 0], '富岡市'],
    [['熊本市', 2024, 2], '熊本市'],
    [['韮崎市', 2025, 1], '韮崎市'],
    [['富岡市', 2021, 1], '韮崎市'],
    [['北上市', 2025, 0], '北上市'],
  ];
  for (const [[name, year, index], to] of pairs) {
    const mentor = findTeam(roster, name, year).members[index]!;
    await createMentorAssignment(db, {
      teamId: findTeam(roster, to, 2026).id,
      personId: mentor.personId,
      assignedByUserId: roster.adminUserId,
      createdAt: new Date('2026-04-20T10:00:00+09:00'),
    });
  }
}

/** Every team of the last full year writes a handover for its municipality's next team. */
export async function seedHandovers(db: Db, rng: Rng, roster: DemoRoster) {
  for (const team of roster.teams.filter((t) => t.fiscalYear === 2025)) {
    const { head } = titles(team.place);
    await createHandover(db, {
      teamId: team.id,
      toContinue: `重点取組「${team.place.focus[0]}」の試行を続けてください。${team.place.hr[1]}とは月1回の対話の場を約束しています。`,
      peopleToTalkTo: `${team.place.hr[1]}長、部長級職員（Aさん）、${rng.pick(['企画課の若手有志', '前の期のマネ友', '区長会長（Eさん）'])}。${head}は年度末の報告を楽しみにしています。`,
      advice: rng.pick([
        'モヤモヤは悪いことではありません。3人で話す時間だけは毎週確保してください。',
        '1年で形にしようとしすぎないこと。次の期につなぐつもりで小さく始めてください。',
        '対話自治体との時間を大切に。同じ悩みを持つ仲間がいることが支えになります。',
      ]),
      authorUserId: team.userId,
      createdAt: new Date('2026-03-25T17:00:00+09:00'),
    });
  }
}
