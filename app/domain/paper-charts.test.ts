import { Resvg } from '@resvg/resvg-js';
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { kindColor, lineColor, seriesColors } from '~/components/charts/palette';
import { fontOptions, renderPngs } from '~/utils/paper-png.server';
import { isPng } from '../../tests/docx';
import { chartOptionLimit, kindsChart, moyamoyaChart, surveyQuestionChart, svgText } from './paper-charts';
import type { PaperSurvey } from './paper-survey';

// The joint paper's charts (issue 18): SVG drawn with the screen's palette, and PNG drawn by resvg with the font the
// app ships, never a system font, so Japanese labels read the same on a fresh server.

type Question = PaperSurvey['questions'][number];
const question = (kind: Question['kind'], options: Question['options']): Question => ({
  id: 1,
  position: 1,
  text: '満足していますか？',
  kind,
  options,
  quotedAnswers: [],
});

/** Dark pixels of an SVG as resvg draws it with the shipped font. */
function inked(svg: string) {
  const pixels = new Resvg(svg, { font: fontOptions }).render().pixels;
  let dark = 0;
  for (let i = 0; i < pixels.length; i += 4) if (pixels[i]! < 128 && pixels[i + 3]! > 0) dark++;
  return dark;
}

describe('paper charts', () => {
  it('draws the hours per kind in the kinds’ colours, and the team’s モヤモヤ as the screen does', () => {
    const kinds = kindsChart([
      { kind: 'meeting', label: 'ミーティング', count: 10, minutes: 600 },
      { kind: 'interview', label: 'キーパーソンインタビュー', count: 3, minutes: 180 },
    ]);
    expect(kinds.svg).toContain(`fill="${kindColor.meeting}"`);
    expect(kinds.svg).toContain(`fill="${kindColor.interview}"`);
    expect(kinds.svg).toContain('10時間（10回）');
    const curve = moyamoyaChart(2026, [
      { date: '2026-04-24', level: 80, label: '第1回' },
      { date: '2026-07-22', level: 60, label: '第3回' },
    ]);
    expect(curve.svg).toContain(`stroke="${lineColor.team}"`);
    expect(curve.svg).toContain('4月');
    expect(curve.svg).toContain('第3回');
    for (const svg of [kinds.svg, curve.svg]) expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('draws a question as one 100 % bar, or a bar per option for multiple choice, and nothing for free text', () => {
    const yesNo = surveyQuestionChart(
      question('yes_no', [
        { label: 'はい', count: 8, percent: 16 },
        { label: 'いいえ', count: 42, percent: 84 },
      ]),
    )!;
    expect(yesNo.svg).toContain(`fill="${seriesColors[0]}"`);
    expect(yesNo.svg).toContain('いいえ 84%');
    const multiple = surveyQuestionChart(
      question('multiple', [
        { label: 'A', count: 30, percent: 60 },
        { label: 'B', count: 40, percent: 80 },
      ]),
    )!;
    expect(multiple.svg).toContain('80%');
    expect(surveyQuestionChart(question('free_text', []))).toBeNull();
  });

  it('keeps a hostile or huge question drawable: escaped text, no control characters, at most a dozen options', () => {
    expect(svgText('<script>&"\'\u0000\u001B')).toBe('&lt;script&gt;&amp;&quot;&#39;');
    const many = surveyQuestionChart(
      question(
        'single',
        Array.from({ length: 500 }, (_, i) => ({ label: `選択肢${i}</text>`, count: 1, percent: 0.2 })),
      ),
    )!;
    expect(XMLValidator.validate(many.svg)).toBe(true);
    expect(many.svg.match(/<rect /g)!.length).toBeLessThanOrEqual(1 + chartOptionLimit * 2);
    expect(many.svg).toContain(`ほか${500 - chartOptionLimit}件の選択肢は表をご覧ください`);
  });

  it('draws Japanese with the shipped Noto Sans JP alone (no system font), and writes PNG', async () => {
    const text = (words: string) =>
      `<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><rect width="200" height="40" fill="#fff"/><text x="4" y="28" font-size="24" font-family="Noto Sans JP">${words}</text></svg>`;
    expect(inked(text(''))).toBe(0);
    expect(inked(text('活動時間'))).toBeGreaterThan(200);
    const [png] = await renderPngs([{ svg: text('モヤモヤ指数'), width: 200, height: 40 }]);
    expect(isPng(png!.data)).toBe(true);
    expect([png!.width, png!.height]).toEqual([400, 80]);
  });
});
