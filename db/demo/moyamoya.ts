import { createMoyamoyaCheckins, createTeamMoyamoya, type CheckinInput } from '../../tests/factories';
import type { Db } from '../client';
import { addDays, daysBetween, type DemoSession } from './calendar';
import type { Rng } from './random';
import type { DemoTeam } from './roster';

// モヤモヤ指数: high at the start, a bump when interviews begin, about 55 by 第4回, under 50 by 第6回.
const anchors: readonly (readonly [day: number, level: number])[] = [
  [0, 88],
  [55, 76],
  [100, 82],
  [150, 68],
  [198, 56],
  [240, 52],
  [300, 46],
  [364, 40],
];

function curve(day: number): number {
  for (let i = 1; i < anchors.length; i++) {
    const [d1, l1] = anchors[i]!;
    const [d0, l0] = anchors[i - 1]!;
    if (day <= d1) return l0 + ((l1 - l0) * (day - d0)) / (d1 - d0);
  }
  return anchors[anchors.length - 1]![1];
}

const clamp = (n: number) => Math.max(0, Math.min(100, Math.round(n)));

const checkinNotes = {
  high: ['何をすればいいのか、まだ全然分からない。', '「答えは自分たちで見つける」と言われても…。', '3人の考えがずれていて不安。'],
  middle: ['インタビューで少し見えてきたが、まとめ方で迷っている。', '対話自治体と話して、少し気持ちが軽くなった。', '重点取組が絞れてきた。'],
  low: ['やることが見えてきた。あとは動くだけ。', 'モヤモヤは残るが、それも含めて前に進めている感じ。'],
} as const;

const noteFor = (level: number) => checkinNotes[level >= 75 ? 'high' : level >= 60 ? 'middle' : 'low'];

const reflections: Record<number, readonly string[]> = {
  1: ['何をすればいいのか分からず、3人で顔を見合わせていた頃。', '「研修ではない」と言われ、戸惑いばかりだった頃。'],
  2: ['アンケートの準備に追われ、目的を見失いかけていた頃。', '他の自治体も悩んでいると知り、少しほっとした頃。'],
  3: ['インタビューで聞いた言葉の重さに、かえってモヤモヤが増えた頃。', '10年後の姿が描けず、議論が堂々巡りしていた頃。'],
  4: ['幹事に「絞り込みを」と言われ、やりたいことが少し見えてきた頃。', '中間発表を終え、やるべきことの輪郭がつかめてきた頃。'],
  5: ['アクションプランを具体化し、最初の一歩を踏み出した頃。', '人事課との対話が始まり、手応えを感じ始めた頃。'],
  6: ['1年を振り返り、モヤモヤも財産だったと思えた頃。', '次の期に何を引き継ぐかを考え始めた頃。'],
};

/** Each member's figure every 2–3 weeks, and the team's figure after each 研究会 held so far. */
export async function seedMoyamoya(db: Db, rng: Rng, team: DemoTeam, sessions: DemoSession[], until: string) {
  const start = `${team.fiscalYear}-04-01`;
  const last = until < `${team.fiscalYear + 1}-03-20` ? until : `${team.fiscalYear + 1}-03-20`;
  const teamOffset = rng.int(-6, 6);
  const checkins: CheckinInput[] = [];
  for (const member of team.members) {
    const offset = teamOffset + rng.int(-8, 8);
    for (let d = addDays(start, rng.int(8, 16)); d <= last; d = addDays(d, rng.int(14, 21))) {
      const level = clamp(curve(daysBetween(start, d)) + offset + rng.int(-5, 5));
      const note = rng.chance(0.3) ? rng.pick(noteFor(level)) : '';
      checkins.push({ teamId: team.id, personId: member.personId, checkedOn: d, level, note });
    }
  }
  await createMoyamoyaCheckins(db, checkins);
  for (const s of sessions) {
    if (s.kind !== 'study' || s.startsOn > until) continue;
    const level = clamp(Math.round((curve(daysBetween(start, s.startsOn)) + teamOffset) / 5) * 5);
    await createTeamMoyamoya(db, { teamId: team.id, sessionId: s.id, level, reflection: rng.pick(reflections[s.number] ?? ['']) });
  }
}
