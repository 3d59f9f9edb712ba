// The project's server as users run it, for the provider and turns scenarios: its real entry point
// in a process of its own (no IPC, no bench code inside), default settings; everything about it is
// measured from outside (/proc, GET /metrics, what the clients receive).
import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';
import type { Context, Prepared } from './context.js';
import { cleanEnv, ROOT } from './ipc.js';

/**
 * THE command that starts the project's server: what `npm start` runs (scripts/start.mjs builds
 * dist/ when it is missing or stale, then runs dist/server.js).
 */
export function projectServerCommand(node: string): { command: string; args: string[] } {
  return { command: node, args: ['scripts/start.mjs'] };
}

/** The command as a user reads it. */
export const describeProjectServerCommand = () =>
  ['node', ...projectServerCommand('node').args].join(' ');

/**
 * The environment of the project's server: only what a deployment sets (where to listen, which
 * database, which model); rate limits, logging, checkpoints, coalescing… at their defaults.
 */
export function projectServerEnv(env: {
  database: { dataDir: string } | { url: string };
  model: string;
  openaiBaseUrl?: string;
}): Record<string, string> {
  return {
    NODE_ENV: 'production',
    HOST: '127.0.0.1',
    PORT: '0',
    MODEL: env.model,
    ...(env.openaiBaseUrl ? { OPENAI_BASE_URL: env.openaiBaseUrl } : {}),
    ...('url' in env.database
      ? { DATABASE_URL: env.database.url }
      : { DATA_DIR: env.database.dataDir }),
    // BENCH_SERVER_ENV='{"STREAM_COALESCE_MS":"80"}': settings to try, on top of the defaults.
    ...(process.env.BENCH_SERVER_ENV ? JSON.parse(process.env.BENCH_SERVER_ENV) : {}),
  };
}

export interface ProjectServer {
  pid: number;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  startMs: number;
  /** The last ~32 KB it printed. */
  output(): string;
  /** Log lines at level error or fatal so far (pino: level ≥ 50), and the first few of them. */
  errors(): { count: number; first: string[] };
  stop(): Promise<void>;
}

export async function startProjectServer(
  ctx: Context,
  env: Record<string, string>,
): Promise<ProjectServer> {
  const node = ctx.options.serverNode ?? process.execPath;
  const { command, args } = projectServerCommand(node);
  const started = Date.now();
  // BENCH_PROFILE_DIR=/some/dir: V8 CPU profiles of the server (and its database thread) there.
  const profile = process.env.BENCH_PROFILE_DIR;
  const proc: ChildProcess = spawn(command, args, {
    cwd: ROOT,
    env: cleanEnv(profile ? { ...env, NODE_OPTIONS: `--cpu-prof --cpu-prof-dir=${profile}` } : env),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<number | string | null>((resolve) =>
    proc.once('exit', (code, signal) => resolve(code ?? signal)),
  );
  let out = '';
  let partial = '';
  let errorCount = 0;
  const firstErrors: string[] = [];
  let onListening: ((url: string) => void) | undefined;
  const onData = (chunk: Buffer) => {
    const text = chunk.toString();
    out = (out + text).slice(-32_000);
    if (ctx.options.verbose) process.stderr.write(chunk);
    const lines = (partial + text).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const level = /"level":(\d+)/.exec(line);
      if (level && Number(level[1]) >= 50) {
        errorCount++;
        if (firstErrors.length < 5) firstErrors.push(line.slice(0, 600));
      }
      const listening = /listening on (http:\/\/\S+)/.exec(line);
      if (listening) onListening?.(listening[1] as string);
    }
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);

  const stop = async () => {
    if (proc.exitCode != null || proc.signalCode != null) return;
    proc.kill('SIGTERM');
    const kill = setTimeout(() => proc.kill('SIGKILL'), 15_000);
    await exited;
    clearTimeout(kill);
  };
  ctx.onCleanup(stop);

  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      void stop();
      reject(new Error(`the project server did not listen within 180 s:\n${out.slice(-4000)}`));
    }, 180_000);
    onListening = (u) => {
      clearTimeout(timer);
      resolve(u);
    };
    void exited.then((code) => {
      clearTimeout(timer);
      reject(
        new Error(`the project server exited (${code}) before listening:\n${out.slice(-4000)}`),
      );
    });
  });
  return {
    pid: proc.pid as number,
    url,
    startMs: Date.now() - started,
    output: () => out,
    errors: () => ({ count: errorCount, first: [...firstErrors] }),
    stop,
  };
}

/** GET /metrics, summed per metric name (labels folded); null when the server has none. */
export async function scrapeMetrics(graphqlUrl: string): Promise<Map<string, number> | null> {
  const res = await fetch(graphqlUrl.replace(/\/graphql$/, '/metrics')).catch(() => null);
  if (!res?.ok) return null;
  const out = new Map<string, number>();
  for (const line of (await res.text()).split('\n')) {
    if (!line || line.startsWith('#')) continue;
    const m = /^([a-zA-Z_:][\w:]*)(?:\{[^}]*\})?\s+(\S+)/.exec(line);
    if (!m) continue;
    const value = Number(m[2]);
    if (Number.isFinite(value)) out.set(m[1] as string, (out.get(m[1] as string) ?? 0) + value);
  }
  return out;
}

/**
 * PostgreSQL for the project's server: one prepared template database per run (migrated, seeded,
 * users with API keys, by bench/prepare.ts), cloned into a fresh database per server.
 */
export class PostgresDatabases {
  private template: Promise<{ name: string; prepared: Omit<Prepared, 'dataDir'> }> | undefined;
  private readonly created: string[] = [];
  private readonly prefix = `bench_${process.pid}`;

  constructor(
    private readonly ctx: Context,
    readonly baseUrl: string,
    private readonly users = ctx.usersNeeded,
  ) {
    ctx.onCleanup(() => this.dropAll());
  }

  urlOf(name: string): string {
    const u = new URL(this.baseUrl);
    u.pathname = `/${name}`;
    return u.toString();
  }

  private async admin<T>(fn: (client: pg.Client) => Promise<T>): Promise<T> {
    const client = new pg.Client({ connectionString: this.baseUrl });
    await client.connect();
    try {
      return await fn(client);
    } finally {
      await client.end();
    }
  }

  private prepareTemplate() {
    this.template ??= (async () => {
      const name = `${this.prefix}_template`;
      await this.admin(async (c) => {
        await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
        await c.query(`CREATE DATABASE ${name}`);
      });
      this.created.push(name);
      const out = path.join(await this.ctx.tmp, `${name}.json`);
      this.ctx.log(`preparing the PostgreSQL template database ${name} (${this.users} users)…`);
      const child = this.ctx.spawn('bench/prepare.ts', {
        env: {
          NODE_ENV: 'production',
          LOG_LEVEL: 'warn',
          DATABASE_URL: this.urlOf(name),
          USERS: String(this.users),
          SESSIONS: '0',
          OUT: out,
        },
      });
      const code = await child.exited;
      if (code !== 0) throw new Error(`bench/prepare.ts failed (${code}):\n${child.output()}`);
      const prepared = JSON.parse(await readFile(out, 'utf8')) as Omit<Prepared, 'dataDir'>;
      return { name, prepared };
    })();
    return this.template;
  }

  /** A fresh database cloned from the prepared template. */
  async fresh(
    label: string,
  ): Promise<{ name: string; url: string; prepared: Omit<Prepared, 'dataDir'> }> {
    const template = await this.prepareTemplate();
    const name = `${this.prefix}_${label.replace(/\W/g, '_')}`.toLowerCase();
    await this.admin(async (c) => {
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.query(`CREATE DATABASE ${name} TEMPLATE ${template.name}`);
    });
    this.created.push(name);
    return { name, url: this.urlOf(name), prepared: template.prepared };
  }

  async drop(name: string) {
    if (this.ctx.options.keep) return;
    await this.admin((c) => c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).catch(
      () => {},
    );
  }

  async dropAll() {
    for (const name of this.created.splice(0)) await this.drop(name);
  }
}

const perRun = new WeakMap<Context, PostgresDatabases>();

/** The run's PostgreSQL databases (BENCH_DATABASE_URL), or undefined when it is not set. */
export function postgresDatabases(ctx: Context): PostgresDatabases | undefined {
  const base = process.env.BENCH_DATABASE_URL;
  if (!base) return undefined;
  let dbs = perRun.get(ctx);
  if (!dbs) {
    dbs = new PostgresDatabases(ctx, base);
    perRun.set(ctx, dbs);
  }
  return dbs;
}
