import { and, asc, eq } from 'drizzle-orm';
import { createPaperDraft } from '../../tests/factories';
import type { Db } from '../client';
import { interviews } from '../schema';
import { findTeam, type DemoRoster } from './roster';

// 共同論文の草稿 (issue 18): 甲府市's teams have begun theirs. This year's team has ticked one interview kept to the
// team, so its page lists it before the download (「公開範囲がチーム内のみの記録を含みます」). No random draws:
// the rest of the demo stays as it was.

const about = (name: string) =>
  `${name}は県庁所在地として、県内の行政・経済の中心を担っています。人口減少と職員の年齢構成の偏りが進むなか、人材育成基本方針の見直しが課題になっています。\nこれまでに延べ10名を超える職員が部会に参加し、マネ友の会が次の期のチームを支えています。`;

export async function seedPapers(db: Db, roster: DemoRoster) {
  const plans = [
    {
      year: 2026,
      findings: '対話 ＝ 聴く × 話す。\n正解を探すより、問いを持ち続けることが組織を動かす。',
      pick: 'team' as const,
    },
    {
      year: 2025,
      findings: '一人称で語ると、相手も一人称で応えてくれる。\n小さく始めて、見える形にすることが共感を広げる。',
      pick: 'program' as const,
    },
  ];
  for (const plan of plans) {
    const team = findTeam(roster, '甲府市', plan.year);
    const [ticked] = await db
      .select({ id: interviews.id })
      .from(interviews)
      .where(and(eq(interviews.teamId, team.id), eq(interviews.visibility, plan.pick)))
      .orderBy(asc(interviews.interviewedOn), asc(interviews.id))
      .limit(1);
    await createPaperDraft(db, {
      teamId: team.id,
      aboutMunicipality: about(team.place.name),
      findings: plan.findings,
      interviewIds: ticked ? [ticked.id] : [],
      authorUserId: team.userId,
    });
  }
}
