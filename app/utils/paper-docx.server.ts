import { draftCharts, type Svg } from '~/domain/paper-charts';
import type { PaperDraft } from '~/domain/paper';
import { now } from './clock';
import { formatFiscalYear } from './dates';
import { appendix, details, digest, introduction, outlook, type Charts } from './paper-docx-chapters.server';
import { clean, kit, page, type Block, type Docx, type Kit } from './paper-docx-kit.server';
import { renderPngs } from './paper-png.server';

// The joint paper as a Word document (docs/decisions/0023): an A4 .docx with a cover, a table of contents Word
// fills in when the file is opened (updateFields), the chapters, and the charts as PNG. The docx library is
// imported here when a paper is written, so it is loaded by this one route and never reaches a browser.

const mincho = { ascii: '游明朝', hAnsi: '游明朝', eastAsia: '游明朝', cs: '游明朝' };
const gothic = { ascii: '游ゴシック', hAnsi: '游ゴシック', eastAsia: '游ゴシック', cs: '游ゴシック' };

/** The draft's charts as PNG, drawn in one go (resvg renders them in parallel). */
async function drawCharts(draft: PaperDraft): Promise<Charts> {
  const svgs = draftCharts(draft);
  const wanted: Svg[] = [svgs.kinds, svgs.moyamoya, ...svgs.questions.map(([, svg]) => svg)].filter((svg): svg is Svg => svg !== null);
  const pngs = await renderPngs(wanted);
  const png = (svg: Svg | null) => (svg ? (pngs[wanted.indexOf(svg)] ?? null) : null);
  return { kinds: png(svgs.kinds), moyamoya: png(svgs.moyamoya), questions: new Map(svgs.questions.map(([id, svg]) => [id, png(svg)!])) };
}

function cover(k: Kit, d: Docx, draft: PaperDraft): Block[] {
  const { team } = draft;
  return [
    k.p('', { after: 1800 }),
    k.p(formatFiscalYear(team.fiscalYear), { center: true, size: 32 }),
    k.p('早稲田大学マニフェスト研究所 人材マネジメント部会', { center: true, size: 28, bold: true, after: 120 }),
    k.p('共同論文', { center: true, size: 36, bold: true, after: 1200 }),
    k.p(`${team.prefecture} ${team.municipalityName}`, { center: true, size: 44, bold: true }),
    k.p(`第${team.generation}期 研究生（${team.generation}期生）`, { center: true, size: 28, after: 1200 }),
    ...(draft.members.length
      ? draft.members.map((m) => k.p(`${[m.department, m.section].filter(Boolean).join(' ')}　${m.fullName}`, { center: true, size: 24, after: 80 }))
      : [k.gap('メンバーがまだ登録されていません')]),
    new d.Paragraph({ children: [new d.PageBreak()] }),
    k.p('目次', { bold: true, size: 32, after: 240 }),
    new d.TableOfContents('目次', { hyperlink: true, headingStyleRange: '1-2' }),
    k.p('（目次はWordで開くと更新されます。更新されないときは、目次を右クリックして「フィールド更新」を選んでください。）', { muted: true, size: 18 }),
  ];
}

/** The .docx file of the draft. */
export async function buildPaperDocx(draft: PaperDraft): Promise<Uint8Array<ArrayBuffer>> {
  const [d, charts] = await Promise.all([import('docx'), drawCharts(draft)]);
  const k = kit(d);
  const body: Block[] = [...introduction(k, draft), ...digest(k, draft, charts), ...details(k, draft), ...outlook(k, draft), ...appendix(k, draft)];
  const footer = new d.Footer({
    children: [new d.Paragraph({ alignment: d.AlignmentType.CENTER, children: [new d.TextRun({ children: [d.PageNumber.CURRENT] })] })],
  });
  const properties = {
    page: { size: { width: page.width, height: page.height }, margin: { top: page.margin, bottom: page.margin, left: page.margin, right: page.margin } },
  };
  const title = `${draft.team.municipalityName} ${formatFiscalYear(draft.team.fiscalYear)} 共同論文（草稿）`;
  const description = '早稲田大学マニフェスト研究所 人材マネジメント部会 共同論文の草稿';
  const doc = new d.Document({
    title,
    creator: '人マネ トラッカー',
    description,
    features: { updateFields: true },
    styles: {
      default: {
        document: { run: { font: mincho, size: 21, language: { value: 'ja-JP', eastAsia: 'ja-JP' } }, paragraph: { spacing: { line: 300 } } },
        heading1: { run: { font: gothic, size: 32, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 240 } } },
        heading2: { run: { font: gothic, size: 26, bold: true, color: '000000' }, paragraph: { spacing: { before: 240, after: 120 }, keepNext: true } },
        heading3: { run: { font: gothic, size: 22, bold: true, color: '000000' }, paragraph: { spacing: { before: 180, after: 80 }, keepNext: true } },
      },
    },
    sections: [
      { properties, children: cover(k, d, draft) },
      { properties: { ...properties, page: { ...properties.page, pageNumbers: { start: 1 } } }, footers: { default: footer }, children: body },
    ],
  });
  // docx stamps its own reading of the time; the document's dates are the app's clock's (docs/decisions/0011).
  const core = { path: 'docProps/core.xml', data: coreProperties(title, description, now()) };
  return new Uint8Array(await d.Packer.toBuffer(doc, false, [core]));
}

const escapeXml = (text: string) => clean(text).replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]!);

/** docProps/core.xml: the title, who made it, and when, by the app's clock. */
function coreProperties(title: string, description: string, at: Date): string {
  const when = at.toISOString().replace(/\.\d{3}Z$/, 'Z');
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
    '<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" ' +
    'xmlns:dcterms="http://purl.org/dc/terms/" xmlns:dcmitype="http://purl.org/dc/dcmitype/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">' +
    `<dc:title>${escapeXml(title)}</dc:title><dc:creator>人マネ トラッカー</dc:creator><dc:description>${escapeXml(description)}</dc:description>` +
    `<dcterms:created xsi:type="dcterms:W3CDTF">${when}</dcterms:created><dcterms:modified xsi:type="dcterms:W3CDTF">${when}</dcterms:modified>` +
    '</cp:coreProperties>'
  );
}

/** 甲府市_令和8年度_共同論文（草稿）.docx: what the download is saved as. */
export function paperFileName(draft: Pick<PaperDraft, 'team'>): string {
  return `${draft.team.municipalityName}_${formatFiscalYear(draft.team.fiscalYear)}_共同論文（草稿）.docx`.replace(/[\\/:*?"<>|\s]+/g, '_');
}
