import type { SheetContent } from './sheet';
import { sameField, setField, sheetFields, getField, type SheetFieldKey } from './sheet-fields';

/**
 * A three-way merge field by field, after a save was refused as stale. A field only one side
 * changed takes that side; a field both changed differently is a conflict and starts from the
 * user's own text, for them to combine by hand. Nothing is decided silently for them.
 */
export function mergeSheets(base: SheetContent, mine: SheetContent, theirs: SheetContent) {
  let merged = mine;
  const conflicts: SheetFieldKey[] = [];
  const theirsOnly: SheetFieldKey[] = [];
  for (const { key } of sheetFields) {
    if (sameField(mine, theirs, key)) continue;
    if (sameField(mine, base, key)) {
      merged = setField(merged, key, getField(theirs, key));
      theirsOnly.push(key);
    } else if (!sameField(theirs, base, key)) {
      conflicts.push(key);
    }
  }
  return { merged, conflicts, theirsOnly };
}
