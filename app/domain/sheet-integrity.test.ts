import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptySheet, type SheetContent, type SheetItem } from './sheet';
import { getField, sameField, setField, sheetFields, type SheetFieldKey } from './sheet-fields';
import { checkSheetSave, sheetFieldOfInput } from './sheet-integrity';

// Whatever the person edits is saved as they typed it; whatever they did not edit is saved as it was.

// eslint-disable-next-line no-control-regex -- keep the generated text free of what the check refuses
const line = fc.string({ unit: 'grapheme', maxLength: 30 }).map((t) => t.replace(/[\uFFFD\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, ''));
const text = fc.oneof(
  line,
  fc.tuple(line, line).map(([a, b]) => `${a}\n${b}`),
);
const evidence = fc.uniqueArray(fc.record({ kind: fc.constantFrom('interview' as const, 'activity' as const), id: fc.integer({ min: 1, max: 9 }) }), {
  maxLength: 3,
  selector: (e) => `${e.kind}:${e.id}`,
});
const items = fc.array(fc.record({ text, evidence }), { maxLength: 3 });
const keys = sheetFields.map((f) => f.key);
const valueFor = (key: SheetFieldKey) => (sheetFields.find((f) => f.key === key)!.kind === 'list' ? items : text);

const contentArb = fc
  .record(Object.fromEntries(keys.map((k) => [k, valueFor(k)])) as Record<SheetFieldKey, fc.Arbitrary<string | SheetItem[]>>)
  .map((values) => keys.reduce((content, key) => setField(content, key, values[key]), emptySheet()));

/** An input name a browser would report for a field: a list reports one of its rows. */
const inputName = (key: SheetFieldKey) => (sheetFields.find((f) => f.key === key)!.kind === 'list' ? `${key}[0].text` : key);

describe('checkSheetSave', () => {
  it('keeps every edited field as typed and passes a save whose untouched fields arrived as stored', () => {
    fc.assert(
      fc.property(contentArb, contentArb, fc.subarray(keys), (base, typed, edited) => {
        const submitted = edited.reduce((c, key) => setField(c, key, getField(typed, key)), base);
        const { issues, repaired } = checkSheetSave(base, submitted, new Set(edited.map(inputName)));
        expect(issues).toEqual([]);
        expect(repaired).toEqual(submitted);
      }),
    );
  });

  it('puts back every untouched field that arrived altered, and nothing else', () => {
    fc.assert(
      fc.property(contentArb, contentArb, fc.subarray(keys), (base: SheetContent, arrived: SheetContent, edited) => {
        const { issues, repaired } = checkSheetSave(base, arrived, new Set(edited.map(inputName)));
        const altered = keys.filter((k) => !edited.includes(k) && !sameField(base, arrived, k));
        expect(issues.filter((i) => i.kind === 'untouched').map((i) => i.key)).toEqual(altered);
        for (const key of keys) expect(getField(repaired, key)).toEqual(getField(edited.includes(key) ? arrived : base, key));
      }),
    );
  });

  it('takes an untouched field back as it was stored: citations in another order, CRLF kept by older versions', () => {
    fc.assert(
      fc.property(contentArb, fc.subarray(keys), (base, edited) => {
        let arrived = base;
        for (const field of sheetFields) {
          const value = getField(base, field.key);
          arrived = setField(
            arrived,
            field.key,
            typeof value === 'string' ? value : value.map((item) => ({ ...item, evidence: [...item.evidence].reverse() })),
          );
        }
        const stored = keys.reduce((c, key) => {
          const value = getField(c, key);
          return setField(
            c,
            key,
            typeof value === 'string' ? value.replace(/\n/g, '\r\n') : value.map((item) => ({ ...item, text: item.text.replace(/\n/g, '\r\n') })),
          );
        }, base);
        expect(checkSheetSave(stored, arrived, new Set(edited.map(inputName))).issues).toEqual([]);
      }),
    );
  });

  it('names the field of an input, and nothing for inputs that are not the sheet', () => {
    expect(sheetFieldOfInput('actionPlan.first[2].evidence')).toBe('actionPlan.first');
    expect(sheetFieldOfInput('scenario.offsite')).toBe('scenario.offsite');
    expect(sheetFieldOfInput('message')).toBeNull();
  });
});
