import type { ChatSpec } from '../chat-clients.js';
import type { Context } from '../lib/context.js';
import {
  describeProjectServerCommand,
  postgresDatabases,
  projectServerEnv,
  startProjectServer,
} from '../lib/project-server.js';
import type { ChatRoundResult, ServerRef } from './chats.js';
import { chatRound, UserPool, usersForRounds } from './chats.js';

export interface TurnsConfig {
  concurrency: number[];
  warmupChats: number;
  /** What each chat asks the offline local model: a searchProducts call, an answer, a title. */
  message: string;
}

export function turnsConfig(quick: boolean): TurnsConfig {
  return {
    concurrency: quick ? [50] : [100, 1000],
    warmupChats: 10,
    message: 'find me running shoes under $120',
  };
}

export const turnsUsersNeeded = (c: TurnsConfig) =>
  usersForRounds([c.warmupChats, ...c.concurrency]);

/**
 * The turns scenario: realistic shopping turns on the project's server (its real entry point,
 * MODEL=local with its default pace), C new chats at once, on PGlite and (BENCH_DATABASE_URL)
 * PostgreSQL: createSession, subscribe, sendMessage, the tool call, the answer, the title.
 */
export async function runTurns(ctx: Context, config: TurnsConfig) {
  const databases = postgresDatabases(ctx);
  ctx.log(
    `turns: C=${config.concurrency.join(',')} × "${config.message}" (local model) on PGlite${databases ? ' and PostgreSQL' : ' (PostgreSQL: set BENCH_DATABASE_URL)'}`,
  );
  const rounds: ChatRoundResult[] = [];
  const servers: { label: string; startMs?: number; error?: string }[] = [];
  let roundNo = 0;
  const specs = (n: number, tokens: string[]): ChatSpec[] => {
    const prefix = `t${++roundNo}`;
    return tokens
      .slice(0, n)
      .map((token, i) => ({ tag: `${prefix}c${i}`, token, text: config.message }));
  };
  const targets: ('pglite' | 'postgresql')[] = databases ? ['pglite', 'postgresql'] : ['pglite'];
  for (const t of targets) {
    const label = `project-${t}`;
    let stop: (() => Promise<void>) | undefined;
    let dropDb: string | undefined;
    try {
      ctx.log(`turns: starting ${label}`);
      let database: { dataDir: string } | { url: string };
      let keys: string[];
      let pgDatabase: string | undefined;
      if (t === 'pglite') {
        const { dir, prepared } = await ctx.dataDirCopy(`turns-${t}`);
        database = { dataDir: dir };
        keys = prepared.users.map((u) => u.key);
      } else {
        const db = await databases!.fresh('turns');
        database = { url: db.url };
        keys = db.prepared.users.map((u) => u.key);
        pgDatabase = db.name;
        dropDb = db.name;
      }
      const project = await startProjectServer(ctx, projectServerEnv({ database, model: 'local' }));
      stop = project.stop;
      servers.push({ label, startMs: project.startMs });
      const users = new UserPool(keys);
      const server: ServerRef = {
        label,
        target: 'project',
        database: t,
        pid: project.pid,
        url: project.url,
        project,
        pgDatabase,
      };
      await chatRound(ctx, {
        kind: 'warmup',
        server,
        chats: specs(config.warmupChats, users.take(config.warmupChats)),
        waitTitle: true,
        timeoutMs: 120_000,
      });
      for (const c of [...config.concurrency].sort((a, b) => a - b)) {
        const r = await chatRound(ctx, {
          kind: 'main',
          server,
          chats: specs(c, users.take(c)),
          waitTitle: true,
          timeoutMs: Math.max(120_000, 60_000 + c * 400),
        });
        rounds.push(r);
        ctx.log(
          `  ${label} C=${c}: ${r.serverCpuMsPerTurn} ms CPU/turn, SQL/turn ${r.sqlPerTurn ?? 'n/a'}, loop delay p99 ${r.loopDelayP99Ms} ms, wall ${r.wallS} s, ${r.report.failedChats} failed chats`,
        );
      }
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      ctx.log(`turns ${label} failed: ${message}`);
      servers.push({ label, error: message.slice(0, 2000) });
    } finally {
      await stop?.().catch(() => {});
      if (dropDb) await databases?.drop(dropDb);
    }
  }
  return { command: describeProjectServerCommand(), config, servers, rounds };
}
