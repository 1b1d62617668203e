import { strFromU8, unzipSync } from 'fflate';
import { XMLParser, XMLValidator } from 'fast-xml-parser';

// Reads a .docx back with tools independent of the library that wrote it (fflate unzips, fast-xml-parser reads
// the XML), so a test sees what Word would: the parts, the paragraphs with their styles, the tables, the images.

type Node = { [tag: string]: Node[] | string | Record<string, string> | undefined; ':@'?: Record<string, string> };

const parser = new XMLParser({ preserveOrder: true, ignoreAttributes: false, attributeNamePrefix: '', trimValues: false, parseTagValue: false });

export type Paragraph = { style: string | null; text: string };
export type DocxTable = string[][];
export type DocxBlock = { paragraph: Paragraph } | { table: DocxTable };

function tagOf(node: Node): string {
  return Object.keys(node).find((k) => k !== ':@')!;
}
function childrenOf(node: Node): Node[] {
  const value = node[tagOf(node)];
  return Array.isArray(value) ? value : [];
}
/** Every node with this tag under `nodes`, depth first, in document order. */
function findAll(nodes: Node[], tag: string): Node[] {
  return nodes.flatMap((n) => (tagOf(n) === tag ? [n] : findAll(childrenOf(n), tag)));
}
/** The text of w:t runs under a node, with w:tab as a tab. */
function textOf(node: Node): string {
  const tag = tagOf(node);
  if (tag === '#text') return String(node['#text']);
  if (tag === 'w:tab') return '\t';
  if (tag === 'w:instrText') return '';
  return childrenOf(node).map(textOf).join('');
}
function paragraphOf(node: Node): Paragraph {
  const style = findAll(childrenOf(node), 'w:pStyle')[0]?.[':@']?.['w:val'] ?? null;
  return { style, text: textOf(node) };
}

export function readDocx(bytes: Uint8Array) {
  const files = unzipSync(bytes);
  const text = (name: string) => {
    const file = files[name];
    if (!file) throw new Error(`${name} is not in the package`);
    return strFromU8(file);
  };
  const xml = (name: string) => parser.parse(text(name)) as Node[];
  const body = findAll(xml('word/document.xml'), 'w:body')[0]!;
  const blocks: DocxBlock[] = childrenOf(body).flatMap((n): DocxBlock[] => {
    const tag = tagOf(n);
    if (tag === 'w:p') return [{ paragraph: paragraphOf(n) }];
    if (tag === 'w:tbl')
      return [
        {
          table: findAll(childrenOf(n), 'w:tr').map((tr) => findAll(childrenOf(tr), 'w:tc').map((tc) => findAll(childrenOf(tc), 'w:p').map(textOf).join('\n'))),
        },
      ];
    if (tag === 'w:sdt') return findAll(childrenOf(n), 'w:p').map((p) => ({ paragraph: paragraphOf(p) }));
    return [];
  });
  return {
    files,
    names: Object.keys(files),
    text,
    xml,
    blocks,
    paragraphs: blocks.flatMap((b) => ('paragraph' in b ? [b.paragraph] : [])),
    tables: blocks.flatMap((b) => ('table' in b ? [b.table] : [])),
    /** Headings (Heading1…3) in order, as [level, text]. */
    headings: blocks.flatMap((b) =>
      'paragraph' in b && /^Heading\d$/.test(b.paragraph.style ?? '') ? [[Number(b.paragraph.style!.slice(7)), b.paragraph.text] as const] : [],
    ),
    /** Every XML part, checked as well-formed XML. */
    invalidParts: Object.keys(files)
      .filter((n) => /\.(xml|rels)$/.test(n))
      .flatMap((n) => {
        const result = XMLValidator.validate(strFromU8(files[n]!));
        return result === true ? [] : [`${n}: ${result.err.msg}`];
      }),
    /** Relationship targets that point at no part of the package. */
    missingTargets: Object.keys(files)
      .filter((n) => n.endsWith('.rels'))
      .flatMap((n) => {
        const base = n.replace(/_rels\/[^/]*\.rels$/, '');
        return findAll(parser.parse(strFromU8(files[n]!)) as Node[], 'Relationship')
          .map((r) => r[':@']!)
          .filter((a) => a.TargetMode !== 'External')
          .map((a) => (a.Target!.startsWith('/') ? a.Target!.slice(1) : normalize(base + a.Target!)))
          .filter((target) => !files[target])
          .map((target) => `${n} → ${target}`);
      }),
  };
}

function normalize(path: string): string {
  const out: string[] = [];
  for (const part of path.split('/')) {
    if (part === '..') out.pop();
    else if (part && part !== '.') out.push(part);
  }
  return out.join('/');
}

export const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
export const isPng = (bytes: Uint8Array) => pngSignature.every((b, i) => bytes[i] === b);
