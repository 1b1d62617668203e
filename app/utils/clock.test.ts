import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { currentFiscalYear, now, setClock, todayInTokyo } from './clock';

// The current time has one source (docs/decisions/0011-clock.md): app/, db/ and scripts/ ask the clock,
// and SQL is given its value, so a test that pins the clock pins every "today".

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return files(full);
    return /\.(tsx?|mjs|js)$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

const sources = [...['app', 'db', 'scripts'].flatMap((dir) => files(path.resolve(dir))), path.resolve('server.mjs')].filter(
  (file) => file !== path.resolve('app/utils/clock.ts'),
);

/** file:line of each match of `pattern` (global) in the sources, optionally only inside sql`…` templates. */
function find(pattern: RegExp, { inSql = false } = {}): string[] {
  return sources.flatMap((file) => {
    const text = fs.readFileSync(file, 'utf8');
    const hits: string[] = [];
    const scan = (chunk: string, offset: number) => {
      for (const match of chunk.matchAll(pattern)) {
        const line = text.slice(0, offset + match.index).split('\n').length;
        hits.push(`${path.relative(process.cwd(), file)}:${line}: ${match[0]}`);
      }
    };
    if (inSql) for (const template of text.matchAll(/sql`[^`]*`/g)) scan(withoutValues(template[0]), template.index);
    else scan(text, 0);
    return hits;
  });
}

/** The SQL text of a template, its `${…}` values blanked (same length, so lines still count). */
function withoutValues(template: string): string {
  let out = '';
  let depth = 0;
  for (let i = 0; i < template.length; i++) {
    if (depth === 0 && template.startsWith('${', i)) {
      depth = 1;
      out += '  ';
      i++;
    } else if (depth > 0) {
      if (template[i] === '{') depth++;
      if (template[i] === '}') depth--;
      out += template[i] === '\n' ? '\n' : ' ';
    } else {
      out += template[i];
    }
  }
  return out;
}

describe('one clock', () => {
  it('is the only reading of the current time in app/, db/, scripts/ and server.mjs', () => {
    expect(sources.length).toBeGreaterThan(100);
    expect(find(/new Date\s*\(\s*\)|new Date\b(?!\s*\()|Date\.now\s*\(/g)).toEqual([]);
  });

  it('is the only "now" in their SQL: queries are given its value', () => {
    expect(
      find(/\b(now\s*\(\s*\)|current_date|current_time(stamp)?|localtime(stamp)?|(transaction|statement|clock)_timestamp\s*\()/gi, { inSql: true }),
    ).toEqual([]);
  });
});

describe('setting the clock', () => {
  let restore = () => {};
  afterEach(() => restore());

  it('turns to the next fiscal year at midnight of 1 April in Tokyo, although the server runs in UTC', () => {
    restore = setClock('2031-03-31T23:59:59+09:00');
    expect([todayInTokyo(), currentFiscalYear()]).toEqual(['2031-03-31', 2030]);
    setClock('2031-04-01T00:00:00+09:00');
    expect([todayInTokyo(), currentFiscalYear()]).toEqual(['2031-04-01', 2031]);
    expect(now().toISOString()).toBe('2031-03-31T15:00:00.000Z');
  });

  it('stops, or runs on from the instant it is set to, and puts back the clock it replaced', async () => {
    const before = now().getTime();
    restore = setClock('2031-04-01T00:00:00+09:00');
    const stopped = now().getTime();
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(now().getTime()).toBe(stopped);

    const back = setClock('2031-04-01T00:00:00+09:00', { running: true });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(now().getTime()).toBeGreaterThan(stopped);
    expect(now().getTime() - stopped).toBeLessThan(60_000);

    back();
    expect(now().getTime()).toBe(stopped);
    restore();
    expect(Math.abs(now().getTime() - before)).toBeLessThan(60_000);
  });

  it("refuses a time without its offset, which would be read in the server's own zone", () => {
    expect(() => setClock('2031-04-01T00:00:00')).toThrow(RangeError);
    expect(() => setClock('2031-04-01')).toThrow(RangeError);
    expect(() => setClock('2031-02-30T00:00:00+09:00')).not.toThrow();
  });
});
