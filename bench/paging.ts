// Scenario 5 (child of bench/run.ts): keyset paging at scale on PostgreSQL. Needs
// BENCH_DATABASE_URL or TEST_DATABASE_URL (any database of the server: a dedicated database
// `bench_paging` is dropped and recreated next to it). SESSIONS sessions of one user and MESSAGES
// messages (BIG_SESSION of them in one session) are generated with set-based INSERT … SELECT
// generate_series; then the API (createApp in-process, over HTTP) serves the first page and a page
// DEPTH pages deep of `sessions` (20 per page) and of that session's `messages` (50 per page),
// with the deep cursors built from the data (the cursor of the row at that depth). Every
// statement is counted (onQuery) and the list query of each page is run once with EXPLAIN ANALYZE.
// The database is dropped at the end (kept with KEEP=1, i.e. `npm run bench -- --keep`).
import { encodeGlobalID } from '@pothos/plugin-relay';
import pg from 'pg';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { createUserWithKey } from '../src/auth/api-keys.js';
import { seedDatabase } from '../src/bootstrap.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { emit } from './lib/ipc.js';
import { normalizeSql } from './lib/sql-text.js';
import { distribution, nowMs, round } from './lib/stats.js';

const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
if (!base) throw new Error('BENCH_DATABASE_URL or TEST_DATABASE_URL is required');
const SESSIONS = Number(process.env.SESSIONS ?? 100_000);
const MESSAGES = Number(process.env.MESSAGES ?? 1_000_000);
const BIG = Number(process.env.BIG_SESSION ?? 100_000);
const DEPTH = Number(process.env.DEPTH ?? 1000);
const REPS = Number(process.env.REPS ?? 20);
const DB_NAME = 'bench_paging';

const phases: Record<string, number> = {};
const phase = async <T>(name: string, fn: () => Promise<T>): Promise<T> => {
  const t0 = nowMs();
  const v = await fn();
  phases[name] = round((nowMs() - t0) / 1000, 2);
  return v;
};

const admin = new pg.Client({ connectionString: base });
await admin.connect();
await admin.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
await admin.query(`CREATE DATABASE ${DB_NAME}`);
const serverVersion = (await admin.query('SHOW server_version')).rows[0].server_version as string;
// The search reads one block per match: whether they are in PostgreSQL's own cache matters most.
const sharedBuffers = (await admin.query('SHOW shared_buffers')).rows[0].shared_buffers as string;
await admin.end();
const u = new URL(base);
u.pathname = `/${DB_NAME}`;
const url = u.toString();

let recording = false;
const statements: { query: string; params: string }[] = [];
const database = await openDatabase({ url, onQuery: () => {} });
(
  database.prisma as unknown as {
    $on(e: 'query', cb: (e: { query: string; params: string }) => void): void;
  }
).$on('query', (e) => {
  if (recording) statements.push({ query: e.query, params: e.params });
});
await phase('migrate', () => database.migrate());
await seedDatabase(database.prisma);
const { user, key } = await createUserWithKey(database.prisma, 'paging-bench', 'bench');
const agent = await database.prisma.agent.findFirstOrThrow({ where: { isDefault: true } });

const sql = new pg.Client({ connectionString: url });
await sql.connect();
// Pairs of sessions share an updatedAt (ties are broken by id, as the API orders them).
await phase('insert sessions', () =>
  sql.query(
    `INSERT INTO "Session" (id, "userId", "workspaceId", title, "agentId", "createdAt", "updatedAt")
     SELECT gen_random_uuid(), $1, (SELECT id FROM "Workspace" WHERE "personalOfId" = $1),
            'Session ' || g, $2, t, t
     FROM generate_series(1, $3::int) AS g,
          LATERAL (SELECT timestamp '2025-01-01' + (g / 2) * interval '1 second' AS t) AS x`,
    [user.id, agent.id, SESSIONS],
  ),
);
const big = (await sql.query(`SELECT id FROM "Session" WHERE title = 'Session 1'`)).rows[0]
  .id as string;
const body = `' lorem ipsum dolor sit amet, consectetur adipiscing elit'`;
// A word of a 50-word vocabulary in every message (one in 50 has each), and a rare one in one
// message of 1,000, so that searches find some and not all of the million.
const VOCABULARY = (
  'alpine backpack boots canvas cashmere denim duffel espadrille fleece gaiter ' +
  'gloves hiking hoodie jacket jeans jersey kayak lantern leather linen loafer ' +
  'merino mittens moccasin parka poncho pullover raincoat rucksack sandals scarf ' +
  'shorts sneakers snowshoe socks softshell suede sweater swimsuit tent thermal ' +
  'trousers trekking tunic umbrella vest waders windbreaker wool zipper'
).split(' ');
const word = (g: string) =>
  `(ARRAY[${VOCABULARY.map((w) => `'${w}'`).join(',')}])[(${g} % 50) + 1] || (CASE WHEN ${g} % 1000 = 0 THEN ' aurora' ELSE '' END)`;
await phase('insert messages', async () => {
  await sql.query(
    `INSERT INTO "Message" (id, "sessionId", role, parts, text, "createdAt")
     SELECT gen_random_uuid(), $1, (CASE WHEN g % 2 = 1 THEN 'USER' ELSE 'ASSISTANT' END)::"MessageRole",
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'message ' || g || ${body})),
            'message ' || g || ${body} || ' ' || ${word('g')}, timestamp '2025-01-01' + g * interval '10 millisecond'
     FROM generate_series(1, $2::int) AS g`,
    [big, BIG],
  );
  await sql.query(
    `WITH s AS (SELECT array_agg(id) AS a, count(*)::int AS n FROM "Session" WHERE id <> $1)
     INSERT INTO "Message" (id, "sessionId", role, parts, text, "createdAt")
     SELECT gen_random_uuid(), s.a[(g % s.n) + 1],
            (CASE WHEN (g / s.n) % 2 = 0 THEN 'USER' ELSE 'ASSISTANT' END)::"MessageRole",
            jsonb_build_array(jsonb_build_object('type', 'text', 'text', 'message ' || g || ${body})),
            'message ' || g || ${body} || ' ' || ${word('g')}, timestamp '2025-01-01' + g * interval '1 millisecond'
     FROM s, generate_series(1, $2::int) AS g`,
    [big, Math.max(0, MESSAGES - BIG)],
  );
});
await phase('message counts', () =>
  sql.query(
    `UPDATE "Session" SET "messageCount" = c.n, "lastMessageId" = c.last
     FROM (SELECT "sessionId", count(*)::int AS n,
                  (array_agg(id ORDER BY "createdAt" DESC, id DESC))[1] AS last
           FROM "Message" GROUP BY "sessionId") AS c
     WHERE "Session".id = c."sessionId"`,
  ),
);
await phase('analyze', () => sql.query('VACUUM ANALYZE'));
const sizes = (
  await sql.query(
    `SELECT (SELECT count(*) FROM "Session")::int AS sessions, (SELECT count(*) FROM "Message")::int AS messages,
            pg_size_pretty(pg_database_size(current_database())) AS size`,
  )
).rows[0];

const config = loadConfig({
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  DATABASE_URL: url,
  RATE_LIMIT_SEND_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
});
const app = createApp({ config, database, logger: pino({ level: 'silent' }) });
const api = (await app.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');

const iso = `to_char(%s, 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;
const cursor = (order: string, value: string, id: string) =>
  Buffer.from(JSON.stringify([order, value, id])).toString('base64url');

/** The cursor of the `offset`-th row (0-based) of the viewer's sessions, newest first. */
async function sessionCursor(offset: number) {
  const r = await sql.query(
    `SELECT id, ${iso.replace('%s', '"updatedAt"')} AS v FROM "Session"
     WHERE "userId" = $1 AND archived = false ORDER BY "updatedAt" DESC, id DESC OFFSET $2 LIMIT 1`,
    [user.id, offset],
  );
  return {
    cursor: cursor('sessions:updatedAt:desc', r.rows[0].v, r.rows[0].id),
    id: r.rows[0].id as string,
  };
}
async function messageCursor(offset: number) {
  const r = await sql.query(
    `SELECT id, ${iso.replace('%s', '"createdAt"')} AS v FROM "Message"
     WHERE "sessionId" = $1 ORDER BY "createdAt", id OFFSET $2 LIMIT 1`,
    [big, offset],
  );
  return { cursor: cursor('messages', r.rows[0].v, r.rows[0].id), id: r.rows[0].id as string };
}

const SESSIONS_PAGE = `query Sessions($after: String) {
  sessions(first: 20, after: $after) {
    edges { cursor node { id title state messageCount updatedAt lastMessage { text } } }
    pageInfo { hasNextPage endCursor }
  }
}`;
const SESSIONS_COUNT = `query SessionsCount { sessions(first: 20) { totalCount edges { node { id } } } }`;
const MESSAGES_PAGE = `query Messages($id: ID!, $after: String) {
  session(id: $id) {
    messages(first: 50, after: $after) {
      edges { cursor node { id role text createdAt } }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

const SEARCH = `query Search($q: String!, $after: String) {
  searchMessages(query: $q, first: 20, after: $after) {
    edges { cursor rank snippet node { id text } session { id title } }
    pageInfo { hasNextPage endCursor }
  }
}`;

async function request(query: string, variables: Record<string, unknown>) {
  const t0 = nowMs();
  const res = await fetch(api, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await res.json()) as { data?: any; errors?: unknown };
  const ms = nowMs() - t0;
  if (json.errors) throw new Error(JSON.stringify(json.errors));
  return { ms, data: json.data };
}

async function explain(statement: { query: string; params: string }) {
  const params = JSON.parse(statement.params) as unknown[];
  const r = await sql.query(`EXPLAIN (ANALYZE, BUFFERS) ${statement.query}`, params);
  const plan = r.rows.map((row) => row['QUERY PLAN'] as string);
  const text = plan.join('\n');
  return {
    statement: normalizeSql(statement.query),
    plan,
    indexes: [
      ...new Set(
        [
          ...text.matchAll(
            /(?:Index (?:Only )?Scan(?: Backward)? using|Bitmap Index Scan on) "?(\w+)"?/g,
          ),
        ].map((m) => m[1]),
      ),
    ],
    sorts: (text.match(/Sort Method: [^\n]+/g) ?? []).length,
    /** Rows the index scan read and the keyset condition then threw away (a Filter, not an Index Cond). */
    rowsRemovedByFilter: [...text.matchAll(/Rows Removed by Filter: (\d+)/g)].reduce(
      (n, m) => n + Number(m[1]),
      0,
    ),
    /** Whether the keyset condition (the ordering column) is part of an index condition. */
    keysetInIndexCond: /Index Cond: [^\n]*"(updatedAt|createdAt)"/.test(text),
    sharedBuffers: Number(/Buffers: shared hit=(\d+)/.exec(text)?.[1] ?? 0),
    executionMs: Number(/Execution Time: ([\d.]+)/.exec(text)?.[1] ?? Number.NaN),
  };
}

/** Latency (REPS runs after 3 warm-ups), statements per request, EXPLAIN ANALYZE of the list query. */
async function measure(
  name: string,
  query: string,
  variables: Record<string, unknown>,
  check: (data: any) => string | null,
  listTable: 'Session' | 'Message' | 'search',
) {
  for (let i = 0; i < 3; i++) await request(query, variables);
  const ms: number[] = [];
  let perRequest = 0;
  let captured: { query: string; params: string }[] = [];
  let problem: string | null = null;
  for (let i = 0; i < REPS; i++) {
    statements.length = 0;
    recording = true;
    const r = await request(query, variables);
    recording = false;
    ms.push(r.ms);
    perRequest = statements.length;
    captured = [...statements];
    problem ??= check(r.data);
  }
  const list = captured.find((s) =>
    listTable === 'search'
      ? /websearch_to_tsquery/.test(s.query)
      : new RegExp(`FROM "public"\\."${listTable}"`).test(s.query) && /ORDER BY/.test(s.query),
  );
  const count = captured.find((s) => /COUNT\(/i.test(s.query));
  return {
    name,
    latencyMs: distribution(ms),
    statementsPerRequest: perRequest,
    statements: captured.map((s) => normalizeSql(s.query).slice(0, 160)),
    problem,
    explain: list ? await explain(list) : null,
    explainCount: count ? await explain(count) : null,
  };
}

// At most halfway down, so that the deep page still has a long list after it.
const sessionsDepth = Math.min(DEPTH, Math.floor(SESSIONS / 20 / 2));
const messagesDepth = Math.min(DEPTH, Math.floor(BIG / 50 / 2));
// Cross-check: the cursor built from the data equals the API's endCursor of page 1.
const page1 = await request(SESSIONS_PAGE, {});
const built = await sessionCursor(19);
const cursorMatches = page1.data.sessions.pageInfo.endCursor === built.cursor;

const deepSession = await sessionCursor(sessionsDepth * 20 - 1);
const deepSessionNext = await sessionCursor(sessionsDepth * 20);
const bigId = encodeGlobalID('Session', big);
const deepMessage = await messageCursor(messagesDepth * 50 - 1);
const deepMessageNext = await messageCursor(messagesDepth * 50);
const firstMessage = await messageCursor(0);
const sessionFirst = await sessionCursor(0);

const expectFirst = (get: (d: any) => any[], id: string, size: number) => (d: any) => {
  const edges = get(d);
  if (edges.length !== size) return `got ${edges.length} rows, expected ${size}`;
  const first = edges[0]?.node?.id as string;
  return first && Buffer.from(first, 'base64').toString().endsWith(id)
    ? null
    : `first row ${first} ≠ ${id}`;
};

const results = [
  await measure(
    'sessions: first page (20)',
    SESSIONS_PAGE,
    {},
    expectFirst((d) => d.sessions.edges, sessionFirst.id, 20),
    'Session',
  ),
  await measure(
    `sessions: page ${sessionsDepth + 1} (after ${sessionsDepth} pages)`,
    SESSIONS_PAGE,
    { after: deepSession.cursor },
    expectFirst((d) => d.sessions.edges, deepSessionNext.id, 20),
    'Session',
  ),
  await measure('sessions: first page with totalCount', SESSIONS_COUNT, {}, () => null, 'Session'),
  await measure(
    'messages: first page (50)',
    MESSAGES_PAGE,
    { id: bigId },
    expectFirst((d) => d.session.messages.edges, firstMessage.id, 50),
    'Message',
  ),
  await measure(
    `messages: page ${messagesDepth + 1} (after ${messagesDepth} pages)`,
    MESSAGES_PAGE,
    { id: bigId, after: deepMessage.cursor },
    expectFirst((d) => d.session.messages.edges, deepMessageNext.id, 50),
    'Message',
  ),
  await measure(
    'search: first page of a word in 2 % of the messages (20,000 at 1M)',
    SEARCH,
    { q: 'merino' },
    (d) => (d.searchMessages.edges.length === 20 ? null : 'fewer than 20 hits'),
    'search',
  ),
  await measure(
    'search: first page of a word in 0.1 % of the messages (1,000 at 1M)',
    SEARCH,
    { q: 'aurora' },
    (d) => (d.searchMessages.edges.length === 20 ? null : 'fewer than 20 hits'),
    'search',
  ),
  await measure(
    'search: two words (both needed)',
    SEARCH,
    { q: 'aurora merino' },
    () => null,
    'search',
  ),
];

emit('result', {
  database: `PostgreSQL ${serverVersion} (${DB_NAME}, shared_buffers ${sharedBuffers})`,
  data: { ...sizes, bigSessionMessages: BIG, sessionsOfViewer: SESSIONS },
  generateS: phases,
  reps: REPS,
  builtCursorMatchesApi: cursorMatches,
  pages: results,
});
await app.close();
await sql.end();
await database.close();
if (!process.env.KEEP) {
  const drop = new pg.Client({ connectionString: base });
  await drop.connect();
  await drop.query(`DROP DATABASE IF EXISTS ${DB_NAME} WITH (FORCE)`);
  await drop.end();
}
process.exit(0);
