import { loadConfig } from '../../src/config.js';
import type { ChatSpec } from '../chat-clients.js';
import type { Context } from '../lib/context.js';
import {
  describeProjectServerCommand,
  type PostgresDatabases,
  postgresDatabases,
  projectServerEnv,
  startProjectServer,
} from '../lib/project-server.js';
import { providerPrompt } from '../lib/provider-words.js';
import { round } from '../lib/stats.js';
import {
  type ChatRoundResult,
  chatRound,
  type ServerRef,
  UserPool,
  usersForRounds,
} from './chats.js';

export interface ProviderConfig {
  concurrency: number[];
  words: number;
  wordsPerS: number;
  /** Words of the short round (same C as the smallest main round) that splits the cost. */
  splitWords: number;
  warmupChats: number;
  warmupWords: number;
}

export function providerConfig(quick: boolean): ProviderConfig {
  return {
    concurrency: process.env.BENCH_PROVIDER_C
      ? [Number(process.env.BENCH_PROVIDER_C)]
      : quick
        ? [50]
        : [100, 1000],
    words: Number(process.env.BENCH_PROVIDER_WORDS ?? 100),
    wordsPerS: 50,
    splitWords: 10,
    warmupChats: 10,
    warmupWords: 10,
  };
}

export const providerUsersNeeded = (c: ProviderConfig) =>
  usersForRounds([c.warmupChats, ...c.concurrency, Math.min(...c.concurrency)]);

/**
 * The provider scenario: one OpenAI-compatible streaming server (bench/provider.ts) feeds the
 * naive reference server (bench/reference-server.ts) and the project's server (its real entry
 * point, MODEL=openai:bench, on PGlite and, with BENCH_DATABASE_URL, on PostgreSQL), one after the
 * other, with the same chats: C at once, the same words at the same pace.
 */
export async function runProvider(ctx: Context, config: ProviderConfig) {
  const pgBase = process.env.BENCH_DATABASE_URL;
  ctx.log(
    `provider: C=${config.concurrency.join(',')} × ${config.words} words at ${config.wordsPerS} words/s; reference, project on PGlite${pgBase ? ' and PostgreSQL' : ' (PostgreSQL: set BENCH_DATABASE_URL)'}`,
  );
  const provider = ctx.spawn('bench/provider.ts', {
    env: { WORDS: String(config.words), WORDS_PER_S: String(config.wordsPerS) },
    node: ctx.options.serverNode,
  });
  const { url: providerUrl, pid: providerPid } = await provider.waitFor<{
    url: string;
    pid: number;
  }>('ready', 60_000);
  const databases = postgresDatabases(ctx);

  const rounds: ChatRoundResult[] = [];
  const servers: { label: string; startMs?: number; error?: string }[] = [];
  let roundNo = 0;
  const specs = (n: number, words: number, tokens?: string[]): ChatSpec[] => {
    const prefix = `r${++roundNo}`;
    return Array.from({ length: n }, (_, i) => {
      const tag = `${prefix}c${i}`;
      return { tag, token: tokens?.[i], words, text: providerPrompt(tag, words, config.wordsPerS) };
    });
  };
  const timeoutMs = (c: number) =>
    Math.max(120_000, 60_000 + c * config.words * 4 + (config.words * 1000) / config.wordsPerS);

  // The floors: the reference's streamText read in the server and nothing streamed to the client
  // (REFERENCE_DELIVERY=none), without and with the project's wire-level coalescing (its default
  // window, or BENCH_FLOOR_COALESCE_MS to see what a wider one would leave).
  const coalesceMs = Number(process.env.BENCH_FLOOR_COALESCE_MS ?? loadConfig({}).streamCoalesceMs);
  const floors = {
    floor: { REFERENCE_DELIVERY: 'none' },
    'floor-coalesced': { REFERENCE_DELIVERY: 'none', REFERENCE_COALESCE_MS: String(coalesceMs) },
  };
  type Floor = keyof typeof floors;
  const isFloor = (t: string): t is Floor => t in floors;
  const targets: ('reference' | Floor | 'pglite' | 'postgresql')[] = [
    'reference',
    ...(Object.keys(floors) as Floor[]),
    'pglite',
  ];
  if (databases) targets.push('postgresql');
  try {
    for (const t of targets) {
      const naive = t === 'reference' || isFloor(t);
      const label = naive ? t : `project-${t}`;
      let stop: (() => Promise<void>) | undefined;
      let dropDb: string | undefined;
      try {
        ctx.log(`provider: starting ${label}`);
        let server: ServerRef;
        let users: UserPool | undefined;
        if (naive) {
          const profile = process.env.BENCH_PROFILE_DIR;
          const child = ctx.spawn('bench/reference-server.ts', {
            env: { PROVIDER_URL: providerUrl, ...(isFloor(t) ? floors[t] : {}) },
            node: ctx.options.serverNode,
            nodeArgs: profile ? ['--cpu-prof', `--cpu-prof-dir=${profile}`] : [],
          });
          const started = Date.now();
          const ready = await child.waitFor<{ url: string; pid: number }>('ready', 120_000);
          stop = () => child.stop(5000);
          server = { label, target: 'reference', pid: ready.pid, url: ready.url };
          servers.push({ label, startMs: Date.now() - started });
        } else {
          let database: { dataDir: string } | { url: string };
          let keys: string[];
          let pgDatabase: string | undefined;
          if (t === 'pglite') {
            const { dir, prepared } = await ctx.dataDirCopy(`provider-${t}`);
            database = { dataDir: dir };
            keys = prepared.users.map((u) => u.key);
          } else {
            const db = await (databases as PostgresDatabases).fresh('provider');
            database = { url: db.url };
            keys = db.prepared.users.map((u) => u.key);
            pgDatabase = db.name;
            dropDb = db.name;
          }
          const project = await startProjectServer(
            ctx,
            projectServerEnv({
              database,
              model: 'openai:bench',
              openaiBaseUrl: `${providerUrl}/v1`,
            }),
          );
          stop = project.stop;
          users = new UserPool(keys);
          server = {
            label,
            target: 'project',
            database: t,
            pid: project.pid,
            url: project.url,
            project,
            pgDatabase,
          };
          servers.push({ label, startMs: project.startMs });
        }
        const common = { server, provider, providerPid, waitTitle: !naive };
        await chatRound(ctx, {
          ...common,
          kind: 'warmup',
          chats: specs(config.warmupChats, config.warmupWords, users?.take(config.warmupChats)),
          timeoutMs: 120_000,
        });
        for (const c of [...config.concurrency].sort((a, b) => a - b)) {
          const r = await chatRound(ctx, {
            ...common,
            kind: 'main',
            chats: specs(c, config.words, users?.take(c)),
            timeoutMs: timeoutMs(c),
          });
          rounds.push(r);
          ctx.log(
            `  ${label} C=${c}: ${r.wordsPerS} words/s, ${r.serverCpuUsPerWord} µs CPU/word, wall ${r.wallS} s, latency p99 ${r.report.latencyMs.p99} ms, ${r.report.failedChats} failed chats`,
          );
        }
        if (config.splitWords < config.words) {
          const c = Math.min(...config.concurrency);
          rounds.push(
            await chatRound(ctx, {
              ...common,
              kind: 'short',
              chats: specs(c, config.splitWords, users?.take(c)),
              timeoutMs: timeoutMs(c),
            }),
          );
        }
      } catch (error) {
        const message = error instanceof Error ? error.message : String(error);
        ctx.log(`provider ${label} failed: ${message}`);
        servers.push({ label, error: message.slice(0, 2000) });
      } finally {
        await stop?.().catch(() => {});
        if (dropDb) await databases?.drop(dropDb);
      }
    }
  } finally {
    await provider.stop(5000);
  }
  return {
    command: describeProjectServerCommand(),
    config,
    floorCoalesceMs: coalesceMs,
    servers,
    rounds,
    comparisons: compare(rounds),
    splits: split(rounds, config),
    ...idealOf(config),
  };
}

const idealOf = (c: ProviderConfig) => ({ idealS: round(c.words / c.wordsPerS, 2) });

/**
 * Per server, from its main and short rounds at the same C: the CPU of a chat that does not
 * depend on its length (per chat: requests, socket, persistence, title, the provider calls'
 * setup) and what each further word costs (per word = (CPU(main) − CPU(short)) / (C × Δwords)),
 * each against the reference's.
 */
function split(rounds: ChatRoundResult[], config: ProviderConfig) {
  const out = [];
  for (const short of rounds.filter((r) => r.kind === 'short')) {
    const main = rounds.find(
      (r) => r.kind === 'main' && r.label === short.label && r.chats === short.chats,
    );
    if (!main || main.serverCpuS == null || short.serverCpuS == null) continue;
    const c = short.chats;
    const perWordUs =
      ((main.serverCpuS - short.serverCpuS) * 1e6) / (c * (config.words - config.splitWords));
    const perChatMs = (short.serverCpuS * 1000) / c - (config.splitWords * perWordUs) / 1000;
    out.push({
      label: short.label,
      chats: c,
      perChatMs: round(perChatMs, 2),
      perWordUs: round(perWordUs, 1),
    });
  }
  const ref = out.find((x) => x.label === 'reference');
  return out.map((x) => ({
    ...x,
    perChatRatio: ref && ref.perChatMs > 0 ? round(x.perChatMs / ref.perChatMs, 2) : undefined,
    perWordRatio: ref && ref.perWordUs > 0 ? round(x.perWordUs / ref.perWordUs, 2) : undefined,
  }));
}

/** Per C: each project server's CPU per delivered word as a multiple of the reference's. */
function compare(rounds: ChatRoundResult[]) {
  rounds = rounds.filter((r) => r.kind === 'main');
  const levels = [...new Set(rounds.map((r) => r.chats))].sort((a, b) => a - b);
  return levels.map((c) => {
    const ref = rounds.find((r) => r.label === 'reference' && r.chats === c);
    const ratio = (label: string) => {
      const r = rounds.find((x) => x.label === label && x.chats === c);
      if (!r || !ref?.serverCpuUsPerWord || r.serverCpuUsPerWord == null) return undefined;
      return {
        cpuUsPerWord: r.serverCpuUsPerWord,
        ratio: round(r.serverCpuUsPerWord / ref.serverCpuUsPerWord, 2),
        ratioToTurnEnd:
          r.serverCpuUsPerWordToTurnEnd == null || !ref.serverCpuUsPerWordToTurnEnd
            ? undefined
            : round(r.serverCpuUsPerWordToTurnEnd / ref.serverCpuUsPerWordToTurnEnd, 2),
        wordsPerSRatio: ref.wordsPerS ? round(r.wordsPerS / ref.wordsPerS, 2) : undefined,
      };
    };
    return {
      chats: c,
      referenceCpuUsPerWord: ref?.serverCpuUsPerWord,
      floor: ratio('floor'),
      floorCoalesced: ratio('floor-coalesced'),
      pglite: ratio('project-pglite'),
      postgresql: ratio('project-postgresql'),
    };
  });
}
