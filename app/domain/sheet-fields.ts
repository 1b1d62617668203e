import type { Evidence, SheetContent, SheetItem, SheetSectionKey } from './sheet';

// The sheet as a flat list of fields: what the editor, the merge after a conflict and the diff
// walk over. A list field holds items (重点取組, each アクションプラン stage); the rest is text.

export type SheetFieldKey =
  | 'currentState'
  | 'idealIn10Years'
  | 'targetOrganization'
  | 'focusInitiatives'
  | 'oneYearGoal'
  | 'actionPlan.first'
  | 'actionPlan.next'
  | 'actionPlan.further'
  | 'scenario.official'
  | 'scenario.offsite'
  | 'keywords.standpoint'
  | 'keywords.valueBased'
  | 'keywords.firstPerson'
  | 'keywords.dominantLogic';

export type SheetField = { key: SheetFieldKey; section: SheetSectionKey; label: string | null; kind: 'text' | 'list' };

export const sheetFields: readonly SheetField[] = [
  { key: 'currentState', section: 'currentState', label: null, kind: 'text' },
  { key: 'idealIn10Years', section: 'idealIn10Years', label: null, kind: 'text' },
  { key: 'targetOrganization', section: 'targetOrganization', label: null, kind: 'text' },
  { key: 'focusInitiatives', section: 'focusInitiatives', label: null, kind: 'list' },
  { key: 'oneYearGoal', section: 'oneYearGoal', label: null, kind: 'text' },
  { key: 'actionPlan.first', section: 'actionPlan', label: 'まず取り組む', kind: 'list' },
  { key: 'actionPlan.next', section: 'actionPlan', label: '次に取り組む', kind: 'list' },
  { key: 'actionPlan.further', section: 'actionPlan', label: 'さらに取り組む', kind: 'list' },
  { key: 'scenario.official', section: 'scenario', label: 'オフィシャルルート', kind: 'text' },
  { key: 'scenario.offsite', section: 'scenario', label: 'オフサイトルート', kind: 'text' },
  { key: 'keywords.standpoint', section: 'keywords', label: '立ち位置を変える', kind: 'text' },
  { key: 'keywords.valueBased', section: 'keywords', label: '価値前提で考える', kind: 'text' },
  { key: 'keywords.firstPerson', section: 'keywords', label: '一人称で捉え語る', kind: 'text' },
  { key: 'keywords.dominantLogic', section: 'keywords', label: 'ドミナントロジックを転換する', kind: 'text' },
];

export function fieldsOf(section: SheetSectionKey) {
  return sheetFields.filter((f) => f.section === section);
}

export function getField(content: SheetContent, key: SheetFieldKey): string | SheetItem[] {
  const [a, b] = key.split('.') as [string, string | undefined];
  const top = (content as unknown as Record<string, unknown>)[a];
  return (b ? (top as Record<string, unknown>)[b] : top) as string | SheetItem[];
}

export function setField(content: SheetContent, key: SheetFieldKey, value: string | SheetItem[]): SheetContent {
  const copy = structuredClone(content) as unknown as Record<string, Record<string, unknown>>;
  const [a, b] = key.split('.') as [string, string | undefined];
  if (b) copy[a]![b] = value;
  else (copy as Record<string, unknown>)[a] = value;
  return copy as unknown as SheetContent;
}

export function getItems(content: SheetContent, key: SheetFieldKey): SheetItem[] {
  const value = getField(content, key);
  return Array.isArray(value) ? value : [];
}

export function getText(content: SheetContent, key: SheetFieldKey): string {
  const value = getField(content, key);
  return typeof value === 'string' ? value : value.map((item) => item.text).join('\n');
}

/**
 * A field as saves and merges compare it: line breaks as LF (older versions kept a browser's CRLF in
 * list rows) and each item's citations as a set (the form posts them in the order it lists them).
 */
function comparable(value: string | SheetItem[]): string {
  const lf = (text: string) => text.replace(/\r\n/g, '\n');
  if (typeof value === 'string') return JSON.stringify(lf(value));
  return JSON.stringify(value.map((item) => [lf(item.text), item.evidence.map(evidenceValue).sort()]));
}

export function sameField(a: SheetContent, b: SheetContent, key: SheetFieldKey) {
  return comparable(getField(a, key)) === comparable(getField(b, key));
}

/** 'interview:12' ⇄ { kind: 'interview', id: 12 }: how a cited record travels in a form. */
export function evidenceValue(e: Evidence) {
  return `${e.kind}:${e.id}`;
}
export function parseEvidence(value: string): Evidence | null {
  const m = /^(interview|activity|survey_question):([1-9]\d{0,9})$/.exec(value);
  return m ? { kind: m[1] as Evidence['kind'], id: Number(m[2]) } : null;
}

/** Every record a content cites, for loading their titles in one query per kind. */
export function citedEvidence(...contents: SheetContent[]): Evidence[] {
  const seen = new Map<string, Evidence>();
  for (const content of contents) {
    for (const field of sheetFields) {
      if (field.kind !== 'list') continue;
      for (const item of getItems(content, field.key)) for (const e of item.evidence) seen.set(evidenceValue(e), e);
    }
  }
  return [...seen.values()];
}

/** A copy for another team: the text stays, citations of the old team's records do not. */
export function withoutEvidence(content: SheetContent): SheetContent {
  let out = content;
  for (const field of sheetFields) {
    if (field.kind === 'list')
      out = setField(
        out,
        field.key,
        getItems(content, field.key).map((i) => ({ text: i.text, evidence: [] })),
      );
  }
  return out;
}
