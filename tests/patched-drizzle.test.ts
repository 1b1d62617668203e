import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Column, SQL, StringChunk, Table, entityKind, is, sql } from 'drizzle-orm';
import { PgColumn, PgTable, integer, pgTable, text } from 'drizzle-orm/pg-core';

// patches/drizzle-orm: `is(value, type)` remembers its answer per prototype of the value and type asked
// (docs/decisions/0027). The answers must be the unpatched ones, the first time and after.

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
    for (const file of ['entity.js', 'entity.cjs']) expect(fs.readFileSync(path.join(dir, file), 'utf8'), file).toContain('jinmane patch');
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
