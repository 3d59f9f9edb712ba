import type { Context } from '../lib/context.js';

/** Scenario 4: runs bench/sql-turn.ts (in-process app, in-memory database) and returns its result. */
export async function runSql(ctx: Context) {
  ctx.log('sql: statements per turn (10 and 1,000 tokens)');
  const { dir } = await ctx.dataDirCopy('sql');
  const child = ctx.spawn('bench/sql-turn.ts', {
    node: ctx.options.serverNode,
    env: { DATA_DIR: dir },
  });
  try {
    return await child.waitFor('result', 300_000);
  } finally {
    await child.stop(5000);
  }
}
