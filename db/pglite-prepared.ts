import { parse, protocol, type ParserOptions, type PGlite, type QueryOptions, type Results } from '@electric-sql/pglite';

// PGlite parses and plans every query again: its `query` sends each one as an unnamed statement. In its
// WebAssembly build planning is most of a query's cost (the organizer dashboard's figures: 15 ms a run,
// 6 ms prepared), so a read is prepared once as a named statement and then only bound and executed, as
// the PostgreSQL server's connections do (docs/decisions/0027). Every message of a run goes to PGlite in one
// call, ending with Sync, so a failed run leaves the session ready for the next.

/** Statements kept at most: `in (…)` lists of every length make new texts; past this, PGlite's own query. */
export const preparedLimit = 300;
// Reads only: writes and DDL are rare, and a statement kept across a migration could outlive its table.
const isRead = /^\s*(select|with)\b/i;

type Statement = { name: string; paramTypes: number[] };
type Run = { inTransaction: boolean };

const concat = (parts: Uint8Array[]) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
};

/**
 * A query's own parsers over the database's, looked up through the prototype: PGlite's parseResults copied the
 * database's 300-odd parsers into a new object for every query given its own (drizzle gives its own to every
 * query), a seventh of the team dashboard's time on PGlite. A value's parser is found as by that copy.
 */
function withOwn(base: PGlite['parsers'], own: ParserOptions): PGlite['parsers'] {
  return Object.assign(Object.create(base) as PGlite['parsers'], own);
}

export function preparedStatements(target: PGlite) {
  const statements = new Map<string, Statement>();
  let named = 0;
  const { serialize } = protocol;

  async function prepare(text: string, options?: QueryOptions): Promise<Statement> {
    const name = `jm_${++named}`;
    const { messages } = await target.execProtocol(
      concat([serialize.parse({ name, text, types: options?.paramTypes }), serialize.describe({ type: 'S', name }), serialize.sync()]),
      { syncToFs: false },
    );
    const statement = { name, paramTypes: parse.parseDescribeStatementResults(messages) };
    statements.set(text, statement);
    return statement;
  }

  async function run<T>(how: Run, text: string, params: unknown[], options?: QueryOptions, again = true): Promise<Results<T>> {
    try {
      return await execute<T>(how, text, params, options);
    } catch (error) {
      // A table changed under a kept statement (its columns, after a migration): prepared again, once.
      if (!again || (error as { code?: string }).code !== '0A000') throw error;
      const kept = statements.get(text);
      statements.delete(text);
      if (kept) await target.execProtocol(concat([serialize.close({ type: 'S', name: kept.name }), serialize.sync()]), { syncToFs: false });
      return run<T>(how, text, params, options, false);
    }
  }

  async function execute<T>({ inTransaction }: Run, text: string, params: unknown[], options?: QueryOptions): Promise<Results<T>> {
    const statement = statements.get(text) ?? (await prepare(text, options));
    const values = params.map((value, i) => {
      if (value === null || value === undefined) return null;
      const type = statement.paramTypes[i]!;
      const serializer = options?.serializers?.[type] ?? target.serializers[type];
      return serializer ? serializer(value) : String(value);
    });
    const { messages } = await target.execProtocol(
      concat([
        serialize.bind({ statement: statement.name, values: values as string[] }),
        serialize.describe({ type: 'P' }),
        serialize.execute({}),
        serialize.sync(),
      ]),
      { syncToFs: false },
    );
    if (!inTransaction) await target.syncToFs();
    const parsers = options?.parsers;
    if (!parsers) return parse.parseResults(messages, target.parsers, options)[0] as Results<T>;
    return parse.parseResults(messages, withOwn(target.parsers, parsers), { ...options, parsers: undefined })[0] as Results<T>;
  }

  return {
    /**
     * PGlite's `query` for `via` (the database, or a transaction's own handle), with reads prepared. Under
     * the same locks as PGlite's own: a transaction's queries inside its hold, others outside any.
     */
    query<T>(via: Pick<PGlite, 'query'>, inTransaction: boolean, text: string, params: unknown[] = [], options?: QueryOptions): Promise<Results<T>> {
      const kept = statements.has(text);
      if (options?.blob || !isRead.test(text) || (!kept && statements.size >= preparedLimit)) return via.query<T>(text, params, options);
      const exclusive = () => target._runExclusiveQuery(() => run<T>({ inTransaction }, text, params, options));
      return inTransaction ? exclusive() : target._checkReady().then(() => target._runExclusiveTransaction(exclusive));
    },
    /** How many statements are kept (for the tests). */
    get size() {
      return statements.size;
    },
  };
}
