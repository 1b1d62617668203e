import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { auditActionLabels, auditEntityLabels } from './audit-labels';

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

describe('the audit log in Japanese', () => {
  it('has words for every action and every kind of record the code writes', () => {
    const source = files(path.resolve('app'))
      .map((file) => fs.readFileSync(file, 'utf8'))
      .join('\n');
    // Literals in recordAudit calls: action: 'x' or action: cond ? 'x' : 'y', entityType: 'z'.
    const actions = [...source.matchAll(/\baction: (?:[^,}\n?']*\?\s*)?'([a-z_.]+)'(?:\s*:\s*'([a-z_.]+)')?/g)].flatMap((m) =>
      [m[1]!, m[2]].filter((a): a is string => !!a),
    );
    const entities = [...source.matchAll(/\bentityType: '([a-z_.]+)'/g)].map((m) => m[1]!);
    expect(entities.length).toBeGreaterThan(20);
    expect([...new Set(actions)].filter((a) => !(a in auditActionLabels) && a !== 'invite')).toEqual([]);
    expect([...new Set(entities)].filter((e) => !(e in auditEntityLabels))).toEqual([]);
  });
});
