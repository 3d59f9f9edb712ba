import path from 'node:path';
import type { BenchSession, Target } from '../clients.js';
import type { Context } from '../lib/context.js';
import { sessionGlobalId } from '../lib/context.js';
import type { Child } from '../lib/ipc.js';
import { summarizeProfile } from '../lib/profile.js';
import { round, sleep, until } from '../lib/stats.js';

export interface FanoutConfig {
  concurrency: number[];
  tokens: number;
  /** Tokens of the short round that splits CPU into a per-turn and a per-token part. */
  shortTokens: number;
  delayMs: number;
  coalesceWindows: number[];
  profileConcurrency: number;
  /**
   * A round (or the profiled one) does not start once the run has taken this long (seconds), so
   * that the whole run stays within its time budget; skipped rounds are listed in the results.
   */
  budgetS: number;
}

export function fanoutConfig(quick: boolean): FanoutConfig {
  return quick
    ? {
        concurrency: [100],
        tokens: 50,
        shortTokens: 10,
        delayMs: 20,
        coalesceWindows: [0, 50],
        profileConcurrency: 50,
        budgetS: 600,
      }
    : {
        concurrency: [100, 1000],
        tokens: 100,
        shortTokens: 10,
        delayMs: 20,
        coalesceWindows: [0, 50],
        profileConcurrency: 200,
        budgetS: 780,
      };
}

/** Sessions the template must hold for one API server (its rounds use disjoint sessions). */
export function fanoutSessionsNeeded(c: FanoutConfig): number {
  return (
    WARMUP_SESSIONS +
    c.concurrency.reduce((a, b) => a + b, 0) +
    Math.min(...c.concurrency) +
    c.profileConcurrency
  );
}

const MB = 1024 * 1024;
const WARMUP_SESSIONS = 10;

interface ServerUnderTest {
  target: Target;
  label: string;
  coalesceMs: number;
  child: Child;
  url: string;
  startMs: number;
}

export interface RoundResult {
  /**
   * main: the measured fan-out; short: same sessions count, few tokens (cost split); profile;
   * warmup: a small first round on each server (JIT, lazy modules, connection pools), not reported.
   */
  kind: 'main' | 'short' | 'profile' | 'warmup';
  target: Target;
  label: string;
  coalesceMs: number;
  sessions: number;
  tokens: number;
  tokensPerSecondPerStream: number;
  profiled: boolean;
  wallS: number;
  sendS: number;
  framesDelivered: number;
  deltaFrames: number;
  tokensDelivered: number;
  eventsPerS: number;
  tokensPerS: number;
  serverCpuS: number;
  serverCpuUsPerEvent: number;
  serverCpuUsPerToken: number;
  serverCpuMsPerTurn: number;
  sqlStatements: number;
  sqlPerTurn: number;
  sqlCheckpointsPerTurn: number;
  sqlByKind: Record<string, number>;
  idealTurnS: number;
  serverCpuUtilisation: number;
  serverRssStartMB: number;
  serverPeakRssMB: number;
  serverLoopDelayMs: { p50: number; p99: number; max: number };
  clientCpuS: number;
  loadavg1: number;
  timedOut: boolean;
  report: any;
  send: any;
  profile?: any;
}

async function round1(
  ctx: Context,
  server: ServerUnderTest,
  kind: RoundResult['kind'],
  sessions: BenchSession[],
  tokens: number,
  delayMs: number,
  profileFile?: string,
): Promise<RoundResult> {
  const clients = await ctx.clients();
  const { child } = server;
  ctx.log(
    `  ${server.label}: ${sessions.length} sessions × ${tokens} tokens${profileFile ? ' (profiled)' : ''}`,
  );
  await clients.call('connect', { target: server.target, url: server.url, sessions }, 180_000);
  await until(
    'every subscription to reach the server',
    async () => {
      const s = await child.call('stats');
      if (s.subscribers >= sessions.length) return true;
      const status = await clients.call('status');
      if (status.errors) throw new Error(`subscriptions failed: ${status.first.join(' | ')}`);
      return undefined;
    },
    120_000,
    100,
  );
  await child.call('gc');
  await sleep(300);
  await child.call('traceReset');
  await child.call('resetPeak');
  const load = ctx.load();
  const before = await child.call('stats');
  const clientBefore = await clients.call('usage');
  if (profileFile) await child.call('profileStart');
  const expectedMs = tokens * delayMs;
  const timeoutMs = Math.max(120_000, 30 * expectedMs + sessions.length * tokens * 3);
  const send = await clients.call(
    'send',
    { tokens, concurrency: 32, timeoutMs },
    timeoutMs + 60_000,
  );
  const after = await child.call('stats');
  const clientAfter = await clients.call('usage');
  const sql = await child.call('statements');
  let profile: any;
  if (profileFile) {
    await child.call('profileStop', { file: profileFile }, 120_000);
    profile = {
      file: path.relative(ctx.resultsDir, profileFile),
      ...(await summarizeProfile(profileFile)),
    };
  }
  // let the turns' last writes land before the stored texts are read
  if (server.target === 'api') await child.call('drain', undefined, 60_000).catch(() => {});
  const tracePath = path.join(await ctx.tmp, `trace-${server.label}-${sessions.length}.json`);
  await child.call('traceDump', { file: tracePath });
  const report = await clients.call('report', { tokens, tracePath, verify: true }, 300_000);
  await clients.call('close');
  await until(
    'subscriptions to close',
    async () => ((await child.call('stats')).subscribers === 0 ? true : undefined),
    30_000,
    100,
  ).catch(() => {});

  const cpuUs = after.cpuUserUs - before.cpuUserUs + (after.cpuSystemUs - before.cpuSystemUs);
  const clientCpuUs =
    clientAfter.cpuUserUs -
    clientBefore.cpuUserUs +
    (clientAfter.cpuSystemUs - clientBefore.cpuSystemUs);
  const wallS = send.wallMs / 1000;
  return {
    kind,
    target: server.target,
    label: server.label,
    coalesceMs: server.coalesceMs,
    sessions: sessions.length,
    tokens,
    tokensPerSecondPerStream: round(1000 / delayMs, 1),
    profiled: Boolean(profileFile),
    wallS: round(wallS),
    sendS: round(send.sendMs / 1000),
    framesDelivered: report.frames,
    deltaFrames: report.deltaFrames,
    tokensDelivered: report.wordsReceived,
    eventsPerS: round(report.frames / wallS, 0),
    tokensPerS: round(report.wordsReceived / wallS, 0),
    serverCpuS: round(cpuUs / 1e6),
    serverCpuUsPerEvent: round(cpuUs / Math.max(1, report.frames), 1),
    serverCpuUsPerToken: round(cpuUs / Math.max(1, report.wordsReceived), 1),
    serverCpuMsPerTurn: round(cpuUs / 1000 / sessions.length, 2),
    sqlStatements: sql.total,
    sqlPerTurn: round(sql.total / sessions.length, 1),
    sqlCheckpointsPerTurn: round(
      (sql.byKind['UPDATE Turn (checkpoint)'] ?? 0) / sessions.length,
      1,
    ),
    sqlByKind: sql.byKind,
    idealTurnS: round((tokens * delayMs) / 1000, 2),
    serverCpuUtilisation: round(cpuUs / 1e6 / wallS, 2),
    serverRssStartMB: round(before.rss / MB, 1),
    serverPeakRssMB: round(after.peakRss / MB, 1),
    serverLoopDelayMs: {
      p50: round(after.loopDelayMs.p50, 1),
      p99: round(after.loopDelayMs.p99, 1),
      max: round(after.loopDelayMs.max, 1),
    },
    clientCpuS: round(clientCpuUs / 1e6),
    loadavg1: load.loadavg1,
    timedOut: send.timedOut,
    report,
    send,
    profile,
  };
}

/**
 * Scenarios 1–3: the API (local model, PGlite, graphql-ws) with and without delta coalescing, the
 * two floors, and a profiled round. Each server runs its rounds (one per concurrency) on disjoint
 * sessions; CPU is the server's own (process.cpuUsage) from the first sendMessage to the last
 * TurnFinished.
 */
export async function runFanout(ctx: Context, config: FanoutConfig) {
  const rounds: RoundResult[] = [];
  const servers: { label: string; startMs: number; error?: string; skipped?: string }[] = [];
  let profilePlan: (typeof plans)[number] | undefined;
  const plans: {
    target: Target;
    label: string;
    coalesceMs: number;
    rounds: boolean;
    short: boolean;
    profile: boolean;
  }[] = [];
  for (const w of config.coalesceWindows) {
    const isBase = w === 0;
    const measure = isBase ? ctx.wants('fanout') : ctx.wants('coalesce');
    const profile = isBase && ctx.wants('profile');
    if (measure) {
      plans.push({
        target: 'api',
        label: `api-coalesce-${w}`,
        coalesceMs: w,
        rounds: true,
        short: isBase,
        profile: false,
      });
    }
    // The profiled round runs last, on a server of its own, and is dropped when the run is
    // already long (it is the most expensive and the least needed part).
    if (profile)
      profilePlan = {
        target: 'api',
        label: `api-coalesce-${w}`,
        coalesceMs: w,
        rounds: false,
        short: false,
        profile: true,
      };
  }
  if (ctx.wants('floors')) {
    for (const target of ['graphql-ws', 'ws'] as const) {
      plans.push({
        target,
        label: `floor-${target}`,
        coalesceMs: 0,
        rounds: true,
        short: true,
        profile: false,
      });
    }
  }
  // API without coalescing, then the floors, then the coalescing API, then the profile: what
  // the comparisons need most runs first, in case the time budget cuts the end.
  plans.sort((a, b) => rank(a) - rank(b));
  if (profilePlan) plans.push(profilePlan);

  for (const plan of plans) {
    let server: ServerUnderTest | undefined;
    if (ctx.elapsedS() > config.budgetS) {
      const note = `${plan.profile ? 'profile' : plan.label} skipped: the run had already taken ${Math.round(ctx.elapsedS())} s (budget ${config.budgetS} s)`;
      ctx.log(`fan-out: ${note}`);
      servers.push({ label: `${plan.label} (profile)`, startMs: 0, skipped: note });
      continue;
    }
    try {
      ctx.log(`fan-out: starting ${plan.label}`);
      let started: { child: Child; url: string; startMs: number };
      let sessionPool: BenchSession[];
      if (plan.target === 'api') {
        const { dir, prepared } = await ctx.dataDirCopy(plan.label);
        started = await ctx.startServer('bench/server.ts', {
          DATA_DIR: dir,
          STREAM_COALESCE_MS: String(plan.coalesceMs),
          LOCAL_MODEL_DELAY_MS: String(config.delayMs),
        });
        sessionPool = prepared.sessions.map((s, i) => ({
          id: sessionGlobalId(s.id),
          token: prepared.users[s.userIndex]?.key,
          tag: `s${i}`,
        }));
      } else {
        started = await ctx.startServer(
          'bench/floor-server.ts',
          { LOCAL_MODEL_DELAY_MS: String(config.delayMs) },
          [plan.target],
        );
        sessionPool = Array.from({ length: fanoutSessionsNeeded(config) }, (_, i) => ({
          id: `floor-session-${i}`,
          tag: `s${i}`,
        }));
      }
      server = { ...plan, ...started };
      servers.push({ label: plan.label, startMs: started.startMs });
      let offset = 0;
      const take = (n: number) => {
        const list = sessionPool.slice(offset, offset + n);
        offset += n;
        if (list.length < n)
          throw new Error(`the template holds too few sessions (${sessionPool.length})`);
        return list;
      };
      await round1(
        ctx,
        server,
        'warmup',
        take(WARMUP_SESSIONS),
        config.shortTokens,
        config.delayMs,
      );
      // Smallest concurrency first, then its short round (the cost split), then the larger ones.
      const levels = plan.rounds ? [...config.concurrency].sort((a, b) => a - b) : [];
      for (const [i, c] of levels.entries()) {
        if (i > 0 && ctx.elapsedS() > config.budgetS) {
          const note = `${plan.label} with ${c} sessions skipped: the run had already taken ${Math.round(ctx.elapsedS())} s (budget ${config.budgetS} s)`;
          ctx.log(`fan-out: ${note}`);
          servers.push({ label: plan.label, startMs: 0, skipped: note });
          continue;
        }
        rounds.push(await round1(ctx, server, 'main', take(c), config.tokens, config.delayMs));
        if (i === 0 && plan.short) {
          rounds.push(
            await round1(ctx, server, 'short', take(c), config.shortTokens, config.delayMs),
          );
        }
      }
      if (plan.profile) {
        const file = path.join(ctx.resultsDir, `${ctx.runId}-fanout.cpuprofile`);
        rounds.push(
          await round1(
            ctx,
            server,
            'profile',
            take(config.profileConcurrency),
            config.tokens,
            config.delayMs,
            file,
          ),
        );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(`fan-out ${plan.label} failed: ${message}`);
      servers.push({ label: plan.label, startMs: 0, error: message.slice(0, 2000) });
    } finally {
      await server?.child.stop();
    }
  }
  const { perConcurrency, split } = compare(rounds);
  return { config, servers, rounds, comparisons: perConcurrency, costSplit: split };
}

function rank(plan: { target: Target; coalesceMs: number }): number {
  if (plan.target !== 'api') return 1;
  return plan.coalesceMs === 0 ? 0 : 2;
}

function find(
  rounds: RoundResult[],
  label: string,
  sessions: number,
  kind: RoundResult['kind'] = 'main',
) {
  return rounds.find((r) => r.label === label && r.sessions === sessions && r.kind === kind);
}

/**
 * CPU split into a fixed part per turn and a marginal part per token, from two rounds of the same
 * server with the same number of sessions and different answer lengths:
 * perToken = (cpu(T) − cpu(Tshort)) / (C × (T − Tshort)), perTurn = cpu(Tshort) / C − Tshort × perToken.
 */
function costSplit(rounds: RoundResult[]) {
  const out: {
    label: string;
    sessions: number;
    tokens: number[];
    marginalUsPerToken: number;
    perTurnMs: number;
  }[] = [];
  for (const short of rounds.filter((r) => r.kind === 'short')) {
    const main = find(rounds, short.label, short.sessions);
    if (!main || main.tokens === short.tokens) continue;
    const c = short.sessions;
    const perToken =
      ((main.serverCpuS - short.serverCpuS) * 1e6) / (c * (main.tokens - short.tokens));
    const perTurnUs = (short.serverCpuS * 1e6) / c - short.tokens * perToken;
    out.push({
      label: short.label,
      sessions: c,
      tokens: [short.tokens, main.tokens],
      marginalUsPerToken: round(perToken, 1),
      perTurnMs: round(perTurnUs / 1000, 2),
    });
  }
  return out;
}

/** Ratios to the floors and the effect of coalescing, per concurrency. */
function compare(rounds: RoundResult[]) {
  const split = costSplit(rounds);
  const byConcurrency = [
    ...new Set(rounds.filter((r) => r.kind === 'main').map((r) => r.sessions)),
  ];
  const perConcurrency = byConcurrency.map((c) => {
    const api = find(rounds, 'api-coalesce-0', c);
    const gql = find(rounds, 'floor-graphql-ws', c);
    const raw = find(rounds, 'floor-ws', c);
    const coalesced = rounds.filter(
      (r) => r.target === 'api' && r.coalesceMs > 0 && r.sessions === c && r.kind === 'main',
    );
    const apiSplit = split.find((x) => x.label === 'api-coalesce-0');
    return {
      sessions: c,
      apiCpuUsPerEvent: api?.serverCpuUsPerEvent,
      ratioToGraphqlWsFloor:
        api && gql ? round(api.serverCpuUsPerEvent / gql.serverCpuUsPerEvent, 1) : undefined,
      ratioToWsFloor:
        api && raw ? round(api.serverCpuUsPerEvent / raw.serverCpuUsPerEvent, 1) : undefined,
      ratioPerTokenToGraphqlWsFloor:
        api && gql ? round(api.serverCpuUsPerToken / gql.serverCpuUsPerToken, 1) : undefined,
      ratioPerTokenToWsFloor:
        api && raw ? round(api.serverCpuUsPerToken / raw.serverCpuUsPerToken, 1) : undefined,
      coalescing: coalesced.map((r) => ({
        windowMs: r.coalesceMs,
        framesPerToken: r.report.framesPerToken,
        framesPerTokenWithout: api?.report.framesPerToken,
        cpuUsPerToken: r.serverCpuUsPerToken,
        cpuUsPerTokenWithout: api?.serverCpuUsPerToken,
        cpuSavedPct: api
          ? round((1 - r.serverCpuUsPerToken / api.serverCpuUsPerToken) * 100, 1)
          : undefined,
        cpuSavedUsPerToken: api
          ? round(api.serverCpuUsPerToken - r.serverCpuUsPerToken, 1)
          : undefined,
        /** The saving as a share of the marginal (streaming) cost per token, without the per-turn part. */
        cpuSavedOfMarginalPct:
          api && apiSplit
            ? round(
                ((api.serverCpuUsPerToken - r.serverCpuUsPerToken) / apiSplit.marginalUsPerToken) *
                  100,
                1,
              )
            : undefined,
        latencyP50AddedMs: api
          ? round(r.report.latencyMs.p50 - api.report.latencyMs.p50, 1)
          : undefined,
        latencyP99AddedMs: api
          ? round(r.report.latencyMs.p99 - api.report.latencyMs.p99, 1)
          : undefined,
      })),
    };
  });
  const floorSplit = (label: string) => split.find((x) => x.label === label)?.marginalUsPerToken;
  const apiMarginal = split.find((x) => x.label === 'api-coalesce-0')?.marginalUsPerToken;
  for (const row of perConcurrency) {
    const g = floorSplit('floor-graphql-ws');
    const w = floorSplit('floor-ws');
    Object.assign(row, {
      marginalRatioToGraphqlWsFloor: apiMarginal && g ? round(apiMarginal / g, 1) : undefined,
      marginalRatioToWsFloor: apiMarginal && w ? round(apiMarginal / w, 1) : undefined,
    });
  }
  return { perConcurrency, split };
}
