import type { SheetContent, SheetItem, SheetSectionKey } from '../../app/domain/sheet';
import { createSheetComment, createSheetWithVersions, type VersionInput } from '../../tests/factories';
import type { Db } from '../client';
import { addDays, tokyoTime, type DemoSession } from './calendar';
import { titles, type DemoPlace } from './places';
import type { Rng } from './random';
import type { DemoTeam } from './roster';

// 変革ストーリーシート: each version a whole snapshot that grows and narrows as the year goes on.
// Stage 1 is the draft for 第2回, stage 5 the one for 第6回, stage 6 the final after it.

export type Evidence = { interviews: number[]; survey?: number; surveyQuestion?: number };

const item = (text: string, evidence: SheetItem['evidence'] = []): SheetItem => ({ text, evidence });

export function sheetContent(place: DemoPlace, stage: number, evidence: Evidence): SheetContent {
  const { head, office } = titles(place);
  const [hrInterview, managerInterview] = evidence.interviews;
  const cite = (id: number | undefined, kind: SheetItem['evidence'][number]['kind'] = 'interview') => (id ? [{ kind, id }] : []);
  const focusCount = stage <= 2 ? place.focus.length : stage === 3 ? 3 : 2;
  const focus = place.focus
    .slice(0, focusCount)
    .map((text, i) =>
      item(
        text,
        stage >= 3
          ? i === 0
            ? [...cite(hrInterview), ...cite(evidence.survey, 'activity'), ...cite(evidence.surveyQuestion, 'survey_question')]
            : cite(managerInterview)
          : [],
      ),
    );
  const currentState = [
    place.issue,
    stage >= 2 ? '全庁アンケートでは、「仕事にやりがいを感じる」が5割にとどまり、「部署を越えて相談できる」は3割だった。' : '',
    stage >= 3 ? `インタビューでは、${head}も管理職も「挑戦できる組織」「対話」を求めていることが分かった。足りないのは場と仕組みではないか。` : '',
  ]
    .filter(Boolean)
    .join('\n');
  return {
    currentState,
    idealIn10Years: stage === 1 ? `（仮）${place.vision}` : place.vision,
    targetOrganization: stage >= 2 ? place.organization : '',
    focusInitiatives: focus,
    oneYearGoal:
      stage >= 2
        ? `重点取組「${place.focus[0]}」が試行され、関わった職員の半数以上が「やってよかった」と感じている。次の期のチームが引き継ぐ準備ができている状態。`
        : '',
    actionPlan: {
      first:
        stage >= 3
          ? [
              item('まず3人で小さな対話の場を試行し、参加者の声を記録する', cite(managerInterview)),
              item(`${place.hr[1]}長に取組の趣旨を説明し、協力をお願いする`),
            ]
          : [],
      next: stage >= 4 ? [item(`試行の結果をもとに「${place.focus[1]}」を関係課と検討する`), item('マネ友と一緒にオフサイトミーティングを開く')] : [],
      further: stage >= 4 ? [item(`${head}に報告し、全庁の取組として位置付ける`), item('次の期のチームに引き継ぎ、毎年の取組として定着させる')] : [],
    },
    scenario: {
      official: stage >= 4 ? `${place.hr[1]}と連携して研修計画に位置付け、${head}報告を経て、人材育成基本方針の改定に職員の声を反映する。` : '',
      offsite: stage >= 5 ? 'マネ友や若手有志とオフサイトミーティングを重ね、部署を越えた仲間を増やす。対話自治体とも定期的に進捗を共有する。' : '',
    },
    keywords:
      stage >= 5
        ? {
            standpoint: `${office}の都合ではなく、${place.name}で暮らす人の目線から組織の課題を捉え直した。`,
            valueBased: '10年後のありたい姿から逆算し、「できること」ではなく「やるべきこと」から重点取組を選んだ。',
            firstPerson: '「組織が悪い」ではなく、自分たち3人が何をするかを主語にして語るようにした。',
            dominantLogic: '「若手は意見を言わない」という思い込みが、インタビューで覆された。',
          }
        : { standpoint: '', valueBased: '', firstPerson: '', dominantLogic: '' },
  };
}

const messages: Record<number, string> = {
  1: '第2回研究会に向けて、現状を整理した初版',
  2: 'アンケート結果を反映し、目指す組織・職員像を追記',
  3: 'インタビューの気付きを反映し、重点取組を3つに絞った',
  4: '幹事のフィードバックを受けて重点取組を2つにし、アクションプランを具体化',
  5: '取組シナリオと4つのキーワードの振り返りを追記',
  6: '第6回の対話を踏まえた最終版',
};
const tags: Record<number, string> = { 3: '第4回提出版', 5: '第6回提出版', 6: '最終版' };

/** Stages a team saved: 4–6 versions over a whole year, 2–3 in the year under way. */
export function stagesFor(rng: Rng, fullYear: boolean): number[] {
  if (!fullYear) return rng.chance(0.5) ? [1, 3] : [1, 2, 3];
  return rng.pick([
    [1, 3, 4, 5],
    [1, 2, 3, 4, 5],
    [1, 2, 3, 4, 5, 6],
  ]);
}

export async function seedSheet(db: Db, rng: Rng, team: DemoTeam, sessions: DemoSession[], stages: number[], evidence: Evidence) {
  const study = (n: number) => sessions.find((s) => s.kind === 'study' && s.number === n);
  const versions: VersionInput[] = stages.map((stage) => {
    const session = study(Math.min(stage + 1, 6));
    const day = session ? addDays(session.startsOn, stage === 6 ? 20 : -6) : `${team.fiscalYear}-05-01`;
    return {
      content: sheetContent(team.place, stage, evidence),
      message: messages[stage] ?? '',
      tag: tags[stage] ?? '',
      sessionId: tags[stage] && stage !== 6 ? (session?.id ?? null) : null,
      authorUserId: team.userId,
      createdAt: tokyoTime(day, rng.pick(['12:30', '18:40', '21:10'])),
    };
  });
  return createSheetWithVersions(db, { teamId: team.id, versions });
}

type CommentPlan = { authorUserId: number; section: SheetSectionKey; body: string; resolved: boolean };

const organizerComments: readonly (readonly [SheetSectionKey, string])[] = [
  ['focusInitiatives', '重点取組が多すぎませんか。本当にやりたいことに絞り込んでみましょう。'],
  ['currentState', 'この現状認識の根拠は何でしょう。アンケートやインタビューの声を添えると説得力が増します。'],
  ['idealIn10Years', '10年後の姿が「役所の都合」になっていないか、生活者の目線で見直してみてください。'],
  ['actionPlan', '「まず取り組む」は来週からできることになっていますか。小さく始めましょう。'],
  ['scenario', '人事課長と話してみましたか。オフィシャルのルートも描いておくと強いです。'],
  ['oneYearGoal', '1年後の状態が測れる形になっているとよいですね。'],
];

/** Comments on a sheet's sections; resolved ones were answered by a later version. */
export async function seedComments(db: Db, rng: Rng, team: DemoTeam, sheet: Awaited<ReturnType<typeof seedSheet>>, plans: CommentPlan[]) {
  for (const plan of plans) {
    const on = rng.pick(plan.resolved ? sheet.versions.slice(0, -1) : sheet.versions) ?? sheet.versions[0]!;
    const createdAt = new Date(on.createdAt.getTime() + rng.int(1, 3) * 86_400_000);
    await createSheetComment(db, {
      sheetId: sheet.id,
      teamId: team.id,
      section: plan.section,
      version: on.version,
      body: plan.body,
      authorUserId: plan.authorUserId,
      createdAt,
      resolvedAt: plan.resolved ? new Date(createdAt.getTime() + 7 * 86_400_000) : null,
      resolvedByUserId: plan.resolved ? team.userId : null,
    });
  }
}

export function organizerCommentPlans(rng: Rng, authorUserId: number, count: number, resolvedShare: number): CommentPlan[] {
  return rng.sample(organizerComments, count).map(([section, body]) => ({ authorUserId, section, body, resolved: rng.chance(resolvedShare) }));
}
