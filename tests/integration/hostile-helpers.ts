import fc from 'fast-check';
import { expect } from 'vitest';
import { noticedIdOf, noticeOf } from '../helpers';

// Hostile values for every kind of field, and the one rule every form action must keep:
// never a 500 (no error other than a Response), and a 400 always says which field is wrong.

const scale = (Number(process.env.HOSTILE_RUNS) || 25) / 25;
/** `n` runs of a property, times HOSTILE_RUNS / 25 (the seed comes from tests/setup/properties.ts). */
export const runsOf = (n: number) => ({ numRuns: Math.max(1, Math.round(n * scale)) });
export const runs = runsOf(25);

const injections = [
  `<script>alert('x')</script>`,
  `"><img src=x onerror=alert(1)>`,
  `'; drop table activities; --`,
  `' or '1'='1`,
  `\\'); select pg_sleep(10); --`,
  `{{constructor.constructor('alert(1)')()}}`,
  `%00%27`,
  `\u202Eevil\u202C`,
  `null`,
];

/** Text a person could paste: control characters, emoji, combining marks, full-width digits, injections, very long. */
export const hostileText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.constantFrom(...injections, '１２３４５', 'ｶﾞｷﾞｸﾞ', 'が\u3099', '👨‍👩‍👧‍👦🇯🇵', 'e\u0301\u0301\u0301', ' \t\r\n ', '\u0000\u0001\u0007\u001b[31m', '\uFEFF\u200B'),
  fc.tuple(fc.constantFrom(...injections), fc.string({ unit: 'grapheme', maxLength: 8 })).map(([a, b]) => a + b),
  fc.integer({ min: 190, max: 60_000 }).map((n) => '長'.repeat(n)),
);

export const hostileDate = fc.oneof(
  fc.constantFrom(
    '2019-04-30',
    '2019-05-01',
    '2019-02-29',
    '2020-02-29',
    '2026-02-30',
    '2026-13-01',
    '0000-00-00',
    '9999-12-31',
    '２０２６-０４-０１',
    '2026-4-1',
    '',
    '2026/04/01',
    'R8.4.1',
    '2026-04-01T00:00:00Z',
    '-2026-04-01',
    '0000-01-01',
    '0001-01-01',
  ), // PostgreSQL has no year 0
  fc.date({ min: new Date('1800-01-01'), max: new Date('2300-12-31'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
);

export const hostileNumber = fc.oneof(
  fc.integer().map(String),
  fc.constantFrom(
    '-1',
    '0',
    '-0',
    '1e309',
    '1e3',
    'NaN',
    'Infinity',
    '９０',
    '1.5',
    '99999999999999999999',
    '0x10',
    '',
    ' 30 ',
    '30分',
    '2147483648',
    '9007199254740991',
  ), // past PostgreSQL's integer, still a safe JS integer
  fc.double({ noNaN: false }).map(String),
);

type Outcome =
  { kind: 'saved'; location: string; notice: string | null; id: number | null } | { kind: 'invalid'; body: unknown } | { kind: 'refused'; status: number };

/** Runs an action and classifies what it answered; anything that would be a 500 fails the test. */
export async function outcomeOf(run: () => Promise<unknown>): Promise<Outcome> {
  let result: unknown;
  try {
    result = await run();
  } catch (thrown) {
    if (thrown instanceof Response) {
      expect(thrown.status, 'a thrown Response must not be a 500').toBeLessThan(500);
      if (thrown.status >= 300 && thrown.status < 400)
        return { kind: 'saved', location: thrown.headers.get('Location') ?? '', notice: await noticeOf(thrown), id: await noticedIdOf(thrown) };
      return { kind: 'refused', status: thrown.status };
    }
    throw thrown; // a 500 for the user
  }
  if (result instanceof Response) {
    expect(result.status).toBeLessThan(500);
    if (result.status >= 300 && result.status < 400)
      return { kind: 'saved', location: result.headers.get('Location') ?? '', notice: await noticeOf(result), id: await noticedIdOf(result) };
    return { kind: 'refused', status: result.status };
  }
  const { data, init } = result as { data: unknown; init?: { status?: number } };
  expect(init?.status, 'a form answer other than a redirect is a 400').toBe(400);
  expect(hasErrors(data), `a 400 names what is wrong: ${JSON.stringify(data).slice(0, 300)}`).toBe(true);
  // A property whose form forgot the version it rests on would be refused every run and test nothing:
  // a refusal for the version alone means the test's form, not its hostile values, was wrong.
  const body = data as { error?: Record<string, unknown>; result?: { error?: Record<string, unknown> } } | null;
  const named = Object.entries(body?.result?.error ?? body?.error ?? {})
    .filter(([, messages]) => Array.isArray(messages) && messages.length > 0)
    .map(([field]) => field);
  expect(named, 'refused for the version alone: the form must name the version it rests on (baseVersion)').not.toEqual(['baseVersion']);
  return { kind: 'invalid', body: data };
}

export function hasErrors(value: unknown): boolean {
  if (!value || typeof value !== 'object') return false;
  for (const [key, inner] of Object.entries(value)) {
    if (
      ['error', 'errors', 'fieldErrors', 'formErrors', 'fileErrors', 'rowErrors'].includes(key) &&
      inner &&
      JSON.stringify(inner) !== '{}' &&
      JSON.stringify(inner) !== '[]'
    )
      return true;
    if (typeof inner === 'object' && hasErrors(inner)) return true;
  }
  return false;
}

/** What a required text field stores: the same text, trimmed like String.prototype.trim. */
export const asRequired = (text: string) => text.trim();
