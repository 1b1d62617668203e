import { describe, expect, it } from 'vitest';
import type { PaperDraft } from '~/domain/paper';
import { emptySheet } from '~/domain/sheet';
import { isPng, readDocx } from '../../tests/docx';
import { buildPaperDocx, paperFileName } from './paper-docx.server';

// The .docx from a draft with surveys (the surveys branch supplies them from the database; here they are given),
// read back with fflate and fast-xml-parser: each chosen survey with its questions, shares, charts and quoted answers.

const survey = (id: number, title: string, included: boolean): PaperDraft['surveys'][number] => ({
  id,
  title,
  heldOn: '2026-06-01',
  heldUntil: '2026-06-14',
  audience: '全職員',
  respondents: 50,
  visibility: 'program',
  included,
  questions: [
    {
      id: id * 10 + 1,
      position: 1,
      text: '市役所について満足していますか？',
      kind: 'yes_no',
      options: [
        { label: 'はい', count: 8, percent: 16 },
        { label: 'いいえ', count: 42, percent: 84 },
      ],
      quotedAnswers: [],
    },
    { id: id * 10 + 2, position: 2, text: 'その理由', kind: 'free_text', options: [], quotedAnswers: ['相談できる人がいない\u0007'] },
    {
      id: id * 10 + 3,
      position: 3,
      text: '参加したい場（いくつでも）',
      kind: 'multiple',
      options: [
        { label: '対話会', count: 30, percent: 60 },
        { label: '勉強会', count: 40, percent: 80 },
      ],
      quotedAnswers: [],
    },
  ],
});

const draft: PaperDraft = {
  team: { id: 1, municipalityName: '甲府市', prefecture: '山梨県', fiscalYear: 2026, generation: 3 },
  members: [{ fullName: '山田 花子', department: '総務部', section: '人事課' }],
  theme: '地域のための人・組織づくり',
  organizers: [],
  sessions: [],
  texts: { aboutMunicipality: '', findings: '' },
  months: [],
  totals: { byKind: [{ kind: 'meeting', label: 'ミーティング', count: 2, minutes: 120 }], total: { count: 2, minutes: 120 } },
  moyamoya: [{ sessionId: 1, name: '第1回研究会', startsOn: '2026-04-24', level: 80, reflection: '手探り', included: true }],
  chains: [],
  surveys: [survey(1, '全職員アンケート', true), survey(2, '選ばれていないアンケート', false)],
  interviews: [],
  details: [],
  sheet: { version: 2, tag: '', savedAt: '2026-11-01T00:00:00.000Z', content: emptySheet() },
  nonProgram: [],
  missing: [],
  version: 1,
};

describe('the joint paper as .docx', () => {
  it('writes each chosen survey: its facts, every question with its shares and chart, the quoted answers', async () => {
    const doc = readDocx(await buildPaperDocx(draft));
    expect(doc.invalidParts).toEqual([]);
    expect(doc.missingTargets).toEqual([]);
    const text = doc.paragraphs.map((p) => p.text);
    expect(doc.headings).toContainEqual([3, '全職員アンケート']);
    expect(text).toContain('実施：令和8年6月1日〜14日　対象：全職員　回答数：50件');
    expect(text).toContain('Q1．市役所について満足していますか？（はい:16%/いいえ:84%）');
    expect(text).toContain('・「相談できる人がいない」');
    expect(doc.tables).toContainEqual([
      ['選択肢', '割合'],
      ['はい', '16%（8件）'],
      ['いいえ', '84%（42件）'],
    ]);
    expect(doc.text('word/document.xml')).not.toContain('選ばれていないアンケート');
    // The hours, the モヤモヤ curve, and the two questions that have options.
    const media = doc.names.filter((n) => n.startsWith('word/media/'));
    expect(media).toHaveLength(4);
    for (const name of media) expect(isPng(doc.files[name]!)).toBe(true);
  });

  it('names the file in Japanese', () => {
    expect(paperFileName(draft)).toBe('甲府市_令和8年度_共同論文（草稿）.docx');
  });
});
