import type { Context } from '../lib/context.js';
import { sessionGlobalId } from '../lib/context.js';
import { round, sleep, until } from '../lib/stats.js';

export function idleConfig(quick: boolean) {
  return quick
    ? { subscriptions: 2000, perSocket: 100, users: 4, idleWindowS: 3 }
    : { subscriptions: 10_000, perSocket: 100, users: 10, idleWindowS: 10 };
}

const MB = 1024 * 1024;

/**
 * Scenario 6: server memory held by open, idle sessionEvents subscriptions, many per socket
 * (graphql-ws multiplexes them), each on a session of its own. RSS and heap are read after a full
 * GC before and after opening them; the CPU the server spends while they sit idle is reported too.
 */
export async function runIdle(ctx: Context, config: ReturnType<typeof idleConfig>) {
  const { dir, prepared } = await ctx.dataDirCopy('idle');
  const { child, url, startMs } = await ctx.startServer('bench/server.ts', { DATA_DIR: dir });
  const clients = await ctx.clients();
  try {
    const sessions = prepared.sessions.slice(0, config.subscriptions);
    if (sessions.length < config.subscriptions)
      throw new Error('the template holds too few sessions');
    // warm-up: one subscription opened and closed loads every code path once
    const first = sessions[0] as (typeof sessions)[number];
    await clients.call('idleOpen', {
      url,
      sockets: [
        { token: prepared.users[first.userIndex]?.key, sessionIds: [sessionGlobalId(first.id)] },
      ],
    });
    await until(
      'warm-up subscription',
      async () => ((await child.call('stats')).subscribers === 1 ? true : undefined),
      60_000,
    );
    await clients.call('close');
    await until(
      'warm-up close',
      async () => ((await child.call('stats')).subscribers === 0 ? true : undefined),
      30_000,
    );

    await child.call('gc');
    await sleep(1000);
    await child.call('gc');
    const before = await child.call('stats');

    const byUser = new Map<number, string[]>();
    for (const s of sessions) {
      const list = byUser.get(s.userIndex) ?? [];
      list.push(sessionGlobalId(s.id));
      byUser.set(s.userIndex, list);
    }
    const sockets: { token: string; sessionIds: string[] }[] = [];
    for (const [userIndex, ids] of byUser) {
      for (let i = 0; i < ids.length; i += config.perSocket) {
        sockets.push({
          token: prepared.users[userIndex]?.key as string,
          sessionIds: ids.slice(i, i + config.perSocket),
        });
      }
    }
    ctx.log(`idle: opening ${sessions.length} subscriptions over ${sockets.length} sockets`);
    const t0 = Date.now();
    const opened = await clients.call('idleOpen', { url, sockets }, 300_000);
    const count = await until(
      'every idle subscription to reach the server',
      async () => {
        const s = await child.call('stats');
        return s.subscribers >= sessions.length ? s.subscribers : undefined;
      },
      300_000,
      200,
    );
    const openS = (Date.now() - t0) / 1000;
    await child.call('gc');
    await sleep(1000);
    await child.call('gc');
    const after = await child.call('stats');
    await sleep(config.idleWindowS * 1000);
    const idleEnd = await child.call('stats');
    const idleCpuMs =
      (idleEnd.cpuUserUs - after.cpuUserUs + idleEnd.cpuSystemUs - after.cpuSystemUs) / 1000;
    const failures = await clients.call('idleFailed');
    await clients.call('close');
    const n = count as number;
    return {
      serverStartS: round(startMs / 1000, 1),
      subscriptions: n,
      sockets: sockets.length,
      subscriptionsPerSocket: config.perSocket,
      openS: round(openS, 1),
      subscriptionsOpenedPerS: round(n / openS, 0),
      clientErrors: failures + (opened.failed ?? 0),
      rssBeforeMB: round(before.rss / MB, 1),
      rssAfterMB: round(after.rss / MB, 1),
      rssDeltaMB: round((after.rss - before.rss) / MB, 1),
      rssPerSubscriptionKB: round((after.rss - before.rss) / n / 1024, 2),
      heapBeforeMB: round(before.heapUsed / MB, 1),
      heapAfterMB: round(after.heapUsed / MB, 1),
      heapPerSubscriptionKB: round((after.heapUsed - before.heapUsed) / n / 1024, 2),
      peakRssMB: round(after.peakRss / MB, 1),
      idleWindowS: config.idleWindowS,
      idleCpuMsPerS: round(idleCpuMs / config.idleWindowS, 1),
    };
  } finally {
    await clients.call('close').catch(() => {});
    await child.stop();
  }
}
