import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import * as drizzle from 'drizzle-orm';
import { Column, SQL, StringChunk, Subquery, Table, entityKind, getTableName, is, sql } from 'drizzle-orm';
import { PgColumn, PgTable, date, integer, pgTable, text } from 'drizzle-orm/pg-core';

// patches/drizzle-orm: `is(value, type)` remembers its answer per prototype of the value and type asked, and
// `mapResultRow` works out what it needs of a selection once for all its rows (docs/decisions/0027). The answers
// must be the unpatched ones, the first time and after.

const require = createRequire(import.meta.url);

/** drizzle-orm's `is` as published, without the patch. */
function unpatchedIs(value: unknown, type: { [entityKind]?: string }): boolean {
  if (!value || typeof value !== 'object') return false;
  if (value instanceof (type as unknown as abstract new () => unknown)) return true;
  let cls = Object.getPrototypeOf(value).constructor as unknown;
  while (cls) {
    if (entityKind in (cls as object) && (cls as Record<symbol, unknown>)[entityKind] === type[entityKind]) return true;
    cls = Object.getPrototypeOf(cls);
  }
  return false;
}

const things = pgTable('things', { id: integer('id'), label: text('label') });
// A class of another copy of drizzle: not an instance of this copy's Column, but of the same kind.
class OtherCopyColumn {
  static readonly [entityKind]: string = 'Column';
}
class OtherCopyPgColumn extends OtherCopyColumn {
  static override readonly [entityKind]: string = 'PgColumn';
}
const values: unknown[] = [
  things,
  things.id,
  things.label,
  sql`select 1`,
  new StringChunk('x'),
  new OtherCopyPgColumn(),
  new OtherCopyColumn(),
  Object.create(things.id), // a prototype that is itself a column
  Object.assign(Object.create(null), { id: 1 }),
  {},
  [],
  'text',
  0,
  null,
  undefined,
];
const types = [Column, PgColumn, SQL, StringChunk, Table, PgTable] as unknown as { [entityKind]?: string }[];

describe('the patched drizzle is()', () => {
  it('is patched (both builds remember their answers)', () => {
    const dir = path.dirname(require.resolve('drizzle-orm'));
    for (const file of ['entity.js', 'entity.cjs', 'utils.js', 'utils.cjs'])
      expect(fs.readFileSync(path.join(dir, file), 'utf8'), file).toContain('jinmane patch');
  });

  it('answers as the unpatched one, asked in any order and again', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.nat(values.length - 1), fc.nat(types.length - 1)), { minLength: 1, maxLength: 60 }), (asks) => {
        for (const [v, t] of asks) {
          const type = types[t]!;
          const answer = (ask: () => boolean) => {
            try {
              return ask();
            } catch (error) {
              return error instanceof Error ? error.constructor.name : 'thrown';
            }
          };
          expect(
            answer(() => is(values[v], type as never)),
            `value ${v} is ${String(type[entityKind])}`,
          ).toBe(answer(() => unpatchedIs(values[v], type)));
        }
      }),
    );
  });

  it('knows a column of another copy of drizzle by its kind', () => {
    expect(is(new OtherCopyPgColumn(), PgColumn)).toBe(true);
    expect(is(new OtherCopyPgColumn(), Column)).toBe(true); // up its chain
    expect(is(new OtherCopyColumn(), PgColumn)).toBe(false);
    expect(is(new OtherCopyPgColumn(), SQL)).toBe(false);
  });
});

type Selection = { path: string[]; field: unknown }[];
// Exported by drizzle-orm, though not in its type declarations.
const { mapResultRow, orderSelectedFields } = drizzle as unknown as {
  mapResultRow: (columns: Selection, row: unknown[], joinsNotNullableMap?: Record<string, boolean>) => unknown;
  orderSelectedFields: (fields: Record<string, unknown>) => Selection;
};

/** drizzle-orm's `mapResultRow` as published, without the patch. */
function unpatchedMapResultRow(columns: Selection, row: unknown[], joinsNotNullableMap?: Record<string, boolean>) {
  const nullifyMap: Record<string, string | false> = {};
  const result = columns.reduce<Record<string, unknown>>((result2, { path, field }, columnIndex) => {
    type Decoder = { mapFromDriverValue: (value: unknown) => unknown };
    let decoder: Decoder;
    if (is(field, Column)) decoder = field as unknown as Decoder;
    else if (is(field, SQL)) decoder = (field as unknown as { decoder: Decoder }).decoder;
    else if (is(field, Subquery)) decoder = (field as unknown as { _: { sql: { decoder: Decoder } } })._.sql.decoder;
    else decoder = (field as { sql: { decoder: Decoder } }).sql.decoder;
    let node = result2;
    for (const [pathChunkIndex, pathChunk] of path.entries()) {
      if (pathChunkIndex < path.length - 1) {
        if (!(pathChunk in node)) node[pathChunk] = {};
        node = node[pathChunk] as Record<string, unknown>;
      } else {
        const rawValue = row[columnIndex];
        const value = (node[pathChunk] = rawValue === null ? null : decoder.mapFromDriverValue(rawValue));
        if (joinsNotNullableMap && is(field, Column) && path.length === 2) {
          const objectName = path[0]!;
          const table = getTableName((field as unknown as Column).table);
          if (!(objectName in nullifyMap)) nullifyMap[objectName] = value === null ? table : false;
          else if (typeof nullifyMap[objectName] === 'string' && nullifyMap[objectName] !== table) nullifyMap[objectName] = false;
        }
      }
    }
    return result2;
  }, {});
  if (joinsNotNullableMap && Object.keys(nullifyMap).length > 0) {
    for (const [objectName, tableName] of Object.entries(nullifyMap)) {
      if (typeof tableName === 'string' && !joinsNotNullableMap[tableName]) result[objectName] = null;
    }
  }
  return result;
}

const others = pgTable('others', { id: integer('id'), on: date('on', { mode: 'date' }), note: text('note') });
// What a select may name: columns of two tables (on their own or under a joined table's key), an SQL with its
// own decoder, an aliased SQL. Each with the raw values a driver may give for it.
const selectable: { key: string; field: unknown; joined?: string; raw: fc.Arbitrary<unknown> }[] = [
  { key: 'id', field: things.id, raw: fc.integer() },
  { key: 'label', field: things.label, raw: fc.string() },
  { key: 'things', joined: 'id', field: things.id, raw: fc.integer() },
  { key: 'things', joined: 'label', field: things.label, raw: fc.string() },
  { key: 'others', joined: 'id', field: others.id, raw: fc.integer() },
  { key: 'others', joined: 'on', field: others.on, raw: fc.constantFrom('2026-04-01', '2027-03-31') },
  { key: 'others', joined: 'note', field: others.note, raw: fc.string() },
  { key: 'n', field: sql<number>`count(*)`.mapWith(Number), raw: fc.constantFrom('0', '12', '3.5') },
  { key: 'aliased', field: sql<string>`'x'`.as('aliased'), raw: fc.string() },
];

describe('the patched drizzle mapResultRow()', () => {
  it('maps rows as the unpatched one, for any selection, rows with nulls and joined tables', () => {
    fc.assert(
      fc.property(
        fc
          .uniqueArray(fc.nat(selectable.length - 1), { minLength: 1 })
          .chain((picked) =>
            fc.tuple(
              fc.constant(picked),
              fc.array(fc.tuple(...picked.map((i) => fc.option(selectable[i]!.raw))), { maxLength: 5 }),
              fc.option(fc.record({ things: fc.boolean(), others: fc.boolean() }), { nil: undefined }),
            ),
          ),
        ([picked, rows, joins]) => {
          const fields: Record<string, unknown> = {};
          for (const i of picked) {
            const { key, field, joined } = selectable[i]!;
            if (joined) fields[key] = { ...(fields[key] as object), [joined]: field };
            else fields[key] = field;
          }
          const selection = orderSelectedFields(fields);
          // The raw values in the selection's order (as the driver gives them), found by each field's path.
          const pathOf = (i: number) => [selectable[i]!.key, selectable[i]!.joined].filter(Boolean).join('.');
          const raw = (row: (unknown | null)[]) => selection.map(({ path }) => row[picked.findIndex((i) => pathOf(i) === path.join('.'))]);
          for (const row of rows) {
            expect(mapResultRow(selection, raw(row), joins)).toEqual(unpatchedMapResultRow(selection, raw(row), joins));
          }
        },
      ),
    );
  });
});
