import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

// Rules the test files keep so the suite tells the truth on every run (issue 14): a test waits for
// what it needs to see, never for a fixed time, which is either too short on a busy machine (a
// flaky failure) or longer than needed (a slow suite).

const root = path.resolve('tests');
const self = path.resolve(__filename);

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) && full !== self ? [full] : [];
  });
}

/** `file:line: text` of every line that matches. */
function offending(pattern: RegExp): string[] {
  return files(root).flatMap((file) =>
    fs.readFileSync(file, 'utf8').split('\n').flatMap((line, i) => (pattern.test(line) ? [`${path.relative(root, file)}:${i + 1}: ${line.trim()}`] : [])),
  );
}

describe('the test files', () => {
  it('never wait a fixed time in the browser (page.waitForTimeout)', () => {
    expect(offending(/\.waitForTimeout\s*\(/)).toEqual([]);
  });

  it('never sleep: no promise that only resolves after a timer, no timers/promises', () => {
    // new Promise((r) => setTimeout(r, 250)), new Promise((resolve) => { setTimeout(resolve, 250); })
    const bareSleep = /new Promise\s*(<[^>]*>)?\(\s*\(?\s*(\w+)\s*\)?\s*=>\s*\{?\s*setTimeout\(\s*\2\s*,/;
    expect(offending(bareSleep)).toEqual([]);
    expect(offending(/from\s+['"](node:)?timers\/promises['"]|\bsleep\s*\(/)).toEqual([]);
  });
});
