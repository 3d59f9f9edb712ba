import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { type Client, createClient } from 'graphql-ws';
import WebSocket from 'ws';
import type { TypedDocumentString } from '../../client/generated/graphql.js';
import type { GraphQLResponse, Operation } from './app.js';

/** The repository root: `npm start` and the CLIs run from there. */
export const ROOT = path.resolve(import.meta.dirname, '../..');

export interface ServerProcess {
  child: ChildProcess;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Everything the process printed so far (stdout and stderr), for failure messages. */
  output(): string;
  /** Resolves with the exit code (or signal) once the process has ended. */
  exited: Promise<number | string | null>;
  /** SIGTERM (graceful), then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** kill -9: the process gets no chance to clean up. */
  crash(): Promise<void>;
}

/**
 * Only what the server needs: nothing of the developer's shell (DATABASE_URL, MODEL, OPENAI_API_KEY,
 * REDIS_URL, NODE_OPTIONS of the test runner) leaks into a child.
 */
export function childEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TMPDIR: process.env.TMPDIR,
    MODEL: 'local',
    // Test files share two cores: a loop stalled by its neighbours is not this server's overload
    // (load shedding is tested on its own, test/hardening/overload.test.ts).
    OVERLOAD_LOOP_DELAY_MS: '0',
    ...env,
  };
}

/**
 * `node --import tsx src/server.ts` (or `args`: `scripts/start.mjs` is what `npm start` runs), with
 * PORT=0 (any free port): resolves once it logs `listening on http://HOST:PORT/graphql`, with the
 * port it printed.
 */
export async function startServerProcess(
  env: Record<string, string>,
  timeoutMs = 90_000,
  args = ['--import', 'tsx', 'src/server.ts'],
): Promise<ServerProcess> {
  const child = spawn(process.execPath, args, {
    cwd: ROOT,
    env: childEnv({ PORT: '0', HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  const exited = new Promise<number | string | null>((resolve) => {
    child.once('exit', (code, signal) => resolve(code ?? signal));
  });
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the server did not start within ${timeoutMs} ms:\n${out}`));
    }, timeoutMs);
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const match = /listening on http:\/\/[^\s:]+:(\d+)\/graphql/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolve(`http://127.0.0.1:${match[1]}/graphql`);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the server exited (${code}) before listening:\n${out}`));
    });
  });
  const stop = async (graceMs = 5000) => {
    if (child.exitCode != null || child.signalCode != null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };
  return {
    child,
    url,
    output: () => out,
    exited,
    stop,
    async crash() {
      if (child.exitCode != null || child.signalCode != null) return;
      child.kill('SIGKILL');
      await exited;
    },
  };
}

/** One operation over HTTP (POST JSON). */
export async function postGraphQL<TResult, TVariables>(
  url: string,
  query: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  token?: string | null,
): Promise<GraphQLResponse<TResult>>;
export async function postGraphQL<T = Record<string, any>>(
  url: string,
  query: string,
  variables?: Record<string, unknown>,
  token?: string | null,
): Promise<GraphQLResponse<T>>;
export async function postGraphQL(
  url: string,
  query: Operation,
  variables: unknown = {},
  token?: string | null,
): Promise<GraphQLResponse> {
  const res = await fetch(url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  return (await res.json()) as GraphQLResponse;
}

/** A graphql-ws client of a server process (no retries: a drop is a drop). */
export function wsClient(url: string, token: string): Client {
  return createClient({
    url: url.replace(/^http/, 'ws'),
    webSocketImpl: WebSocket,
    retryAttempts: 0,
    lazy: true,
    connectionParams: { authorization: `Bearer ${token}` },
  });
}

/**
 * Runs a TypeScript program of the project (`node --import tsx <args>`) with piped stdin, as a
 * person scripting it would; resolves with its exit code and what it printed.
 */
export function runProgram(
  args: string[],
  options: { env: NodeJS.ProcessEnv; input?: string; cwd?: string; timeoutMs?: number },
) {
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', ...args], {
      cwd: options.cwd ?? ROOT,
      env: options.env,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => {
      stdout += d;
    });
    child.stderr.on('data', (d) => {
      stderr += d;
    });
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`timed out; printed so far:\n${stdout}\n${stderr}`));
    }, options.timeoutMs ?? 90_000);
    child.on('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
    child.stdin.end(options.input ?? '');
  });
}
