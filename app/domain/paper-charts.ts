import { dashes, kindColor, lineColor, seriesColors } from '~/components/charts/palette';
import { dayOfYear, monthTicks } from '~/components/charts/geometry';
import type { ActivityKind } from './codes';
import type { PaperDraft } from './paper';
import type { PaperSurvey } from './paper-survey';

// The joint paper's charts as SVG (docs/decisions/0023): drawn here, with the screen's palette, and turned into
// PNG on the server (app/utils/paper-png.server.ts) with the Noto Sans JP font the app ships, so Japanese labels
// read the same on any machine. Pure functions of their data: a test can read what is drawn.

export type Svg = { svg: string; width: number; height: number };

const font = `font-family="Noto Sans JP" fill="#1a1a1c"`;
const oneDecimal = new Intl.NumberFormat('ja-JP', { maximumFractionDigits: 1 });

/** Text as SVG holds it: escaped, without the control characters XML refuses, at most `max` characters. */
export function svgText(text: string, max = 60): string {
  // eslint-disable-next-line no-control-regex -- XML 1.0 refuses these; a survey file may carry them
  const clean = text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '').replace(/\s+/g, ' ');
  const short = [...clean].length > max ? `${[...clean].slice(0, max - 1).join('')}…` : clean;
  return short.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

/** About how wide a text is drawn at `size`: full-width characters one em, others a little over half. */
function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) em += /[\u0020-\u007E\uFF61-\uFF9F]/.test(ch) ? 0.58 : 1;
  return em * size;
}

function wrap(width: number, height: number, body: string[]): Svg {
  return {
    svg: `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}"><rect width="${width}" height="${height}" fill="#ffffff"/>${body.join('')}</svg>`,
    width,
    height,
  };
}

/** 1年間の活動時間: one horizontal bar of hours per kind, in the kinds' colours, with hours and count at its end. */
export function kindsChart(rows: { kind: ActivityKind; label: string; count: number; minutes: number }[]): Svg {
  const width = 800;
  const size = 15;
  const labelWidth = Math.min(260, Math.max(80, ...rows.map((r) => textWidth(r.label, size)))) + 16;
  const barHeight = 22;
  const gap = 10;
  const top = 12;
  const plotWidth = width - labelWidth - 150;
  const max = Math.max(1, ...rows.map((r) => r.minutes / 60));
  const height = top + rows.length * (barHeight + gap) + 40;
  const body = rows.flatMap((r, i) => {
    const y = top + i * (barHeight + gap);
    const w = Math.max(1, ((r.minutes / 60) * plotWidth) / max);
    return [
      `<text x="${labelWidth - 8}" y="${y + barHeight * 0.75}" font-size="${size}" text-anchor="end" ${font}>${svgText(r.label, 18)}</text>`,
      `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="${barHeight}" fill="${kindColor[r.kind]}"/>`,
      `<text x="${(labelWidth + w + 6).toFixed(1)}" y="${y + barHeight * 0.75}" font-size="${size - 1}" ${font}>${oneDecimal.format(r.minutes / 60)}時間（${r.count}回）</text>`,
    ];
  });
  const axisY = top + rows.length * (barHeight + gap);
  body.push(
    `<line x1="${labelWidth}" y1="${top - 4}" x2="${labelWidth}" y2="${axisY}" stroke="#555" stroke-width="1"/>`,
    `<text x="${labelWidth + plotWidth / 2}" y="${axisY + 26}" font-size="${size - 1}" text-anchor="middle" ${font}>活動時間（時間）</text>`,
  );
  return wrap(width, height, body);
}

/** モヤモヤ指数の推移: the team's figure at each session over the fiscal year, 0–100%, the sessions marked. */
export function moyamoyaChart(fiscalYear: number, points: { date: string; level: number; label: string }[]): Svg {
  const width = 800;
  const height = 340;
  const left = 64;
  const right = 20;
  const top = 16;
  const bottom = 64;
  const plotW = width - left - right;
  const plotH = height - top - bottom;
  const days = dayOfYear(fiscalYear, `${fiscalYear + 1}-03-31`);
  const x = (iso: string) => left + (Math.min(Math.max(dayOfYear(fiscalYear, iso), 0), days) / days) * plotW;
  const y = (level: number) => top + plotH - (Math.min(Math.max(level, 0), 100) / 100) * plotH;
  const body: string[] = [];
  for (const level of [0, 25, 50, 75, 100]) {
    body.push(
      `<line x1="${left}" y1="${y(level)}" x2="${width - right}" y2="${y(level)}" stroke="#dddddd" stroke-width="1"/>`,
      `<text x="${left - 8}" y="${y(level) + 5}" font-size="13" text-anchor="end" ${font}>${level}%</text>`,
    );
  }
  for (const tick of monthTicks(fiscalYear)) {
    const tx = left + (tick.value / days) * plotW;
    body.push(`<text x="${tx.toFixed(1)}" y="${top + plotH + 20}" font-size="13" text-anchor="middle" ${font}>${tick.label}</text>`);
  }
  for (const p of points) {
    const px = x(p.date).toFixed(1);
    body.push(
      `<line x1="${px}" y1="${top}" x2="${px}" y2="${top + plotH}" stroke="${lineColor.session}" stroke-width="1" stroke-dasharray="${dashes[1]!.join(' ')}"/>`,
      `<text x="${px}" y="${top + plotH + 40}" font-size="12" text-anchor="middle" ${font}>${svgText(p.label, 12)}</text>`,
    );
  }
  const path = points.map((p, i) => `${i === 0 ? 'M' : 'L'}${x(p.date).toFixed(1)},${y(p.level).toFixed(1)}`).join(' ');
  if (points.length > 1) body.push(`<path d="${path}" fill="none" stroke="${lineColor.team}" stroke-width="3"/>`);
  for (const p of points) {
    const px = x(p.date);
    const py = y(p.level);
    // The screen draws the team's figure as a diamond (pointStyle rectRot).
    body.push(
      `<path d="M${px.toFixed(1)},${(py - 6).toFixed(1)} L${(px + 6).toFixed(1)},${py.toFixed(1)} L${px.toFixed(1)},${(py + 6).toFixed(1)} L${(px - 6).toFixed(1)},${py.toFixed(1)} Z" fill="${lineColor.team}"/>`,
      `<text x="${(px + 8).toFixed(1)}" y="${(py - 8).toFixed(1)}" font-size="13" ${font}>${p.level}%</text>`,
    );
  }
  body.push(
    `<line x1="${left}" y1="${top + plotH}" x2="${width - right}" y2="${top + plotH}" stroke="#555" stroke-width="1"/>`,
    `<text x="16" y="${top + plotH / 2}" font-size="13" text-anchor="middle" transform="rotate(-90 16 ${top + plotH / 2})" ${font}>モヤモヤ指数（％）</text>`,
  );
  return wrap(width, height, body);
}

/** Whether white reads better than black on this colour (WCAG relative luminance). */
function dark(hex: string): boolean {
  const [r, g, b] = [1, 3, 5].map((i) => {
    const c = parseInt(hex.slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r! + 0.7152 * g! + 0.0722 * b! < 0.18;
}

/** Options a chart draws; the rest are in the table beside it. */
export const chartOptionLimit = 12;

/**
 * One survey question: a horizontal 100 % bar of its options (yes/no, single choice, scale), or one bar per option
 * on a 0–100 % scale for multiple choice (its shares may add up to more than 100). Null for free text.
 */
export function surveyQuestionChart(question: PaperSurvey['questions'][number]): Svg | null {
  if (question.kind === 'free_text' || question.options.length === 0) return null;
  const shown = question.options.slice(0, chartOptionLimit);
  const rest = question.options.length - shown.length;
  const width = 800;
  const color = (i: number) => seriesColors[i % seriesColors.length]!;
  const note = rest > 0 ? [`<text x="16" y="__NOTE__" font-size="13" ${font}>ほか${rest}件の選択肢は表をご覧ください</text>`] : [];
  if (question.kind === 'multiple') {
    const size = 14;
    const labelWidth = Math.min(300, Math.max(80, ...shown.map((o) => textWidth(svgText(o.label, 20), size)))) + 16;
    const plotW = width - labelWidth - 90;
    const rowH = 30;
    const body = shown.flatMap((o, i) => {
      const y = 10 + i * rowH;
      const w = (Math.min(Math.max(o.percent, 0), 100) / 100) * plotW;
      return [
        `<text x="${labelWidth - 8}" y="${y + 16}" font-size="${size}" text-anchor="end" ${font}>${svgText(o.label, 20)}</text>`,
        `<rect x="${labelWidth}" y="${y}" width="${plotW}" height="22" fill="#f2f2f2"/>`,
        `<rect x="${labelWidth}" y="${y}" width="${w.toFixed(1)}" height="22" fill="${color(i)}"/>`,
        `<text x="${(labelWidth + plotW + 8).toFixed(1)}" y="${y + 16}" font-size="${size}" ${font}>${oneDecimal.format(o.percent)}%</text>`,
      ];
    });
    const height = 10 + shown.length * rowH + (note.length ? 28 : 8);
    return wrap(width, height, [...body, ...note.map((n) => n.replace('__NOTE__', String(height - 10)))]);
  }
  const total = shown.reduce((sum, o) => sum + Math.max(o.percent, 0), 0) || 1;
  const barY = 10;
  const barH = 40;
  let at = 16;
  const plotW = width - 32;
  const body: string[] = [];
  shown.forEach((o, i) => {
    const w = (Math.max(o.percent, 0) / total) * plotW;
    body.push(`<rect x="${at.toFixed(1)}" y="${barY}" width="${w.toFixed(1)}" height="${barH}" fill="${color(i)}" stroke="#ffffff" stroke-width="1"/>`);
    const ink = dark(color(i)) ? '#ffffff' : '#1a1a1c';
    if (w > 44) {
      body.push(
        `<text x="${(at + w / 2).toFixed(1)}" y="${barY + 26}" font-size="15" text-anchor="middle" font-family="Noto Sans JP" fill="${ink}">${oneDecimal.format(o.percent)}%</text>`,
      );
    }
    at += w;
  });
  // The legend: a swatch, the option and its share, three to a row.
  const perRow = 3;
  const colW = (width - 32) / perRow;
  shown.forEach((o, i) => {
    const lx = 16 + (i % perRow) * colW;
    const ly = barY + barH + 18 + Math.floor(i / perRow) * 26;
    body.push(
      `<rect x="${lx.toFixed(1)}" y="${ly}" width="14" height="14" fill="${color(i)}"/>`,
      `<text x="${(lx + 20).toFixed(1)}" y="${ly + 12}" font-size="13" ${font}>${svgText(`${o.label} ${oneDecimal.format(o.percent)}%`, 22)}</text>`,
    );
  });
  const height = barY + barH + 18 + Math.ceil(shown.length / perRow) * 26 + (note.length ? 24 : 0);
  return wrap(width, height, [...body, ...note.map((n) => n.replace('__NOTE__', String(height - 8)))]);
}

/** Every chart of a draft: what the page shows and the .docx embeds are drawn from the same SVG. */
export function draftCharts(draft: PaperDraft): { kinds: Svg | null; moyamoya: Svg | null; questions: [number, Svg][] } {
  const kinds = draft.totals.byKind.filter((r) => r.count > 0);
  const points = draft.moyamoya.map((m) => ({ date: m.startsOn, level: m.level, label: m.name.replace(/研究会$/, '') }));
  return {
    kinds: kinds.length ? kindsChart(kinds) : null,
    moyamoya: points.length ? moyamoyaChart(draft.team.fiscalYear, points) : null,
    questions: draft.surveys
      .filter((s) => s.included)
      .flatMap((s) =>
        s.questions.flatMap((q): [number, Svg][] => {
          const svg = surveyQuestionChart(q);
          return svg ? [[q.id, svg]] : [];
        }),
      ),
  };
}
