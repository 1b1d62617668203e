import fs from 'node:fs';
import path from 'node:path';
import { createRequire } from 'node:module';
import { PGlite } from '@electric-sql/pglite';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// patches/@electric-sql+pglite: the protocol reader decodes a field's text from a view of the message
// instead of a copy of its bytes (a new ArrayBuffer for every field of every row: a twentieth of a page's time
// on PGlite, docs/decisions/0027), and keeps a leading byte-order mark as the server does (its decoder dropped
// it). What it reads must be what was stored, whatever the text.

const require = createRequire(import.meta.url);
let pg: PGlite;
// PostgreSQL's text holds no NUL (it refuses it).
const withoutNul = (s: string) => s.replaceAll('\0', '');

beforeAll(async () => {
  pg = await PGlite.create();
  await pg.exec('create table t (id int, name text, note text)');
});
afterAll(async () => {
  await pg.close();
});

describe('the patched PGlite reader', () => {
  it('is patched in both builds', () => {
    const dir = path.dirname(require.resolve('@electric-sql/pglite'));
    expect(fs.readFileSync(path.join(dir, 'index.cjs'), 'utf8')).toContain('jinmane patch');
    const esm = fs.readdirSync(dir).filter((f) => /^chunk-.*\.js$/.test(f) && fs.readFileSync(path.join(dir, f), 'utf8').includes('jinmane patch'));
    expect(esm).toHaveLength(1);
  });

  it('reads back any text as stored, field after field and row after row', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.oneof(fc.string({ unit: 'grapheme' }), fc.constantFrom('\uFEFF', '\uFEFF山田', '\uFEFF\uFEFF')),
            fc.option(fc.string({ unit: 'binary' }).map(withoutNul)),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (rows) => {
          await pg.exec('truncate t');
          for (const [i, [name, note]] of rows.entries()) await pg.query('insert into t values ($1, $2, $3)', [i, name, note]);
          const read = await pg.query<{ name: string; note: string | null }>('select name, note from t order by id');
          // A lone surrogate reaches PostgreSQL as U+FFFD (UTF-8 cannot carry it); everything else as typed, a
          // leading byte-order mark too (PGlite's reader dropped it; the server keeps it).
          const stored = (text: string) => new TextDecoder('utf-8', { ignoreBOM: true }).decode(new TextEncoder().encode(text));
          expect(read.rows).toEqual(rows.map(([name, note]) => ({ name: stored(name), note: note === null ? null : stored(note) })));
        },
      ),
      { numRuns: 40 },
    );
  });

  it('copies no bytes per field: a hundred rows of three fields make a handful of buffers, not three hundred', async () => {
    await pg.exec(`truncate t; insert into t select i, '山田　花子' || i, 'メモ' from generate_series(1, 100) i`);
    const slice = ArrayBuffer.prototype.slice;
    let copies = 0;
    ArrayBuffer.prototype.slice = function (this: ArrayBuffer, ...args: Parameters<ArrayBuffer['slice']>) {
      copies++;
      return slice.apply(this, args);
    };
    try {
      const read = await pg.query<{ name: string }>('select id, name, note from t order by id');
      expect(read.rows).toHaveLength(100);
      expect(read.rows[99]!.name).toBe('山田　花子100');
    } finally {
      ArrayBuffer.prototype.slice = slice;
    }
    expect(copies).toBeLessThan(10);
  });
});
