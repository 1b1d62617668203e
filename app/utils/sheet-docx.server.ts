import { sheetSections, type SheetContent, type SheetItem } from '~/domain/sheet';
import { evidenceValue, fieldsOf, getItems, getText } from '~/domain/sheet-fields';
import { formatDateTime, formatFiscalYear } from './dates';
import { kit, page, type Block, type Docx, type Kit } from './paper-docx-kit.server';

// One version of the 変革ストーリーシート as a Word document, for the team's 「チームの記録一式」 (docs/decisions/0026):
// the sections in the order of the sheet page and its print view, each list item with what it cites, named as
// this viewer may read it (a cited interview they may not read is named as the page names it).

export type SheetVersionDoc = {
  team: { prefecture: string; municipalityName: string; fiscalYear: number; generation: number };
  version: number;
  tag: string | null;
  message: string | null;
  savedAt: Date | string;
  authorName: string | null;
  content: SheetContent;
  /** Cited records by evidence value (interview:12), as the viewer may name them. */
  labels: Record<string, { label: string }>;
};

const gothic = { ascii: '游ゴシック', hAnsi: '游ゴシック', eastAsia: '游ゴシック', cs: '游ゴシック' };
const mincho = { ascii: '游明朝', hAnsi: '游明朝', eastAsia: '游明朝', cs: '游明朝' };

function items(k: Kit, list: SheetItem[], labels: SheetVersionDoc['labels']): Block[] {
  if (list.length === 0) return [k.gap('（未記入）')];
  return list.flatMap((item) => [
    k.bullet(item.text.replace(/\r\n/g, '\n')),
    ...item.evidence.map((e) => k.p(`根拠: ${labels[evidenceValue(e)]?.label ?? '削除された記録'}`, { muted: true, size: 18, after: 40 })),
  ]);
}

function body(k: Kit, doc: SheetVersionDoc): Block[] {
  return sheetSections.flatMap(([key, title]) => [
    // Level 2 and 3: the kit's level 1 starts a page (a paper's chapter); a sheet's sections follow one another.
    k.heading(title, 2),
    ...fieldsOf(key).flatMap((field) => [
      ...(field.label ? [k.heading(field.label, 3)] : []),
      ...(field.kind === 'list'
        ? items(k, getItems(doc.content, field.key), doc.labels)
        : getText(doc.content, field.key)
          ? k.lines(getText(doc.content, field.key))
          : [k.gap('（未記入）')]),
    ]),
  ]);
}

/** 「第3版（第4回提出版）・令和8年7月1日（水） 10:00 保存・山田 花子」: the line under the title. */
export function sheetVersionLine(doc: Pick<SheetVersionDoc, 'version' | 'tag' | 'savedAt' | 'authorName'>): string {
  return [`第${doc.version}版${doc.tag ? `（${doc.tag}）` : ''}`, `${formatDateTime(doc.savedAt)} 保存`, doc.authorName].filter(Boolean).join('・');
}

export async function buildSheetVersionDocx(doc: SheetVersionDoc, d?: Docx): Promise<Uint8Array<ArrayBuffer>> {
  const lib = d ?? (await import('docx'));
  const k = kit(lib);
  const { team } = doc;
  const heading: Block[] = [
    k.p('人材マネジメント部会　変革ストーリーシート', { muted: true }),
    k.p(`${team.prefecture} ${team.municipalityName}チーム`, { bold: true, size: 32 }),
    k.p(`${formatFiscalYear(team.fiscalYear)}・${team.generation}期生`),
    k.p(sheetVersionLine(doc), { after: doc.message ? 60 : 240 }),
    ...(doc.message ? [k.p(`保存時のメモ: ${doc.message}`, { muted: true, after: 240 })] : []),
  ];
  const document = new lib.Document({
    title: `${team.municipalityName}チーム 変革ストーリーシート 第${doc.version}版`,
    creator: '人マネ トラッカー',
    styles: {
      default: {
        document: { run: { font: mincho, size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } }, paragraph: { spacing: { line: 300 } } },
        heading2: { run: { font: gothic, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: gothic, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 180, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      {
        properties: {
          page: { size: { width: page.width, height: page.height }, margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin } },
        },
        children: [...heading, ...body(k, doc)],
      },
    ],
  });
  return new Uint8Array(await lib.Packer.toBuffer(document));
}
