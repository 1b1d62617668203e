import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { is } from 'drizzle-orm';
import { PgTable } from 'drizzle-orm/pg-core';
import * as schema from '../../db/schema';
import { auditActionLabels, auditEntityLabels } from '../domain/audit-labels';

// Only app/models/*.server.ts touch the database (db/); utils/boot.server.ts opens it at start-up.
// Routes, components and the other utils go through the models (README, docs/conventions.md).

function files(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? files(full) : /\.tsx?$/.test(entry.name) && !entry.name.includes('.test.') ? [full] : [];
  });
}

describe('layers', () => {
  it('imports db/ only from app/models and the boot', () => {
    const app = path.resolve('app');
    const offenders = files(app)
      .map((file) => path.relative(app, file))
      .filter((file) => !file.startsWith(`models${path.sep}`) && file !== path.join('utils', 'boot.server.ts'))
      .filter((file) => /from '(\.\.\/)+db\//.test(fs.readFileSync(path.join(app, file), 'utf8')));
    expect(offenders).toEqual([]);
  });

  it('refuses in one way: routes call notFound, badRequest or the permission helpers, never build a refusal', () => {
    const routes = path.resolve('app/routes');
    const offenders = files(routes)
      .map((file) => path.relative(routes, file))
      .filter((file) =>
        /new Response\([^)]*status: 4\d\d|new Response\('(Not Found|Bad Request|Forbidden)'/.test(fs.readFileSync(path.join(routes, file), 'utf8')),
      );
    expect(offenders).toEqual([]);
  });

  it("checks an action's rights in one way: every action reads its intent through a permission helper", () => {
    const routes = path.resolve('app/routes');
    const offenders = files(routes)
      .filter((file) => /export async function action/.test(fs.readFileSync(file, 'utf8')))
      .filter(
        (file) => !/require(Team|Public)?Intent\(request/.test(fs.readFileSync(file, 'utf8')) || /request\.formData\(\)/.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(routes, file));
    expect(offenders).toEqual([]);
  });

  it('answers a form of a page with several in one shape: { form, result } from formReply (form-reply.server.ts)', () => {
    const routes = path.resolve('app/routes');
    // The names each page used to give its own: { intent, result }, { which, result }, { forId, result }, { restoreFailed, errors }.
    const offenders = files(routes).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/(?:data\(|return )\{\s*(intent|which|forId|restoreFailed|section)\b/g)].map(
        (m) => `${path.relative(routes, file)}: ${m[1]}`,
      ),
    );
    expect(offenders).toEqual([]);
  });

  it('says what a save did in one way: a notice (notice.server.ts), never a query in the address it redirects to', () => {
    const app = path.resolve('app');
    // The one query a redirect carries is the sign-in page's way back (a place, not a message).
    const offenders = files(app)
      .flatMap((file) =>
        [...fs.readFileSync(file, 'utf8').matchAll(/redirect(?:WithNotice)?\(\s*[`'"]([^`'"]*\?[^`'"]*)/g)].map((m) => `${path.relative(app, file)}: ${m[1]}`),
      )
      .filter((found) => !/^utils\/auth\.server\.ts: \/login\?\$\{new URLSearchParams\(\{ redirectTo: back/.test(found));
    expect(offenders).toEqual([]);
  });
  it('decides who reads an interview in one place: no model, route or component names interview visibilities of its own', () => {
    // The viewer's visibilities come from app/utils/permissions.ts (teamAccess, handoverVisibilities);
    // a list written in a query or a loader (['municipality', 'program']) showed organizers team notes.
    const app = path.resolve('app');
    const offenders = ['models', 'routes', 'components']
      .flatMap((dir) => files(path.join(app, dir)))
      .filter((file) =>
        /\[\s*'(team|municipality|program)'(\s*,\s*'(team|municipality|program)')*\s*\]|visibility\s*(=|in)\s*\(?\s*'/.test(fs.readFileSync(file, 'utf8')),
      )
      .map((file) => path.relative(app, file));
    expect(offenders).toEqual([]);
  });
});

describe('correlated subqueries', () => {
  // drizzle writes a one-table select's columns without their table, so `${teams.id}` inside
  // `(select … from team_members tm where tm.team_id = ${teams.id})` became tm's own "id" and every row
  // counted every other (/admin/years showed one total on every year). qualified() names the table.
  it('name every column through qualified() in a (select …) of a sql template', () => {
    const tables = new Set(Object.entries(schema).flatMap(([name, value]) => (is(value, PgTable) ? [name] : [])));
    const offenders = files(path.resolve('app')).flatMap((file) =>
      [...fs.readFileSync(file, 'utf8').matchAll(/sql(?:<[^>]*>)?`([^`]*)`/g)]
        .filter((m) => /\(\s*select\b/i.test(m[1]!))
        .flatMap((m) => [...m[1]!.matchAll(/\$\{\s*([A-Za-z_]\w*)\.[A-Za-z_]\w*\s*\}/g)])
        .filter((ref) => tables.has(ref[1]!))
        .map((ref) => `${path.relative('.', file)}: ${ref[0]}`),
    );
    expect(offenders).toEqual([]);
  });
});

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
