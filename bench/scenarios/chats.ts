// The runner's side of one round of chats (provider and turns scenarios): C chats at once through
// bench/chat-clients.ts, with the server measured from outside: CPU from /proc (the clients read it
// at the first request, at the last turn end and once the titles are in), GET /metrics before and
// after the round (event-loop delay, SQL statement counter), what the clients received.
import path from 'node:path';
import type { ChatSpec, ChatTarget } from '../chat-clients.js';
import type { Context } from '../lib/context.js';
import type { Child } from '../lib/ipc.js';
import { type ProjectServer, scrapeMetrics } from '../lib/project-server.js';
import { round } from '../lib/stats.js';

/** The rate limits' defaults: 30 sendMessage per user per minute, 600 operations per key. */
export const CHATS_PER_USER = 25;

/** Users (API keys) one server's rounds take: each round its own, at most CHATS_PER_USER chats each. */
export const usersForRounds = (rounds: number[]) =>
  rounds.reduce((n, c) => n + Math.ceil(c / CHATS_PER_USER), 0);

/** Hands out a server's users round by round, so no user sends more than the limit allows. */
export class UserPool {
  private next = 0;
  constructor(private readonly keys: string[]) {}

  /** Tokens for `chats` chats: ceil(chats / CHATS_PER_USER) users of their own, round-robin. */
  take(chats: number): string[] {
    const n = Math.ceil(chats / CHATS_PER_USER);
    if (this.next + n > this.keys.length) {
      throw new Error(
        `the template holds ${this.keys.length} users, ${this.next + n} are needed (raise the users bench/run.ts prepares)`,
      );
    }
    const users = this.keys.slice(this.next, this.next + n);
    this.next += n;
    return Array.from({ length: chats }, (_, i) => users[i % n] as string);
  }
}

export interface ServerRef {
  label: string;
  target: ChatTarget;
  /** Database of the project's server: 'pglite' or 'postgresql'; none for the reference. */
  database?: 'pglite' | 'postgresql';
  pid: number;
  url: string;
  project?: ProjectServer;
  pgDatabase?: string;
}

const metric = (m: Map<string, number> | null, name: string) => m?.get(name);

export async function chatRound(
  ctx: Context,
  opts: {
    /** short: the same C with few words, for the split into per-chat and per-word cost. */
    kind: 'main' | 'warmup' | 'short';
    server: ServerRef;
    chats: ChatSpec[];
    waitTitle: boolean;
    provider?: Child;
    providerPid?: number;
    timeoutMs: number;
    titleWaitMs?: number;
  },
) {
  const { server, chats } = opts;
  const clients = await ctx.chatClients();
  ctx.log(
    `  ${server.label}: ${chats.length} chats${opts.kind === 'main' ? '' : ` (${opts.kind === 'warmup' ? 'warm-up' : `${chats[0]?.words} words`})`}`,
  );
  if (opts.provider) await opts.provider.call('traceReset');
  // prom-client resets its event-loop histogram on every scrape: this one starts the window
  const before = server.project ? await scrapeMetrics(server.url) : null;
  const errorsBefore = server.project?.errors().count ?? 0;
  const load = ctx.load();
  const titleWaitMs = opts.titleWaitMs ?? 30_000;
  const run = await clients.call(
    'run',
    {
      target: server.target,
      url: server.url,
      chats,
      waitTitle: opts.waitTitle,
      titleWaitMs,
      timeoutMs: opts.timeoutMs,
      serverPid: server.pid,
      providerPid: opts.providerPid,
      pgDatabase: server.pgDatabase,
    },
    opts.timeoutMs + titleWaitMs + 120_000,
  );
  const after = server.project ? await scrapeMetrics(server.url) : null;
  let providerStats: any;
  let tracePath: string | undefined;
  if (opts.provider) {
    tracePath = path.join(await ctx.tmp, `provider-trace-${server.label}-${chats.length}.json`);
    providerStats = await opts.provider.call('traceDump', { file: tracePath });
  }
  const report = await clients.call('report', { tracePath }, 300_000);
  await clients.call('close');
  const errors = server.project?.errors();

  const wallS = run.wallMs / 1000;
  const cpu = run.cpuMs.allIn as Record<string, number | null>;
  const cpuTurnEnd = run.cpuMs.toTurnEnd as Record<string, number | null>;
  const words = Math.max(1, report.wordsDelivered);
  const turns = Math.max(1, report.finished);
  const queriesBefore = metric(before, 'chat_db_queries_total');
  const queriesAfter = metric(after, 'chat_db_queries_total');
  const lagP99 = metric(after, 'nodejs_eventloop_lag_p99_seconds');
  const lagMax = metric(after, 'nodejs_eventloop_lag_max_seconds');
  const us = (ms: number | null | undefined, per: number) =>
    ms == null ? null : round((ms * 1000) / per, 1);
  return {
    kind: opts.kind,
    label: server.label,
    target: server.target,
    database: server.database,
    chats: chats.length,
    wallS: round(wallS, 2),
    allInWallS: round(run.allInWallMs / 1000, 2),
    timedOut: run.timedOut,
    titleTimedOut: run.titleTimedOut,
    wordsDelivered: report.wordsDelivered,
    wordsExpected: report.wordsExpected,
    wordsPerS: round(report.wordsDelivered / wallS, 0),
    serverCpuS: cpu.server == null ? null : round(cpu.server / 1000, 2),
    serverCpuToTurnEndS: cpuTurnEnd.server == null ? null : round(cpuTurnEnd.server / 1000, 2),
    serverCoresBusy:
      cpu.server == null ? null : round(cpu.server / 1000 / (run.allInWallMs / 1000), 2),
    serverCpuUsPerWord: us(cpu.server, words),
    serverCpuUsPerWordToTurnEnd: us(cpuTurnEnd.server, words),
    serverCpuMsPerTurn: cpu.server == null ? null : round(cpu.server / turns, 2),
    postgresCpuS: cpu.postgres == null ? null : round(cpu.postgres / 1000, 2),
    postgresCpuUsPerWord: us(cpu.postgres, words),
    postgresCpuMsPerTurn: cpu.postgres == null ? null : round(cpu.postgres / turns, 2),
    providerCpuS: cpu.provider == null ? null : round(cpu.provider / 1000, 2),
    clientCpuS: cpu.clients == null ? null : round(cpu.clients / 1000, 2),
    serverRssStartMB: run.serverRssStartMB,
    serverPeakRssMB: run.serverPeakRssMB,
    peakRssSince: run.peakRssSince,
    loopDelayP99Ms: lagP99 == null ? null : round(lagP99 * 1000, 1),
    loopDelayMaxMs: lagMax == null ? null : round(lagMax * 1000, 1),
    sqlPerTurn:
      queriesBefore == null || queriesAfter == null
        ? null
        : round((queriesAfter - queriesBefore) / chats.length, 1),
    serverErrorLogs: errors ? errors.count - errorsBefore : null,
    serverErrorSamples: errors && errors.count > errorsBefore ? errors.first : undefined,
    loadavg1: load.loadavg1,
    provider: providerStats,
    report,
  };
}

export type ChatRoundResult = Awaited<ReturnType<typeof chatRound>>;

/** A round's failures as "kind × n, …", or "none" (zero failures must show as such). */
export function failureSummary(r: ChatRoundResult): string {
  const entries = Object.entries(r.report.failures as Record<string, number>);
  if (!entries.length) return 'none';
  return entries
    .sort((a, b) => b[1] - a[1])
    .map(([k, n]) => `${k} × ${n}`)
    .join(', ');
}
