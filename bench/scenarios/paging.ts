import type { Context } from '../lib/context.js';

/** Scenario 5: bench/paging.ts against BENCH_DATABASE_URL / TEST_DATABASE_URL; skipped without one. */
export async function runPaging(ctx: Context) {
  const base = process.env.BENCH_DATABASE_URL ?? process.env.TEST_DATABASE_URL;
  if (!base) {
    ctx.log(
      'paging: skipped (set BENCH_DATABASE_URL or TEST_DATABASE_URL to a PostgreSQL database)',
    );
    return { skipped: 'BENCH_DATABASE_URL / TEST_DATABASE_URL not set' };
  }
  const sizes = ctx.options.quick
    ? { SESSIONS: '10000', MESSAGES: '100000', BIG_SESSION: '60000', DEPTH: '1000', REPS: '10' }
    : { SESSIONS: '100000', MESSAGES: '1000000', BIG_SESSION: '100000', DEPTH: '1000', REPS: '30' };
  ctx.log(`paging: ${sizes.SESSIONS} sessions, ${sizes.MESSAGES} messages on PostgreSQL`);
  const child = ctx.spawn('bench/paging.ts', {
    env: { BENCH_DATABASE_URL: base, ...sizes, ...(ctx.options.keep ? { KEEP: '1' } : {}) },
    node: ctx.options.serverNode,
  });
  try {
    return await child.waitFor('result', 900_000);
  } finally {
    await child.stop(5000);
  }
}
