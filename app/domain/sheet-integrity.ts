import { suspectCodes } from '~/utils/suspect-text';
import type { SheetContent } from './sheet';
import { getField, getText, sameField, setField, sheetFields, type SheetFieldKey } from './sheet-fields';

// A save changes only what the person changed (docs/decisions/0009). The form reports which fields
// differ from what it showed (`_edited`); a field it did not report must arrive as the version it
// was based on, or the text was altered on its way (a NUL byte turned into U+FFFD by the browser,
// an extension, a broken proxy). Such a field is put back and the person is shown what arrived.
// A field that gained U+FFFD or a control character is refused even when edited: nobody types them.

export type IntegrityIssue = {
  key: SheetFieldKey;
  /** untouched: not edited, yet different (put back); suspect: holds characters nobody types. */
  kind: 'untouched' | 'suspect';
  stored: string;
  received: string;
};

/** The sheet field a form input belongs to: `actionPlan.first[2].text` → `actionPlan.first`. */
export function sheetFieldOfInput(name: string): SheetFieldKey | null {
  const key = name.replace(/\[.*$/, '');
  return sheetFields.some((f) => f.key === key) ? (key as SheetFieldKey) : null;
}

/** The fields whose shown content the person has made their own: they differ from the base version. */
export function fieldsDifferentFrom(shown: SheetContent, base: SheetContent): SheetFieldKey[] {
  return sheetFields.filter((f) => !sameField(shown, base, f.key)).map((f) => f.key);
}

/**
 * `edited`: the input names the form reported as changed, or null when it could not tell (no
 * JavaScript): then every field counts as edited and only suspect characters are caught.
 */
export function checkSheetSave(base: SheetContent, submitted: SheetContent, edited: ReadonlySet<string> | null) {
  const editedFields = edited ? new Set([...edited].map(sheetFieldOfInput)) : null;
  const issues: IntegrityIssue[] = [];
  let repaired = submitted;
  for (const { key } of sheetFields) {
    if (sameField(base, submitted, key)) continue;
    const stored = getText(base, key);
    const received = getText(submitted, key);
    if (editedFields && !editedFields.has(key)) {
      issues.push({ key, kind: 'untouched', stored, received });
      repaired = setField(repaired, key, getField(base, key));
    } else if (suspectCodes(received).length > suspectCodes(stored).length) {
      issues.push({ key, kind: 'suspect', stored, received });
    }
  }
  return { issues, repaired };
}
