// The API server as the benchmark runs it: `node --expose-gc --import tsx bench/server.ts`, started
// by bench/run.ts with the same environment as `npm start` (PORT, DATA_DIR, NODE_ENV, …).
// Differences from src/server.ts, all outside the app: the local model is driven through
// bench/model.ts (bench prompts, delta emission timestamps), and an IPC channel reports CPU,
// memory, subscriber counts and the emission trace, and runs the CPU profiler on request.
import { writeFile } from 'node:fs/promises';
import { createApp } from '../src/app.js';
import { seedDatabase } from '../src/bootstrap.js';
import { createLocalModel } from '../src/chat/models/local.js';
import { loadConfig } from '../src/config.js';
import { openDatabase } from '../src/db/client.js';
import { createLogger } from '../src/logger.js';
import { emit, serveIpc } from './lib/ipc.js';
import { ProcessStats } from './lib/process-stats.js';
import { sqlLabel } from './lib/sql-text.js';
import { createBenchModel, EmitTrace } from './model.js';

const stats = new ProcessStats();
const config = loadConfig();
const logger = createLogger(config);
// As src/bootstrap.ts openConfiguredDatabase, plus a statement counter (openDatabase's onQuery).
const statements = new Map<string, number>();
const database = await openDatabase({
  url: config.databaseUrl,
  dataDir: config.dataDir,
  onQuery: (q) => statements.set(q, (statements.get(q) ?? 0) + 1),
});
await database.migrate();
await seedDatabase(database.prisma);

/** Statements since the last reset, by kind; turn checkpoints (time-based) counted apart. */
function statementCounts() {
  const byKind: Record<string, number> = {};
  let total = 0;
  for (const [q, n] of statements) {
    const kind = /^UPDATE "public"\."Turn" SET "checkpoint"/.test(q)
      ? 'UPDATE Turn (checkpoint)'
      : sqlLabel(q);
    byKind[kind] = (byKind[kind] ?? 0) + n;
    total += n;
  }
  return { total, byKind };
}

const trace = new EmitTrace();
const model = createBenchModel(createLocalModel({ delayMs: config.localModelDelayMs }), trace);
const app = createApp({ config, database, logger, model, modelName: 'local' });
const url = await app.listen(config.port, config.host);
console.log(`listening on http://${config.host}:${new URL(url).port}/graphql`);

let stopping = false;
async function stop() {
  if (stopping) return;
  stopping = true;
  stats.close();
  await app.close();
  await database.close();
  process.exit(0);
}

serveIpc({
  stats: () => ({
    ...stats.snapshot(),
    subscribers: app.services.events.subscriberCount(),
    runningTurns: app.services.runner.runningCount(),
  }),
  resetPeak: () => stats.resetPeak(),
  gc: () => stats.gc(),
  traceReset: () => {
    trace.reset();
    statements.clear();
  },
  statements: () => statementCounts(),
  traceDump: async ({ file }: { file: string }) => {
    await writeFile(file, JSON.stringify(trace));
    return file;
  },
  profileStart: () => stats.profileStart(),
  profileStop: ({ file }: { file: string }) => stats.profileStop(file),
  drain: () => app.services.runner.drain(),
  stop: () => {
    setImmediate(() => void stop());
  },
});
process.on('SIGTERM', () => void stop());
process.on('SIGINT', () => void stop());
emit('ready', { url: url.replace('localhost', '127.0.0.1'), pid: process.pid });
