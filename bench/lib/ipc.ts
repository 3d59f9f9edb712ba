import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';

/** The repository root (bench/lib/ → ../..): every child runs from there. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

type Handler = (args: any) => unknown;

interface Request {
  id: number;
  cmd: string;
  args?: unknown;
}

/**
 * In a child process: answers the runner's requests ({ id, cmd, args } → { id, ok, result | error })
 * over the IPC channel. `emit` sends an unsolicited event ({ event, data }).
 */
export function serveIpc(handlers: Record<string, Handler>): void {
  if (!process.send) throw new Error('this bench process must be started by bench/run.ts (IPC)');
  process.on('message', (message: Request) => {
    const handler = handlers[message.cmd];
    void (async () => {
      try {
        if (!handler) throw new Error(`unknown command ${message.cmd}`);
        const result = await handler(message.args);
        process.send?.({ id: message.id, ok: true, result });
      } catch (error) {
        process.send?.({
          id: message.id,
          ok: false,
          error: error instanceof Error ? (error.stack ?? error.message) : String(error),
        });
      }
    })();
  });
  // The runner going away must not leave a child behind.
  process.on('disconnect', () => process.exit(0));
}

export function emit(event: string, data?: unknown): void {
  process.send?.({ event, data });
}

export interface Child {
  proc: ChildProcess;
  /** The last ~32 KB the process printed (stdout and stderr), for error messages. */
  output(): string;
  call<T = any>(cmd: string, args?: unknown, timeoutMs?: number): Promise<T>;
  /** Resolves with the data of the next `event` the child emits. */
  waitFor<T = any>(event: string, timeoutMs: number): Promise<T>;
  exited: Promise<number | string | null>;
  /** Asks politely (`stop` command), then SIGTERM, then SIGKILL. */
  stop(graceMs?: number): Promise<void>;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  /** Node binary (default: this one). */
  node?: string;
  /** Extra node flags before `--import tsx`. */
  nodeArgs?: string[];
  args?: string[];
  /** Print the child's output as it comes (debugging). */
  echo?: boolean;
}

/** Only what a bench child needs: nothing of the caller's DATABASE_URL, MODEL, REDIS_URL, … */
export function cleanEnv(env: Record<string, string> = {}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    LANG: process.env.LANG,
    ...env,
  };
}

/** `node --import tsx <script>` with an IPC channel. */
export function spawnChild(script: string, options: SpawnOptions = {}): Child {
  const proc = spawn(
    options.node ?? process.execPath,
    [...(options.nodeArgs ?? []), '--import', 'tsx', script, ...(options.args ?? [])],
    { cwd: ROOT, env: cleanEnv(options.env), stdio: ['ignore', 'pipe', 'pipe', 'ipc'] },
  );
  let out = '';
  const onData = (chunk: Buffer) => {
    out = (out + chunk.toString()).slice(-32_000);
    if (options.echo) process.stderr.write(chunk);
  };
  proc.stdout?.on('data', onData);
  proc.stderr?.on('data', onData);
  const exited = new Promise<number | string | null>((resolve) => {
    proc.once('exit', (code, signal) => resolve(code ?? signal));
  });
  let nextId = 1;
  const pending = new Map<number, { resolve(v: unknown): void; reject(e: Error): void }>();
  const waiters = new Map<string, ((data: unknown) => void)[]>();
  proc.on(
    'message',
    (m: {
      id?: number;
      ok?: boolean;
      result?: unknown;
      error?: string;
      event?: string;
      data?: unknown;
    }) => {
      if (m.event) {
        const list = waiters.get(m.event) ?? [];
        waiters.delete(m.event);
        for (const w of list) w(m.data);
        return;
      }
      const p = m.id != null ? pending.get(m.id) : undefined;
      if (!p || m.id == null) return;
      pending.delete(m.id);
      if (m.ok) p.resolve(m.result);
      else p.reject(new Error(`${path.basename(script)}: ${m.error}`));
    },
  );
  void exited.then((code) => {
    for (const p of pending.values()) {
      p.reject(new Error(`${path.basename(script)} exited (${code}):\n${out.slice(-4000)}`));
    }
    pending.clear();
  });
  const child: Child = {
    proc,
    output: () => out,
    exited,
    call(cmd, args, timeoutMs = 120_000) {
      if (proc.exitCode != null || proc.signalCode != null || !proc.connected) {
        return Promise.reject(
          new Error(`${path.basename(script)} is not running:\n${out.slice(-4000)}`),
        );
      }
      const id = nextId++;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          reject(new Error(`${path.basename(script)}: ${cmd} timed out after ${timeoutMs} ms`));
        }, timeoutMs);
        pending.set(id, {
          resolve: (v) => {
            clearTimeout(timer);
            resolve(v as never);
          },
          reject: (e) => {
            clearTimeout(timer);
            reject(e);
          },
        });
        proc.send({ id, cmd, args });
      });
    },
    waitFor(event, timeoutMs) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(
          () =>
            reject(
              new Error(
                `${path.basename(script)}: no "${event}" within ${timeoutMs} ms:\n${out.slice(-4000)}`,
              ),
            ),
          timeoutMs,
        );
        const list = waiters.get(event) ?? [];
        list.push((data) => {
          clearTimeout(timer);
          resolve(data as never);
        });
        waiters.set(event, list);
        void exited.then((code) => {
          clearTimeout(timer);
          reject(
            new Error(
              `${path.basename(script)} exited (${code}) before "${event}":\n${out.slice(-4000)}`,
            ),
          );
        });
      });
    },
    async stop(graceMs = 15_000) {
      if (proc.exitCode != null || proc.signalCode != null) return;
      if (proc.connected) proc.send({ id: 0, cmd: 'stop' });
      const term = setTimeout(() => proc.kill('SIGTERM'), graceMs);
      const kill = setTimeout(() => proc.kill('SIGKILL'), graceMs + 5000);
      await exited;
      clearTimeout(term);
      clearTimeout(kill);
    },
  };
  return child;
}
