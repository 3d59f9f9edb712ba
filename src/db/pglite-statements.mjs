// Prisma's statements on the embedded database as named prepared statements, each execution sent
// to PGlite in one call. Plain JavaScript, loaded by the database's thread (pglite-worker.mjs).
//
// PGlite's own `query(sql, params)` makes six calls into PostgreSQL for every statement (Parse,
// Describe, Bind, Describe, Execute, Sync), and PostgreSQL parses and plans the text each time:
// about 800 µs for a one-row SELECT of Prisma's on this project's machine. A statement prepared
// once and then bound and executed in a single call costs about 160 µs (PostgreSQL moves to a
// cached generic plan after five executions when it is as good as the custom ones).
import { parse, protocol } from '@electric-sql/pglite';
import { PREPARABLE } from './preparable.mjs';

const { serialize } = protocol;

const concat = (parts) => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.length;
  }
  return out;
};

/**
 * A client for pglite-prisma-adapter over `db` (the subset of PGlite's interface the adapter
 * uses: query, exec, transaction, and in a transaction query, exec, rollback, closed), with
 * `query` served from at most `size` prepared statements (least recently used closed first).
 */
export function preparedClient(db, size = 256) {
  /** @type {Map<string, { name: string, types: number[] }>} */
  const statements = new Map();
  /** Prepared statements to close with the next call. */
  let closing = [];
  let counter = 0;

  /** After anything that may change the schema, plans are made again. */
  const forget = () => {
    for (const { name } of statements.values()) closing.push(name);
    statements.clear();
  };

  /** PGlite's parsers with the adapter's own over them, merged once (not per result). */
  const parsersFor = new WeakMap();
  const resultOptions = (options) => {
    if (!options?.parsers) return [db.parsers, options];
    let merged = parsersFor.get(options.parsers);
    if (!merged) {
      merged = { ...db.parsers, ...options.parsers };
      parsersFor.set(options.parsers, merged);
    }
    return [merged, { ...options, parsers: undefined }];
  };

  const call = async (messages) =>
    (await db.execProtocol(concat(messages), { syncToFs: false })).messages;

  async function prepare(sql) {
    const name = PREPARABLE.test(sql) ? `prisma_${++counter}` : '';
    if (name && statements.size >= size) {
      // The least recently used one makes room, closed in the same call.
      const [oldest, { name: old }] = statements.entries().next().value;
      statements.delete(oldest);
      closing.push(old);
    }
    const closes = closing.map((n) => serialize.close({ type: 'S', name: n }));
    closing = [];
    const replies = await call([
      ...closes,
      serialize.parse({ name, text: sql }),
      serialize.describe({ type: 'S', name }),
      serialize.sync(),
    ]);
    const described = replies.find((m) => m.name === 'parameterDescription');
    const statement = { name, types: described?.dataTypeIDs ?? [] };
    if (name) statements.set(sql, statement);
    return statement;
  }

  async function run(sql, params = [], options = undefined) {
    let statement = statements.get(sql);
    if (statement) {
      // Most recently used last.
      statements.delete(sql);
      statements.set(sql, statement);
    } else {
      statement = await prepare(sql);
    }
    // Parameters are serialized as PGlite's query() does: by the types PostgreSQL inferred.
    const values = params.map((value, i) => {
      if (value == null) return null;
      const serializer =
        options?.serializers?.[statement.types[i]] ?? db.serializers[statement.types[i]];
      return serializer ? serializer(value) : value.toString();
    });
    const replies = await call([
      serialize.bind({ statement: statement.name, values }),
      serialize.describe({ type: 'P' }),
      serialize.execute({}),
      serialize.sync(),
    ]);
    if (!statement.name) forget();
    const [parsers, rest] = resultOptions(options);
    return parse.parseResults(replies, parsers, rest)[0];
  }

  return {
    // Outside a transaction a statement waits for the running one to end, as in PGlite's query().
    query: (sql, params, options) =>
      db._runExclusiveTransaction(() =>
        db._runExclusiveQuery(async () => {
          const result = await run(sql, params, options);
          await db.syncToFs();
          return result;
        }),
      ),
    exec: (sql, options) => {
      forget();
      return db.exec(sql, options);
    },
    transaction: (fn) =>
      db.transaction((tx) =>
        fn({
          query: (sql, params, options) => {
            if (tx.closed) throw new Error('Transaction is closed');
            return db._runExclusiveQuery(() => run(sql, params, options));
          },
          exec: (sql, options) => {
            forget();
            return tx.exec(sql, options);
          },
          rollback: () => tx.rollback(),
          get closed() {
            return tx.closed;
          },
        }),
      ),
  };
}
