// npm run check:matrix [-- --write] [-- --only "file intent" …]
//
// Proves that the access-matrix test sees every declared need: in a temporary copy of the project,
// each intent's need is weakened in turn (a member-only intent opened to everyone who may write, a
// write opened to commenters, an organizer's intent opened to everyone signed in …), and that
// intent's rows of the matrix are run. A weakening the rows do not catch is reported. With --write
// the result replaces the "Mutation check" section of docs/access.md. Not part of CI: it takes a
// while (one vitest run per intent).

import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { now } from '../app/utils/clock';

const weaker: Record<string, string> = {
  'team:member': 'team:write',
  'team:mentor': 'team:comment',
  'team:write': 'team:comment',
  'team:comment': 'team:view',
  'team:readProgress': 'team:view',
  'team:readSheet': 'team:view',
  'team:view': 'signedIn',
  organizer: 'signedIn',
  alumni: 'signedIn',
  'record:groupMember': 'signedIn',
  'record:requester': 'signedIn',
  // 'signedIn' and 'anyone' have nothing weaker that the helpers accept.
};

// Weakenings a second check still refuses, by design: the rows cannot tell them apart, and the
// report names the check instead of calling them missed.
const heldElsewhere: Record<string, string> = {
  'teams.$teamId.moyamoya.tsx checkin': "saveCheckin writes only the signed-in person's own figure, on a team they are a member of",
  'alumni._index.tsx withdraw': "withdrawOffer changes only the signed-in person's own offer; anyone else's is not found (404)",
};

type Declared = { file: string; intent: string; need: string };

function declarations(root: string): Declared[] {
  const dir = path.join(root, 'app/routes');
  const found: Declared[] = [];
  for (const file of fs.readdirSync(dir).sort()) {
    const text = fs.readFileSync(path.join(dir, file), 'utf8');
    const block = /export const intents = (\{[\s\S]*?\}) as const/.exec(text)?.[1];
    if (!block) continue;
    for (const [, intent, need] of block.matchAll(/'?([\w-]+)'?:\s*'([\w:]+)'/g)) found.push({ file, intent: intent!, need: need! });
  }
  return found;
}

function weaken(text: string, intent: string, from: string, to: string): string {
  const start = text.indexOf('export const intents = {');
  const end = text.indexOf('} as const', start);
  const block = text.slice(start, end);
  const key = /^[a-z]+$/.test(intent) ? intent : `'${intent}'`;
  const changed = block.replace(`${key}: '${from}'`, `${key}: '${to}'`);
  if (changed === block) throw new Error(`cannot find ${key}: '${from}'`);
  return text.slice(0, start) + changed + text.slice(end);
}

const repo = process.cwd();
const copy = fs.mkdtempSync(path.join(os.tmpdir(), 'check-matrix-'));
const files = execFileSync('git', ['ls-files', '-co', '--exclude-standard'], { cwd: repo, encoding: 'utf8' }).split('\n').filter(Boolean);
for (const file of files) {
  if (!fs.existsSync(path.join(repo, file))) continue;
  fs.mkdirSync(path.dirname(path.join(copy, file)), { recursive: true });
  fs.copyFileSync(path.join(repo, file), path.join(copy, file));
}
fs.symlinkSync(path.join(repo, 'node_modules'), path.join(copy, 'node_modules'));

const results: (Declared & { weakened: string; caught: boolean; held?: string })[] = [];
// --only "file intent" (repeatable): weaken just these, e.g. to confirm a fix after a full run.
const only = process.argv.flatMap((arg, i) => (process.argv[i - 1] === '--only' ? [arg] : []));
for (const d of declarations(copy).filter((d) => only.length === 0 || only.includes(`${d.file} ${d.intent}`))) {
  const to = weaker[d.need];
  if (!to) continue;
  const target = path.join(copy, 'app/routes', d.file);
  const original = fs.readFileSync(target, 'utf8');
  fs.writeFileSync(target, weaken(original, d.intent, d.need, to));
  const run = spawnSync('npx', ['vitest', 'run', '--project', 'pglite', 'tests/integration/access-matrix.test.ts'], {
    cwd: copy,
    env: { ...process.env, MATRIX_ONLY: `${d.file} ${d.intent}`, TEST_DATABASE_URL: '' },
    encoding: 'utf8',
  });
  fs.writeFileSync(target, original);
  const caught = run.status !== 0;
  const held = heldElsewhere[`${d.file} ${d.intent}`];
  results.push({ ...d, weakened: to, caught, held });
  console.log(`${caught ? 'caught ' : held ? 'held   ' : 'MISSED '} ${d.file} ${d.intent}: ${d.need} → ${to}${!caught && held ? ` (${held})` : ''}`);
}
fs.rmSync(copy, { recursive: true, force: true });

const missed = results.filter((r) => !r.caught && !r.held);
const held = results.filter((r) => !r.caught && r.held);
const day = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Tokyo' }).format(now());
const section = [
  '## Mutation check',
  '',
  `\`npm run check:matrix\` (${day}): each declared need weakened in turn, ${results.length} weakenings, ` +
    `${results.length - missed.length - held.length} caught by the matrix rows, ${held.length} still refused by a second check, ${missed.length} missed.`,
  ...(held.length || missed.length
    ? [
        '',
        '| File | Intent | Need → weakened | |',
        '|---|---|---|---|',
        ...[...held, ...missed].map(
          (m) => `| \`${m.file}\` | \`${m.intent}\` | \`${m.need}\` → \`${m.weakened}\` | ${m.held ? `held: ${m.held}` : '**missed**'} |`,
        ),
      ]
    : []),
  '',
].join('\n');
console.log(`\n${section}`);
if (process.argv.includes('--write')) {
  const doc = path.join(repo, 'docs/access.md');
  const text = fs.readFileSync(doc, 'utf8');
  const start = text.indexOf('## Mutation check');
  const next = start < 0 ? -1 : text.indexOf('\n## ', start + 1);
  const updated = start < 0 ? text.replace('## Cells\n', `${section}\n## Cells\n`) : text.slice(0, start) + section + (next < 0 ? '' : text.slice(next + 1));
  fs.writeFileSync(doc, updated);
}
process.exit(missed.length ? 1 : 0);
