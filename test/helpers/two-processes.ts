import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, expect } from 'vitest';
import type { TypedDocumentString } from '../../client/generated/graphql.js';
import { createUserWithKey } from '../../src/auth/api-keys.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { postGraphQL, type ServerProcess, startServerProcess, wsClient } from './server-process.js';

type Run = <TResult, TVariables>(
  server: ServerProcess,
  query: TypedDocumentString<TResult, TVariables>,
  vars: TVariables,
  key: string,
) => Promise<TResult>;

/**
 * Two real server processes (`node --import tsx src/server.ts`) on one new PostgreSQL database
 * (TEST_DATABASE_URL) and TEST_REDIS_URL, started before the describe block's tests and stopped
 * after them. `env` adds to what both get (the local model, 30 ms a word, coalescing off).
 */
export function useTwoProcesses(env: Record<string, string> = {}) {
  let db: TestDatabase;
  let dataDir: string | undefined;
  const servers: { a?: ServerProcess; b?: ServerProcess } = {};
  const clients: Client[] = [];

  beforeAll(async () => {
    db = await createTestDatabase();
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'chat-two-processes-'));
    const all = {
      DATABASE_URL: db.url as string,
      REDIS_URL: process.env.TEST_REDIS_URL as string,
      DATA_DIR: dataDir,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      LOCAL_MODEL_DELAY_MS: '30',
      // Every word its own event: the tests follow each delta from one process to the other.
      STREAM_COALESCE_MS: '0',
      ...env,
    };
    // A user before the servers start, so neither creates a development user.
    await createUserWithKey(db.prisma, 'first');
    [servers.a, servers.b] = await Promise.all([startServerProcess(all), startServerProcess(all)]);
  }, 120_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await Promise.all([servers.a?.stop(), servers.b?.stop()]);
    await db?.close();
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  }, 30_000);

  const ok: Run = async (server, query, vars, key) => {
    const res = await postGraphQL(server.url, query, vars, key);
    expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
    return res.data as NonNullable<typeof res.data>;
  };
  return {
    get a() {
      return servers.a as ServerProcess;
    },
    get b() {
      return servers.b as ServerProcess;
    },
    /** The operation's response, errors included. */
    gql: <TResult, TVariables>(
      server: ServerProcess,
      query: TypedDocumentString<TResult, TVariables>,
      vars: TVariables,
      key: string,
    ) => postGraphQL(server.url, query, vars, key),
    /** The operation's data; the test fails on any error. */
    ok,
    /** A graphql-ws client of `server`, disposed after the tests. */
    ws(server: ServerProcess, key: string) {
      const client = wsClient(server.url, key);
      clients.push(client);
      return client;
    },
    /** The API key of a new user named `name` plus a random suffix. */
    async user(name: string) {
      const suffix = Math.random().toString(36).slice(2, 8);
      return (await createUserWithKey(db.prisma, `${name}-${suffix}`)).key;
    },
  };
}
