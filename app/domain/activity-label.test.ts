import fs from 'node:fs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { activityKinds, intervieweeRoles } from './codes';
import { readLabel, readLabelAs, roleOf, suggestKind, type LabelReading } from './activity-label';

// The label corpus (tests/fixtures/activity-labels.json): labels in the shapes teams write in their own
// Excel logs, each with the reading a team member would expect. The reader must match every one.

type Case = { label: string; title?: string; expect: LabelReading; note?: string };
const corpus = JSON.parse(fs.readFileSync('tests/fixtures/activity-labels.json', 'utf8')) as Case[];

describe('the label corpus', () => {
  it('holds at least 150 distinct labels over every kind and every interviewee role', () => {
    expect(new Set(corpus.map((c) => `${c.label}\u0000${c.title ?? ''}`)).size).toBe(corpus.length);
    expect(corpus.length).toBeGreaterThanOrEqual(150);
    expect(new Set(corpus.map((c) => c.expect.kind))).toEqual(new Set(activityKinds.codes));
    const roles = corpus.flatMap((c) => (c.expect.interview ? [c.expect.interview.role] : []));
    expect(new Set(roles)).toEqual(new Set(intervieweeRoles.codes));
  });

  it.each(corpus.map((c) => [`${c.label}${c.title ? ` ／ ${c.title}` : ''}`, c] as const))('reads %s', (_, c) => {
    expect(readLabel(c.label, c.title ?? '')).toEqual(c.expect);
  });
});

/** Full-width letters and digits, full-width brackets and spaces: how Excel users often type. */
const toFullWidth = (s: string) => s.replace(/[!-~]/g, (ch) => String.fromCharCode(ch.charCodeAt(0) + 0xfee0)).replace(/ /g, '\u3000');

describe('reading a label', () => {
  it('reads full-width and half-width forms, spaces and both tildes alike', () => {
    fc.assert(
      fc.property(fc.constantFrom(...corpus.filter((c) => !c.title)), fc.constantFrom('', ' ', '\u3000'), (c, pad) => {
        const wide = readLabel(pad + toFullWidth(c.label) + pad);
        expect(wide.kind).toBe(c.expect.kind);
        expect(wide.session).toEqual(c.expect.session);
        expect(wide.preassignment).toEqual(c.expect.preassignment);
        expect(wide.interview?.role).toBe(c.expect.interview?.role);
      }),
      { numRuns: 300 },
    );
    expect(readLabel('第6回研究会 7月22日〜23日').session).toEqual(readLabel('第6回研究会 7月22日~23日').session);
  });

  it('gives any text a safe reading: a known kind, a title kept as written, never an exception', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), fc.string({ maxLength: 50 }), (label, title) => {
        const reading = readLabel(label, title);
        expect(activityKinds.codes).toContain(reading.kind);
        if (reading.interview) {
          expect(intervieweeRoles.codes).toContain(reading.interview.role);
          expect(reading.interview.interviewee.trim()).not.toBe('');
        }
      }),
      { numRuns: 500 },
    );
    const long = `市長インタビュー${'あ'.repeat(2_000)}`;
    expect(readLabel(long)).toMatchObject({ kind: 'interview', title: long });
    expect(readLabel('<script>alert(1)</script>')).toEqual({ kind: 'other', title: '<script>alert(1)</script>' });
    expect(readLabel('=HYPERLINK("http://evil.example","市長インタビュー")').kind).toBe('interview');
    expect(readLabel('🎉 キックオフ 🎉')).toEqual({ kind: 'kickoff', title: '🎉 キックオフ 🎉' });
  });

  it('reads a label again as the kind the person chose, with the links of that kind', () => {
    expect(readLabelAs('年末の作業', '', 'study_session')).toEqual({ kind: 'study_session', title: '年末の作業', session: { kind: 'study', number: null } });
    expect(readLabelAs('第3回研究会', '', 'meeting')).toEqual({ kind: 'meeting', title: '第3回研究会' });
    expect(readLabelAs('企画課長と昼食', '', 'interview')).toMatchObject({ interview: { interviewee: '企画課長と昼食', role: 'manager' } });
    expect(readLabelAs('市長インタビュー', '', 'report')).toEqual({ kind: 'report', title: '市長インタビュー' });
  });

  it('suggests a kind for a title typed in quick add or the activity form', () => {
    expect(suggestKind('市長インタビュー')).toBe('interview');
    expect(suggestKind('第2回研究会')).toBe('study_session');
    expect(suggestKind('打ち上げ')).toBeNull();
    expect(roleOf('人事課長')).toBe('hr');
  });
});
