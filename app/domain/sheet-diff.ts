import { diffArrays, diffChars } from 'diff';
import type { SheetContent } from './sheet';
import { getText, sheetFields, type SheetField } from './sheet-fields';

// Japanese has no spaces between words, so a word diff is useless: align sentences (and lines)
// first, then diff by characters inside each pair of changed sentences.

export type Segment = { text: string; op: 'same' | 'del' | 'ins' };
export type TextDiff = { changed: boolean; left: Segment[]; right: Segment[] };
export type FieldDiff = TextDiff & Pick<SheetField, 'key' | 'section' | 'label'>;

/** Sentences end at 。！？ (and their ASCII forms) or at a line break, which stays with them. */
export function splitSentences(text: string): string[] {
  return text.split(/(?<=[。！？!?\n])/).filter((s) => s.length > 0);
}

function push(list: Segment[], text: string, op: Segment['op']) {
  if (!text) return;
  const last = list[list.length - 1];
  if (last && last.op === op) last.text += text;
  else list.push({ text, op });
}

/** Two versions of one sentence: by characters, unless they share too little to read that way. */
function diffSentence(a: string, b: string, out: TextDiff) {
  const changes = diffChars(a, b);
  const common = changes.filter((c) => !c.added && !c.removed).reduce((n, c) => n + c.value.length, 0);
  if (common < 0.3 * Math.max(a.length, b.length)) {
    push(out.left, a, 'del');
    push(out.right, b, 'ins');
    return;
  }
  for (const c of changes) {
    if (c.added) push(out.right, c.value, 'ins');
    else if (c.removed) push(out.left, c.value, 'del');
    else {
      push(out.left, c.value, 'same');
      push(out.right, c.value, 'same');
    }
  }
}

export function diffText(a: string, b: string): TextDiff {
  const out: TextDiff = { changed: a !== b, left: [], right: [] };
  const parts = diffArrays(splitSentences(a), splitSentences(b));
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i]!;
    if (!part.added && !part.removed) {
      for (const s of part.value) {
        push(out.left, s, 'same');
        push(out.right, s, 'same');
      }
      continue;
    }
    const next = parts[i + 1];
    if (part.removed && next?.added) {
      const pairs = Math.min(part.value.length, next.value.length);
      for (let j = 0; j < pairs; j++) diffSentence(part.value[j]!, next.value[j]!, out);
      for (const s of part.value.slice(pairs)) push(out.left, s, 'del');
      for (const s of next.value.slice(pairs)) push(out.right, s, 'ins');
      i++;
      continue;
    }
    for (const s of part.value) push(part.removed ? out.left : out.right, s, part.removed ? 'del' : 'ins');
  }
  return out;
}

/** Every field of two versions, in sheet order; lists compare one item per line. */
export function diffSheets(from: SheetContent, to: SheetContent): FieldDiff[] {
  return sheetFields.map(({ key, section, label }) => ({ key, section, label, ...diffText(getText(from, key), getText(to, key)) }));
}
