import type { FileChild } from 'docx';
import type { Png } from './paper-png.server';

// The few shapes the joint paper's .docx is made of (a paragraph, a heading, a bullet, a table, a chart), over the
// docx module imported when a paper is written (app/utils/paper-docx.server.ts). Every text goes through `clean`:
// XML 1.0 refuses control characters, and one in a team's notes would make a file Word cannot open.

export type Docx = typeof import('docx');
export type Block = FileChild;

/** Width of the text on an A4 page with 25 mm margins, in twips and in pixels (96 to the inch). */
export const page = { width: 11906, height: 16838, margin: 1418, textTwips: 11906 - 2 * 1418, textPixels: 604 };

export function clean(text: string): string {
  // eslint-disable-next-line no-control-regex -- the characters XML 1.0 refuses
  return text.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g, '');
}

export function kit(d: Docx) {
  const p = (text: string, options: { bold?: boolean; size?: number; center?: boolean; muted?: boolean; after?: number } = {}) =>
    new d.Paragraph({
      alignment: options.center ? d.AlignmentType.CENTER : undefined,
      spacing: { after: options.after ?? 120 },
      children: [new d.TextRun({ text: clean(text), bold: options.bold, size: options.size, color: options.muted ? '555555' : undefined })],
    });
  /** Text as written: one paragraph per line. */
  const lines = (text: string) =>
    clean(text)
      .split(/\r?\n/)
      .map((line) => p(line, { after: 60 }));
  const heading = (text: string, level: 1 | 2 | 3) =>
    new d.Paragraph({
      heading: level === 1 ? d.HeadingLevel.HEADING_1 : level === 2 ? d.HeadingLevel.HEADING_2 : d.HeadingLevel.HEADING_3,
      pageBreakBefore: level === 1,
      children: [new d.TextRun(clean(text))],
    });
  const bullet = (text: string) =>
    new d.Paragraph({ indent: { left: 360, hanging: 240 }, spacing: { after: 40 }, children: [new d.TextRun(`・${clean(text)}`)] });
  /** 【内容】 and its kind: a label on a line of its own. */
  const label = (text: string) => p(text, { bold: true, after: 60 });
  /** Something the paper cannot say yet, said in place (「活動記録がまだありません。」). */
  const gap = (text: string) => p(`${text}。`, { muted: true });

  const cell = (text: string, options: { header?: boolean; width: number; right?: boolean }) =>
    new d.TableCell({
      width: { size: options.width, type: d.WidthType.DXA },
      shading: options.header ? { fill: 'EFEFEF', type: d.ShadingType.CLEAR, color: 'auto' } : undefined,
      margins: { top: 60, bottom: 60, left: 100, right: 100 },
      children: clean(text)
        .split(/\r?\n/)
        .map(
          (line) =>
            new d.Paragraph({
              alignment: options.right ? d.AlignmentType.RIGHT : undefined,
              children: [new d.TextRun({ text: line, bold: options.header })],
            }),
        ),
    });
  /** A table over the text's width; `widths` are the columns' shares, `right` the columns of figures. */
  const table = (header: string[], rows: string[][], widths: number[], right: number[] = [], footer?: string[]) => {
    const total = widths.reduce((a, b) => a + b, 0);
    const twips = widths.map((w) => Math.floor((w / total) * page.textTwips));
    const row = (cells: string[], header = false) =>
      new d.TableRow({
        tableHeader: header,
        cantSplit: true,
        children: cells.map((text, i) => cell(text, { header, width: twips[i]!, right: right.includes(i) && !header })),
      });
    return new d.Table({
      width: { size: page.textTwips, type: d.WidthType.DXA },
      columnWidths: twips,
      rows: [row(header, true), ...rows.map((r) => row(r)), ...(footer ? [row(footer, true)] : [])],
    });
  };
  /** A chart as drawn on the server, across the text's width, with its words for screen readers. */
  const chart = (png: Png, description: string) =>
    new d.Paragraph({
      alignment: d.AlignmentType.CENTER,
      spacing: { after: 120 },
      children: [
        new d.ImageRun({
          type: 'png',
          data: png.data,
          transformation: { width: page.textPixels, height: Math.round((page.textPixels * png.height) / png.width) },
          altText: { name: clean(description).slice(0, 100), description: clean(description), title: clean(description).slice(0, 100) },
        }),
      ],
    });
  return { p, lines, heading, bullet, label, gap, table, chart };
}
export type Kit = ReturnType<typeof kit>;
