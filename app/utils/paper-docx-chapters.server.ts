import { paperChapters, paperGaps, monthTable, program, questionSummary, shareText, withheldWords, type PaperDraft } from '~/domain/paper';
import { sheetSections, type SheetContent, type SheetItem } from '~/domain/sheet';
import { formatEraDatePlain, formatEraSpanPlain, formatFiscalYear } from './dates';
import { counted, hours } from './format';
import type { Block, Kit } from './paper-docx-kit.server';
import type { Png } from './paper-png.server';

// The chapters of the joint paper's .docx, in the order the published papers use (DOMAIN.md, "The joint paper").
// Each takes the draft as the page previews it (app/domain/paper.ts) and says in place what is missing.

export type Charts = { kinds: Png | null; moyamoya: Png | null; questions: Map<number, Png> };

export function introduction(k: Kit, draft: PaperDraft): Block[] {
  const out: Block[] = [k.heading(paperChapters[0], 1), k.heading('部会の概要', 2)];
  out.push(
    k.table(
      ['項目', '内容'],
      [
        ['研究会名', program.name],
        ['目的（統一テーマ）', draft.theme ?? `${formatFiscalYear(draft.team.fiscalYear)}の統一テーマはまだ登録されていません`],
        ['主催', program.host],
      ],
      [1, 3],
    ),
  );
  out.push(k.label('運営メンバー'));
  if (draft.organizers.length === 0) out.push(k.gap('運営メンバーがまだ登録されていません'));
  for (const group of draft.organizers) {
    out.push(k.bullet(`${group.role}：${group.people.map((p) => (p.affiliation ? `${p.name}（${p.affiliation}）` : p.name)).join('、')}`));
  }
  out.push(k.label(`${formatFiscalYear(draft.team.fiscalYear)}の研究会`));
  const studies = draft.sessions.filter((s) => s.kind === 'study');
  if (studies.length === 0) out.push(k.gap(paperGaps.sessions));
  else
    out.push(
      k.table(
        ['回', '期日', '開催地', 'テーマ'],
        studies.map((s) => [`第${s.number}回`, formatEraSpanPlain(s.startsOn, s.endsOn), s.place || '—', s.agenda || '—']),
        [1.2, 4.2, 2.4, 4],
      ),
    );
  out.push(k.label('3つの考え方'));
  for (const [name, meaning] of program.principles) out.push(k.bullet(`${name}：${meaning}`));
  out.push(k.label('4つのキーワード'));
  for (const [name, meaning] of program.keywords) out.push(k.bullet(`${name}：${meaning}`));
  out.push(k.heading(`${draft.team.municipalityName}について`, 2));
  if (draft.texts.aboutMunicipality.trim()) out.push(...k.lines(draft.texts.aboutMunicipality));
  else out.push(k.gap(paperGaps.aboutMunicipality));
  return out;
}

export function digest(k: Kit, draft: PaperDraft, charts: Charts): Block[] {
  const out: Block[] = [k.heading(paperChapters[1], 1), k.heading('月ごとの主な活動', 2)];
  const months = monthTable(draft.months);
  if (months.length === 0) out.push(k.gap(paperGaps.activities));
  else
    out.push(
      k.table(
        ['月', '主な活動'],
        months.map((m) => [m.label, m.entries.join('\n')]),
        [1, 6],
      ),
    );

  out.push(k.heading('1年間の活動回数・時間', 2));
  if (draft.totals.total.count === 0) out.push(k.gap(paperGaps.activities));
  else {
    out.push(
      k.table(
        ['種別', '回数', '時間'],
        draft.totals.byKind.map((r) => [r.label, counted(r.count, '回'), hours(r.minutes)]),
        [3, 1, 1],
        [1, 2],
        ['合計', counted(draft.totals.total.count, '回'), hours(draft.totals.total.minutes)],
      ),
    );
    if (charts.kinds) out.push(k.chart(charts.kinds, '種別ごとの活動時間のグラフ'));
  }

  out.push(k.heading('モヤモヤ指数の推移', 2));
  if (draft.moyamoya.length === 0) out.push(k.gap(paperGaps.moyamoya));
  else {
    if (charts.moyamoya) out.push(k.chart(charts.moyamoya, 'チームのモヤモヤ指数の推移のグラフ'));
    out.push(
      k.table(
        ['研究会', '時期', 'モヤモヤ指数', 'この頃の自分たち'],
        draft.moyamoya.map((m) => [m.name, formatEraDatePlain(m.startsOn), `${m.level}%`, m.included ? m.reflection : '']),
        [2.6, 2.8, 1.6, 5],
        [2],
      ),
    );
  }

  out.push(k.heading('見出した成果', 2));
  if (draft.texts.findings.trim()) out.push(...k.lines(draft.texts.findings));
  else out.push(k.gap(paperGaps.findings));

  out.push(k.heading('創り出した変化', 2));
  const chains = draft.chains.filter((c) => c.included);
  if (draft.chains.length === 0) out.push(k.gap(paperGaps.chains));
  else if (chains.length === 0) out.push(k.gap('論文に載せる創り出した変化は選ばれていません'));
  for (const chain of chains) {
    out.push(k.heading(chain.title, 3));
    if (chain.moments.length) {
      out.push(
        k.table(
          ['段階', '日付', 'できごと'],
          chain.moments.map((m) => [m.stage, formatEraDatePlain(m.occurredOn), m.description]),
          [1, 2, 5],
        ),
      );
    }
    if (chain.reflection.trim()) out.push(k.label('考察'), ...k.lines(chain.reflection));
    if (chain.step) out.push(k.p(`共創のステップ：${chain.step}`));
  }

  out.push(k.heading('アンケート結果', 2));
  const surveys = draft.surveys.filter((s) => s.included);
  if (surveys.length === 0) out.push(k.gap('論文に載せるアンケート結果は選ばれていません'));
  for (const survey of surveys) {
    out.push(k.heading(survey.title, 3));
    out.push(
      k.p(
        `実施：${formatEraSpanPlain(survey.heldOn, survey.heldUntil)}　対象：${survey.audience || '—'}　回答数：${survey.respondents === null ? '—' : counted(survey.respondents, '件')}`,
      ),
    );
    for (const [i, q] of [...survey.questions].sort((a, b) => a.position - b.position).entries()) {
      out.push(k.p(`Q${i + 1}．${q.text}${questionSummary(q)}`, { bold: true }));
      const png = charts.questions.get(q.id);
      if (png) out.push(k.chart(png, `${q.text} の回答の割合のグラフ`));
      if (q.kind !== 'free_text' && q.options.length)
        out.push(
          k.table(
            ['選択肢', '割合'],
            q.options.map((o) => [o.label, shareText(o)]),
            [4, 2],
            [1],
          ),
        );
      if (q.quotedAnswers.length) {
        out.push(k.label('主な回答'));
        for (const answer of q.quotedAnswers) out.push(k.bullet(`「${answer}」`));
      }
    }
  }
  return out;
}

export function details(k: Kit, draft: PaperDraft): Block[] {
  const out: Block[] = [k.heading(paperChapters[2], 1)];
  if (draft.details.length === 0) out.push(k.gap('研究会・フォローアップ・対話自治体・インタビュー・報告の記録がまだありません'));
  for (const section of draft.details) {
    out.push(k.heading(section.heading, 2));
    if (section.person) out.push(k.p(`相手：${section.person}`));
    if (section.withheld) {
      out.push(k.gap(withheldWords[section.withheld]));
      continue;
    }
    if (section.purpose) out.push(k.p(`目的：${section.purpose}`));
    out.push(k.label('【内容】'));
    if (section.content.length) out.push(...section.content.map(k.bullet));
    else out.push(k.gap('記録がありません'));
    out.push(k.label('【「モヤモヤ」と「気付き」】'));
    if (section.reflections.length) out.push(...section.reflections.map(k.bullet));
    else out.push(k.gap('記録がありません'));
    if (section.homework.length) out.push(k.label('【宿題】'), ...section.homework.map(k.bullet));
  }
  return out;
}

const items = (k: Kit, list: SheetItem[]) => (list.length ? list.map((i) => k.bullet(i.text)) : [k.gap('記載なし')]);
const text = (k: Kit, value: string) => (value.trim() ? k.lines(value) : [k.gap('記載なし')]);

export function outlook(k: Kit, draft: PaperDraft): Block[] {
  const out: Block[] = [k.heading(paperChapters[3], 1)];
  if (!draft.sheet) return [...out, k.gap(paperGaps.sheet)];
  const c = draft.sheet.content;
  out.push(k.p(`変革ストーリーシート 第${draft.sheet.version}版${draft.sheet.tag ? `（${draft.sheet.tag}）` : ''}から`, { muted: true }));
  out.push(k.heading('10年後のありたい姿', 2), ...text(k, c.idealIn10Years));
  out.push(k.heading('目指す組織・職員像', 2), ...text(k, c.targetOrganization));
  out.push(k.heading('1年後に目指す状態', 2), ...text(k, c.oneYearGoal));
  out.push(
    k.heading('取組シナリオ', 2),
    k.label('オフィシャルルート'),
    ...text(k, c.scenario.official),
    k.label('オフサイトルート'),
    ...text(k, c.scenario.offsite),
  );
  out.push(k.heading('アクションプラン', 2), ...actionPlan(k, c));
  return out;
}

function actionPlan(k: Kit, c: SheetContent): Block[] {
  return [
    k.label('まず取り組む'),
    ...items(k, c.actionPlan.first),
    k.label('次に取り組む'),
    ...items(k, c.actionPlan.next),
    k.label('さらに取り組む'),
    ...items(k, c.actionPlan.further),
  ];
}

export function appendix(k: Kit, draft: PaperDraft): Block[] {
  const out: Block[] = [k.heading(paperChapters[4], 1)];
  if (!draft.sheet) return [...out, k.gap(paperGaps.sheet)];
  const c = draft.sheet.content;
  out.push(k.heading(`変革ストーリーシート（第${draft.sheet.version}版${draft.sheet.tag ? `・${draft.sheet.tag}` : ''}）`, 2));
  for (const [key, title] of sheetSections) {
    out.push(k.heading(title, 3));
    if (key === 'focusInitiatives') out.push(...items(k, c.focusInitiatives));
    else if (key === 'actionPlan') out.push(...actionPlan(k, c));
    else if (key === 'scenario')
      out.push(k.label('オフィシャルルート'), ...text(k, c.scenario.official), k.label('オフサイトルート'), ...text(k, c.scenario.offsite));
    else if (key === 'keywords')
      for (const [name, value] of [
        ['立ち位置を変える', c.keywords.standpoint],
        ['価値前提で考える', c.keywords.valueBased],
        ['一人称で捉え語る', c.keywords.firstPerson],
        ['ドミナントロジックを転換する', c.keywords.dominantLogic],
      ] as const)
        out.push(k.label(name), ...text(k, value));
    else out.push(...text(k, c[key]));
  }
  return out;
}
