import { cp, mkdtemp, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Child, ROOT, spawnChild } from './ipc.js';
import { load } from './machine.js';

export interface Options {
  quick: boolean;
  only: Set<string> | null;
  /** Node binary for the servers under test (the clients and the runner use this one). */
  serverNode?: string;
  verbose: boolean;
  keep: boolean;
}

export interface Prepared {
  dataDir: string;
  users: { id: string; key: string }[];
  sessions: { id: string; userIndex: number }[];
}

/** Server environment shared by every API process of a run (NODE_ENV=production, limits off). */
export const SERVER_ENV = {
  NODE_ENV: 'production',
  LOG_LEVEL: 'warn',
  MODEL: 'local',
  HOST: '127.0.0.1',
  PORT: '0',
  LOCAL_MODEL_DELAY_MS: '20',
  RATE_LIMIT_SEND_PER_MINUTE: '1000000',
  RATE_LIMIT_PER_MINUTE: '1000000',
  // The idle scenario holds thousands of subscriptions per user.
  MAX_SUBSCRIPTIONS_PER_USER: '1000000',
  WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '1000000',
};

export class Context {
  readonly tmp: Promise<string>;
  private prepared: Promise<Prepared> | undefined;
  /** A migrated, seeded DATA_DIR to build the template on (saves migrating a fresh one). */
  templateBase: string | undefined;
  private clientsChild: Child | undefined;
  private chatClientsChild: Child | undefined;
  readonly children = new Set<Child>();
  private readonly cleanups: (() => Promise<unknown>)[] = [];
  readonly resultsDir = path.join(ROOT, 'bench/results');
  readonly runId: string;
  readonly startedAt = Date.now();

  constructor(
    readonly options: Options,
    readonly sessionsNeeded: number,
    readonly usersNeeded: number,
  ) {
    this.tmp = mkdtemp(path.join(os.tmpdir(), 'chat-bench-'));
    this.runId = new Date().toISOString().replace(/[:.]/g, '-').replace(/Z$/, 'Z');
  }

  elapsedS(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  log(...args: unknown[]) {
    const t = new Date().toISOString().slice(11, 19);
    console.log(`[${t}]`, ...args);
  }

  wants(name: string): boolean {
    return !this.options.only || this.options.only.has(name);
  }

  spawn(script: string, opts: Parameters<typeof spawnChild>[1] = {}): Child {
    const child = spawnChild(script, { echo: this.options.verbose, ...opts });
    this.children.add(child);
    void child.exited.then(() => this.children.delete(child));
    return child;
  }

  /** The template database (users, keys, sessions), made once per run. */
  template(): Promise<Prepared> {
    this.prepared ??= (async () => {
      const dir = path.join(await this.tmp, 'template');
      const out = path.join(await this.tmp, 'template.json');
      if (this.templateBase) await cp(this.templateBase, dir, { recursive: true });
      this.log(
        `preparing the template database (${this.usersNeeded} users, ${this.sessionsNeeded} sessions)…`,
      );
      const child = this.spawn('bench/prepare.ts', {
        env: {
          ...SERVER_ENV,
          DATA_DIR: dir,
          USERS: String(this.usersNeeded),
          SESSIONS: String(this.sessionsNeeded),
          OUT: out,
        },
      });
      const code = await child.exited;
      if (code !== 0) throw new Error(`bench/prepare.ts failed (${code}):\n${child.output()}`);
      const data = JSON.parse(await readFile(out, 'utf8')) as Omit<Prepared, 'dataDir'>;
      return { dataDir: dir, ...data };
    })();
    return this.prepared;
  }

  /** A fresh copy of the template's DATA_DIR. */
  async dataDirCopy(name: string): Promise<{ dir: string; prepared: Prepared }> {
    const prepared = await this.template();
    const dir = path.join(await this.tmp, name);
    await rm(dir, { recursive: true, force: true });
    await cp(prepared.dataDir, dir, { recursive: true });
    return { dir, prepared };
  }

  /** The client worker (one per run). */
  async clients(): Promise<Child> {
    if (this.clientsChild && this.clientsChild.proc.exitCode == null) return this.clientsChild;
    const child = this.spawn('bench/clients.ts');
    // the first call proves it is up
    await child.call('usage', undefined, 60_000);
    this.clientsChild = child;
    return child;
  }

  /** The chat clients of the provider and turns scenarios (bench/chat-clients.ts), one per run. */
  async chatClients(): Promise<Child> {
    if (this.chatClientsChild && this.chatClientsChild.proc.exitCode == null) {
      return this.chatClientsChild;
    }
    const child = this.spawn('bench/chat-clients.ts');
    await child.call('usage', undefined, 60_000);
    this.chatClientsChild = child;
    return child;
  }

  /** Runs at cleanup (before the children are stopped): processes and databases of a scenario. */
  onCleanup(fn: () => Promise<unknown>) {
    this.cleanups.push(fn);
  }

  /** Starts bench/server.ts (or a floor) and waits for its `ready` event. */
  async startServer(
    script: string,
    env: Record<string, string>,
    args: string[] = [],
  ): Promise<{ child: Child; url: string; startMs: number }> {
    const started = Date.now();
    const child = this.spawn(script, {
      env: { ...SERVER_ENV, ...env },
      args,
      nodeArgs: ['--expose-gc'],
      node: this.options.serverNode,
    });
    const ready = await child.waitFor<{ url: string }>('ready', 180_000);
    return { child, url: ready.url, startMs: Date.now() - started };
  }

  async cleanup() {
    for (const fn of this.cleanups.splice(0).reverse()) await fn().catch(() => {});
    for (const child of [...this.children]) await child.stop(5000).catch(() => {});
    if (!this.options.keep) await rm(await this.tmp, { recursive: true, force: true });
  }

  load = load;
}

export const sessionGlobalId = (uuid: string) => encodeGlobalID('Session', uuid);
