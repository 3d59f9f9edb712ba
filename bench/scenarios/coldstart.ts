import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import type { Context } from '../lib/context.js';
import { SERVER_ENV } from '../lib/context.js';
import { cleanEnv, ROOT } from '../lib/ipc.js';
import { projectServerCommand } from '../lib/project-server.js';
import { median, nowMs, round } from '../lib/stats.js';

/** Spawn what `npm start` runs and time it to "listening on". */
async function startOnce(node: string, dataDir: string): Promise<number> {
  const t0 = nowMs();
  const { command, args } = projectServerCommand(node);
  const child = spawn(command, args, {
    cwd: ROOT,
    env: cleanEnv({ ...SERVER_ENV, DATA_DIR: dataDir }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  let out = '';
  try {
    return await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`no "listening on" within 120 s:\n${out}`)),
        120_000,
      );
      const onData = (chunk: Buffer) => {
        out += chunk.toString();
        if (out.includes('listening on ')) {
          clearTimeout(timer);
          resolve(nowMs() - t0);
        }
      };
      child.stdout.on('data', onData);
      child.stderr.on('data', onData);
      void exited.then(() => reject(new Error(`the server exited before listening:\n${out}`)));
    });
  } finally {
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(kill);
  }
}

/**
 * Scenario 7: from spawning the server process to its `listening on` line, on the embedded
 * database: a fresh DATA_DIR (migrations and seed run) and again on that now existing one.
 */
export async function runColdStart(ctx: Context) {
  const runs = ctx.options.quick ? 3 : 5;
  const node = ctx.options.serverNode ?? process.execPath;
  const fresh: number[] = [];
  const existing: number[] = [];
  ctx.log(`cold start: ${runs} × (fresh DATA_DIR, existing DATA_DIR)`);
  for (let i = 0; i < runs; i++) {
    const dir = await mkdtemp(path.join(await ctx.tmp, 'cold-'));
    fresh.push(await startOnce(node, dir));
    existing.push(await startOnce(node, dir));
    // The first one (migrated and seeded like any `npm start`) becomes the base of the template.
    if (i === 0 && !ctx.templateBase) ctx.templateBase = dir;
    else await rm(dir, { recursive: true, force: true });
  }
  return {
    command: 'node scripts/start.mjs (npm start; NODE_ENV=production, PGlite)',
    runs,
    freshDataDirMs: { median: round(median(fresh), 0), all: fresh.map((v) => round(v, 0)) },
    existingDataDirMs: {
      median: round(median(existing), 0),
      all: existing.map((v) => round(v, 0)),
    },
  };
}
