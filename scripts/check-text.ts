// Looks for text stored already broken — U+FFFD or control characters, as the React stream bug left
// them in form fields (docs/decisions/0009) — in every text column: `npm run db:check-text [-- --json]`.
// Read-only and without migrations, so it may run against a PostgreSQL database in use.
// Exit code 0: nothing found, 1: something found (listed), 2: could not check (one line on stderr).
import fs from 'node:fs';
import path from 'node:path';
import { checkStoredText, type TextCheck, type TextHit } from '../app/models/text-check.server';
import { readEnv } from '../app/utils/env.server';
import { openDb, setDb, type DbHandle } from '../db/client';
import { DataDirLockedError } from '../db/lock';

const args = process.argv.slice(2);
const asJson = args.includes('--json');
let handle: DbHandle | undefined;
let exitCode = 2;
try {
  if (args.some((a) => a !== '--json')) throw new Error('使い方: npm run db:check-text [-- --json]');
  const env = readEnv();
  const { handle: opened, where } = await open(env.DATABASE_URL, env.PGLITE_DIR);
  handle = opened;
  setDb(handle); // app/models read the process-wide database
  const result = await checkStoredText();
  console.log(asJson ? JSON.stringify(summary(result), null, 2) : report(result, where));
  exitCode = result.hits.length ? 1 : 0;
} catch (error) {
  console.error(`文字化けの確認ができませんでした: ${oneLine(error)}`);
} finally {
  await handle?.close().catch(() => {});
}
process.exit(exitCode);

async function open(databaseUrl: string | undefined, pgliteDir: string) {
  if (databaseUrl) {
    const url = new URL(databaseUrl); // never print the password
    return { handle: await openDb({ databaseUrl }), where: `PostgreSQL ${url.host}${url.pathname}` };
  }
  const dir = path.resolve(pgliteDir);
  // openDb would create an empty database in a missing folder: a typo must not look like "no damage".
  if (!fs.existsSync(path.join(dir, 'PG_VERSION'))) throw new Error(`PGLITE_DIR にデータベースがありません: ${dir}`);
  try {
    return { handle: await openDb({ pgliteDir: dir }), where: `PGlite ${dir}` };
  } catch (error) {
    if (!(error instanceof DataDirLockedError)) throw error;
    throw new Error(`PGlite のデータフォルダ ${dir} は別のプロセスが使用中です。サーバーを止めてから実行してください（${error.message}）`);
  }
}

function summary(result: TextCheck) {
  return { count: result.hits.length, teams: teamCount(result.hits), ...result };
}

function teamCount(hits: TextHit[]) {
  return new Set(hits.flatMap((h) => (h.teamId === null ? [] : [h.teamId]))).size;
}

function report({ hits, tables, columns, skippedColumns }: TextCheck, where: string): string {
  const lines = [
    `U+FFFD（�）と制御文字を探しました: ${tables}表・${columns}列（${where}、読み取りのみ）`,
    `読まなかった列（パスワード・トークンのハッシュ）: ${skippedColumns.join(', ') || 'なし'}`,
    '',
  ];
  let group: string | undefined;
  for (const hit of hits) {
    const heading = hit.team === null ? '■ チームに属さない記録' : `■ ${hit.team}（チームID ${hit.teamId}）`;
    if (heading !== group) lines.push((group = heading));
    const label = hit.columnLabel ? `（${hit.columnLabel}）` : '';
    const odd = hit.codes.length > 1 || hit.codes[0] !== 'U+FFFD' ? ` [${tally(hit.codes)}]` : '';
    lines.push(`  ${hit.tableLabel}［${hit.table} ${hit.recordKey}=${hit.recordId}］${hit.column}${label}${odd}`);
    lines.push(`    ${hit.excerpt}`);
  }
  if (!hits.length) return [...lines, '文字化けの疑いがある箇所はありません'].join('\n');
  const noTeam = hits.filter((h) => h.teamId === null).length;
  const others = noTeam ? `、チームに属さない記録${noTeam}件` : '';
  return [...lines, '', `文字化けの疑いがある箇所: ${hits.length}件（${teamCount(hits)}チーム${others}）`].join('\n');
}

/** U+FFFD×2 U+0001 */
function tally(codes: string[]): string {
  const counts = new Map<string, number>();
  for (const code of codes) counts.set(code, (counts.get(code) ?? 0) + 1);
  return [...counts].map(([code, n]) => (n > 1 ? `${code}×${n}` : code)).join(' ');
}

/** The root cause on one line, as db/cli.ts prints it. */
function oneLine(error: unknown): string {
  const cause = error instanceof Error && error.cause instanceof Error ? error.cause : error;
  const text = cause instanceof Error ? cause.message : String(cause);
  return text.replace(/\s+/g, ' ').slice(0, 300);
}
