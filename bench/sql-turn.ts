// Scenario 4 (child of bench/run.ts): SQL statements of one whole turn (the sendMessage request,
// the run, the stored answer) for a 10-token and a 1,000-token answer: createApp in-process on an
// in-memory embedded database, every statement counted through openDatabase's onQuery,
// LOCAL_MODEL_DELAY_MS=0. Token deltas must not touch the database: both counts must be equal.
import { decodeGlobalID } from '@pothos/plugin-relay';
import pino from 'pino';
import { createApp } from '../src/app.js';
import { createUserWithKey } from '../src/auth/api-keys.js';
import { seedDatabase } from '../src/bootstrap.js';
import { createLocalModel } from '../src/chat/models/local.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { emit } from './lib/ipc.js';
import { diffStatements, normalizeSql, summarizeStatements } from './lib/sql-text.js';
import { nowMs, round, sleep } from './lib/stats.js';
import { benchPrompt } from './lib/text.js';
import { createBenchModel } from './model.js';

let recording = false;
const queries: string[] = [];
// A copy of the run's prepared embedded database (DATA_DIR), or an in-memory one.
const database = await openDatabase({
  dataDir: process.env.DATA_DIR || undefined,
  onQuery: (q) => {
    if (recording) queries.push(q);
  },
});
await database.migrate();
await seedDatabase(database.prisma);
const { key } = await createUserWithKey(database.prisma, `sql-bench-${process.pid}`, 'bench');
const env = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'silent',
  LOCAL_MODEL_DELAY_MS: '0',
  RATE_LIMIT_SEND_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
};
const config = loadConfig(env);
const app = createApp({
  config,
  database,
  model: createBenchModel(createLocalModel({ delayMs: 0 })),
  modelName: 'local',
  logger: pino({ level: 'silent' }),
});
const url = (await app.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');

async function gql(query: string, variables: Record<string, unknown>) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await res.json()) as { data?: any; errors?: unknown };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

async function newSession(title: string): Promise<string> {
  const data = await gql(
    'mutation($input: CreateSessionInput!) { createSession(input: $input) { session { id } } }',
    { input: { title } },
  );
  return data.createSession.session.id;
}

/** Every statement from the sendMessage request to the turn's last write. */
async function turn(sessionId: string, tokens: number) {
  queries.length = 0;
  recording = true;
  const t0 = nowMs();
  const data = await gql(
    'mutation($input: SendMessageInput!) { sendMessage(input: $input) { turn { id } } }',
    { input: { sessionId, text: benchPrompt(tokens, `sql-${tokens}-${sessionId.slice(-6)}`) } },
  );
  await app.services.runner.drain();
  const ms = nowMs() - t0;
  await sleep(200); // anything trailing the turn (none expected) is counted too
  recording = false;
  const turnRow = await database.prisma.turn.findUniqueOrThrow({
    where: { id: decodeGlobalID(data.sendMessage.turn.id).id },
    include: { assistantMessage: true },
  });
  return {
    turnId: data.sendMessage.turn.id as string,
    status: turnRow.status,
    answerWords: turnRow.assistantMessage?.text.split(/\s+/).filter(Boolean).length ?? 0,
    ms: round(ms, 1),
    statements: [...queries],
  };
}

const warm = await turn(await newSession('SQL warm-up'), 10);
const small = await turn(await newSession('SQL 10 tokens'), 10);
const large = await turn(await newSession('SQL 1000 tokens'), 1000);
const diff = diffStatements(small.statements, large.statements);
emit('result', {
  database: process.env.DATA_DIR ? 'PGlite (embedded, on disk)' : 'PGlite (in memory)',
  checkpointMs: config.turnCheckpointMs,
  note: 'A turn also writes one checkpoint UPDATE per TURN_CHECKPOINT_MS of its duration (time-based, not per token); these turns are shorter than that.',
  warmUp: { statements: warm.statements.length, ms: warm.ms },
  turns: [small, large].map((t) => ({
    answerTokens: t.answerWords,
    status: t.status,
    ms: t.ms,
    statements: t.statements.length,
    byKind: summarizeStatements(t.statements),
  })),
  equal: small.statements.length === large.statements.length && diff.length === 0,
  differences: diff,
  statementsOf10TokenTurn: small.statements.map((q) => normalizeSql(q).slice(0, 200)),
});
await app.close();
await database.close();
process.exit(0);
