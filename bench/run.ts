// npm run bench [-- --quick]
//               [-- --only fanout,coalesce,floors,profile,sql,paging,idle,coldstart,provider,turns]
//               [-- --sessions 100,1000] [-- --tokens 100] [-- --chats 100,1000]
//               [-- --server-node /path/to/node]
//               [-- --verbose] [-- --keep]
// Writes bench/results/<timestamp>.json, latest.json and latest.md. See bench/README.md.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Context, type Options, SERVER_ENV } from './lib/context.js';
import { gitInfo, load, machineInfo } from './lib/machine.js';
import { renderMarkdown } from './lib/report.js';
import { round } from './lib/stats.js';
import { runColdStart } from './scenarios/coldstart.js';
import { fanoutConfig, fanoutSessionsNeeded, runFanout } from './scenarios/fanout.js';
import { idleConfig, runIdle } from './scenarios/idle.js';
import { runPaging } from './scenarios/paging.js';
import { providerConfig, providerUsersNeeded, runProvider } from './scenarios/provider.js';
import { runSql } from './scenarios/sql.js';
import { runTurns, turnsConfig, turnsUsersNeeded } from './scenarios/turns.js';

const SCENARIOS = [
  'fanout',
  'coalesce',
  'floors',
  'profile',
  'sql',
  'paging',
  'idle',
  'coldstart',
  'provider',
  'turns',
];

const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    only: { type: 'string' },
    'server-node': { type: 'string' },
    verbose: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    sessions: { type: 'string' },
    tokens: { type: 'string' },
    chats: { type: 'string' },
  },
});
const only = values.only
  ? new Set(
      values.only
        .split(',')
        .map((s) => s.trim())
        .filter(Boolean),
    )
  : null;
for (const name of only ?? []) {
  if (!SCENARIOS.includes(name)) {
    console.error(`unknown scenario "${name}"; choose from ${SCENARIOS.join(', ')}`);
    process.exit(2);
  }
}
const options: Options = {
  quick: values.quick ?? false,
  only,
  serverNode: values['server-node'],
  verbose: values.verbose ?? false,
  keep: values.keep ?? false,
};

const fanout = fanoutConfig(options.quick);
// --sessions 10,100 / --tokens 200: override the fan-out's concurrency levels and answer length
if (values.sessions) {
  fanout.concurrency = values.sessions
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  fanout.profileConcurrency = Math.max(...fanout.concurrency);
}
if (values.tokens) fanout.tokens = Math.max(fanout.shortTokens + 1, Number(values.tokens));
const idle = idleConfig(options.quick);
const provider = providerConfig(options.quick);
const turns = turnsConfig(options.quick);
// --chats 100,300: override the provider and turns scenarios' concurrency levels
if (values.chats) {
  const levels = values.chats
    .split(',')
    .map(Number)
    .filter((n) => n > 0);
  provider.concurrency = levels;
  turns.concurrency = levels;
}
const ctx = new Context(
  options,
  Math.max(fanoutSessionsNeeded(fanout), idle.subscriptions),
  templateUsers(),
);

/**
 * Users (with API keys) in the template: the provider and turns scenarios run at the default rate
 * limits, so their chats are spread over enough users. Rounded up to a count that keeps the idle
 * scenario's sockets at `perSocket` subscriptions each (it groups the sessions by user).
 */
function templateUsers(): number {
  const wanted = (name: string) => !only || only.has(name);
  let users = idle.users;
  if (wanted('provider')) users = Math.max(users, providerUsersNeeded(provider));
  if (wanted('turns')) users = Math.max(users, turnsUsersNeeded(turns));
  if (users === idle.users) return users;
  const sockets = idle.subscriptions / idle.perSocket;
  for (let u = users; u <= sockets; u++) if (sockets % u === 0) return u;
  return users;
}
await mkdir(ctx.resultsDir, { recursive: true });

const started = Date.now();
const loadAtStart = load();
const results: Record<string, any> = {
  schema: 1,
  runId: ctx.runId,
  startedAt: new Date(started).toISOString(),
  mode: options.quick ? 'quick' : 'full',
  scenariosSelected: only ? [...only] : 'all',
  machine: machineInfo(),
  serverNode: options.serverNode ?? process.execPath,
  git: gitInfo(),
  configuration: {
    server: { ...SERVER_ENV, DATA_DIR: '<fresh copy of a prepared template per server>' },
    fanout,
    idle,
    provider,
    turns,
    note: 'Servers run NODE_ENV=production with rate limits raised out of the way; embedded database (PGlite) unless a scenario says otherwise. The provider and turns scenarios start the project server with its real entry point at its default settings (rate limits included).',
  },
  load: { start: loadAtStart },
  warnings: [] as string[],
  scenarios: {} as Record<string, any>,
};
if (loadAtStart.loadavg1 > loadAtStart.cpus * 0.25) {
  results.warnings.push(
    `The machine was loaded when the run started (load average ${loadAtStart.loadavg1} / ${loadAtStart.loadavg5} / ${loadAtStart.loadavg15} on ${loadAtStart.cpus} CPUs): CPU times and latencies are inflated and noisy; compare ratios, not absolute numbers.`,
  );
}
ctx.log(
  `bench ${results.mode} run ${ctx.runId} on ${results.machine.cpus} × ${results.machine.cpuModel}, node ${process.version}, commit ${results.git.describe}, load ${loadAtStart.loadavg1}`,
);

async function scenario(name: string, fn: () => Promise<unknown>) {
  const t0 = Date.now();
  try {
    const value = await fn();
    results.scenarios[name] = { ...(value as object), wallS: round((Date.now() - t0) / 1000, 1) };
  } catch (error) {
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    ctx.log(`${name} failed: ${message}`);
    results.scenarios[name] = {
      error: message.slice(0, 4000),
      wallS: round((Date.now() - t0) / 1000, 1),
    };
  }
}

let interrupted = false;
const onSignal = () => {
  if (interrupted) process.exit(130);
  interrupted = true;
  ctx.log('interrupted: stopping children…');
  void ctx.cleanup().finally(() => process.exit(130));
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  // Cold start first: its first fresh DATA_DIR (migrated and seeded) is reused for the template.
  if (ctx.wants('coldstart')) await scenario('coldstart', () => runColdStart(ctx));
  if (ctx.wants('sql')) await scenario('sql', () => runSql(ctx));
  if (ctx.wants('paging')) await scenario('paging', () => runPaging(ctx));
  if (ctx.wants('idle')) await scenario('idle', () => runIdle(ctx, idle));
  // The fan-out last: its profiled round is the one part dropped when the run is already long.
  if (['fanout', 'coalesce', 'floors', 'profile'].some((s) => ctx.wants(s))) {
    await scenario('fanout', () => runFanout(ctx, fanout));
  }
  if (ctx.wants('provider')) await scenario('provider', () => runProvider(ctx, provider));
  if (ctx.wants('turns')) await scenario('turns', () => runTurns(ctx, turns));
} finally {
  await ctx.cleanup();
}

results.load.end = load();
results.finishedAt = new Date().toISOString();
results.wallS = round((Date.now() - started) / 1000, 1);
const json = `${JSON.stringify(results, null, 2)}\n`;
const md = renderMarkdown(results);
await writeFile(path.join(ctx.resultsDir, `${ctx.runId}.json`), json);
await writeFile(path.join(ctx.resultsDir, 'latest.json'), json);
await writeFile(path.join(ctx.resultsDir, 'latest.md'), md);
ctx.log(`done in ${results.wallS} s: bench/results/${ctx.runId}.json, latest.json, latest.md`);
console.log(`\n${md}`);
process.exit(0);
