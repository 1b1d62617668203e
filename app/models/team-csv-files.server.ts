import { changeStages, coCreationSteps, homeworkStatuses, intervieweeRoles, surveyQuestionKinds, visibilities } from '~/domain/codes';
import { sessionName } from '~/domain/moyamoya';
import { writeCsv } from '~/utils/csv-export.server';
import type { TeamAccess } from '~/utils/permissions';
import { exportActivitiesCsv } from './activity-csv.server';
import { listChanges } from './changes.server';
import { exportInterviews } from './interviews.server';
import { listMemberCheckins, listTeamMoyamoya } from './moyamoya.server';
import { getSurvey } from './surveys.server';

// Every CSV file of a team (docs/csv.md), as one viewer may read it: the individual downloads and the team's
// 「チームの記録一式」 zip both take their files from here, so the two cannot differ by a byte. The caller has
// checked the route's need; each file reads only what `access` opens.

export type CsvFile = { name: string; asciiName: string; body: string };
type Team = { id: number; municipalityName: string; fiscalYear: number };
type Access = Pick<TeamAccess, 'interviewVisibilities' | 'kinds'>;

export const interviewCsvHeader = ['実施日', '相手', '相手の立場', '公開範囲', '所要時間（分）', '目的', '質問', '内容', '気付き', 'モヤモヤ', '宿題'] as const;
export const homeworkCsvHeader = ['実施日', '相手', '相手の立場', '公開範囲', '宿題', '期限', '状況', '対応'] as const;
export const moyamoyaCsvHeader = ['区分', '日付', '研究会', 'メンバー', 'モヤモヤ指数', 'ひとこと・この頃の自分たち'] as const;
export const changesCsvHeader = ['変化', '共創の段階', '段階', '日付', 'できごと', '考察'] as const;
export const surveyResultsCsvHeader = ['質問番号', '質問', '形式', '回答した人数', '選択肢・回答', '件数', '割合（％）', '引用'] as const;

export async function activitiesCsvFile(team: Team, access: Access): Promise<CsvFile> {
  return {
    name: `${team.municipalityName}チーム_${team.fiscalYear}年度_活動記録.csv`,
    asciiName: `activities-${team.id}-${team.fiscalYear}.csv`,
    body: await exportActivitiesCsv(team.id, access.interviewVisibilities),
  };
}

/** One row per interview the viewer may read; its 宿題 in one cell, one a line. */
export async function interviewsCsvFile(team: Team, access: Access): Promise<CsvFile> {
  const rows = await exportInterviews(team.id, access.interviewVisibilities);
  return {
    name: `${team.municipalityName}_キーパーソンインタビュー_${team.fiscalYear}年度.csv`,
    asciiName: `interviews-${team.id}-${team.fiscalYear}.csv`,
    body: writeCsv(
      interviewCsvHeader,
      rows.map((i) => [
        i.interviewedOn,
        i.interviewee,
        intervieweeRoles.label[i.roleCategory],
        visibilities.label[i.visibility],
        i.durationMinutes ?? '',
        i.purpose,
        i.questions,
        i.content,
        i.insights,
        i.unease,
        i.homework
          .map((h) => `【${homeworkStatuses.label[h.status]}】${h.body}${h.dueOn ? `（期限 ${h.dueOn}）` : ''}${h.followUp ? ` 対応: ${h.followUp}` : ''}`)
          .join('\n'),
      ]),
    ),
  };
}

/** One row per 宿題 of the interviews the viewer may read, in the interviews' order: a list to tick off in Excel. */
export async function homeworkCsvFile(team: Team, access: Access): Promise<CsvFile> {
  const rows = await exportInterviews(team.id, access.interviewVisibilities);
  return {
    name: `${team.municipalityName}_宿題_${team.fiscalYear}年度.csv`,
    asciiName: `homework-${team.id}-${team.fiscalYear}.csv`,
    body: writeCsv(
      homeworkCsvHeader,
      rows.flatMap((i) =>
        i.homework.map((h) => [
          i.interviewedOn,
          i.interviewee,
          intervieweeRoles.label[i.roleCategory],
          visibilities.label[i.visibility],
          h.body,
          h.dueOn ?? '',
          homeworkStatuses.label[h.status],
          h.followUp,
        ]),
      ),
    ),
  };
}

/** The team's figures first, then members' own figures when this viewer may see them (the same query as the page). */
export async function moyamoyaCsvFile(team: Team, access: Access): Promise<CsvFile> {
  const [teamEntries, checkins] = await Promise.all([listTeamMoyamoya(team.id), listMemberCheckins(team.id, { asMember: access.kinds.includes('member') })]);
  return {
    name: `${team.municipalityName}_モヤモヤ指数_${team.fiscalYear}年度.csv`,
    asciiName: `moyamoya-${team.id}-${team.fiscalYear}.csv`,
    body: writeCsv(moyamoyaCsvHeader, [
      ...teamEntries.map((e) => ['チーム', e.startsOn, sessionName(e.sessionKind, e.sessionNumber), '', e.level, e.reflection]),
      ...[...checkins].reverse().map((c) => ['メンバー', c.checkedOn, '', c.fullName, c.level, c.note]),
    ]),
  };
}

/** 創り出した変化: one row per moment (きっかけ → 転機 → 変化), oldest chain first; a chain without moments is one row. */
export async function changesCsvFile(team: Team): Promise<CsvFile> {
  const chains = (await listChanges(team.id)).sort((a, b) => a.id - b.id);
  return {
    name: `${team.municipalityName}_創り出した変化_${team.fiscalYear}年度.csv`,
    asciiName: `changes-${team.id}-${team.fiscalYear}.csv`,
    body: writeCsv(
      changesCsvHeader,
      chains.flatMap((c) => {
        const step = c.coCreationStep ? coCreationSteps.label[c.coCreationStep] : '';
        if (c.moments.length === 0) return [[c.title, step, '', '', '', c.reflection]];
        return c.moments.map((m) => [c.title, step, changeStages.label[m.stage], m.occurredOn, m.description, c.reflection]);
      }),
    ),
  };
}

/** One survey the viewer may read: one row per option of a choice question, one per answer of a free-text one. */
export async function surveyResultsCsvFile(team: Team, surveyId: number, access: Access): Promise<CsvFile | undefined> {
  const survey = await getSurvey(team.id, surveyId, access.interviewVisibilities);
  if (!survey) return undefined;
  const rows = survey.questions.flatMap((q) => {
    const head = [`Q${q.position + 1}`, q.text, surveyQuestionKinds.label[q.kind], q.answered ?? ''] as const;
    return q.kind === 'free_text'
      ? q.answers.map((a) => [...head, a.body, '', '', a.quoted ? '○' : ''])
      : q.options.map((o) => [...head, o.label, o.count ?? '', o.percent, '']);
  });
  return {
    name: `${team.municipalityName}_${survey.title}_集計結果.csv`,
    asciiName: `survey-${survey.id}-results.csv`,
    body: writeCsv(surveyResultsCsvHeader, rows),
  };
}
