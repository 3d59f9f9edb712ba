import type { LanguageModelV3 } from '@ai-sdk/provider';
import { type Client, createClient } from 'graphql-ws';
import pino, { type Logger } from 'pino';
import WebSocket from 'ws';
import type { TypedDocumentString } from '../../client/generated/graphql.js';
import { type App, createApp } from '../../src/app.js';
import { createUserWithKey } from '../../src/auth/api-keys.js';
import { createLocalModel } from '../../src/chat/models/local.js';
import { loadConfig } from '../../src/config.js';
import type { Tracing } from '../../src/http/tracing.js';
import { createTestDatabase, type TestDatabase } from './db.js';
import { postGraphQL } from './server-process.js';

export interface GraphQLResponse<T = Record<string, any>> {
  data?: T | null;
  errors?: { message: string; path?: (string | number)[]; extensions?: Record<string, any> }[];
}

/**
 * A document to send: a generated one (typed: its variables and its result), or a plain string
 * for what codegen must not see (malformed, generated on the fly, probing limits).
 */
export type Operation = TypedDocumentString<any, any> | string;

/** The HTTP/WS helpers' overloads: a generated document types variables and result. */
export interface RunOperation {
  <TResult, TVariables>(
    query: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    token?: string | null,
  ): Promise<GraphQLResponse<TResult>>;
  <T = Record<string, any>>(
    query: string,
    variables?: Record<string, unknown>,
    token?: string | null,
  ): Promise<GraphQLResponse<T>>;
}

export interface TestUser {
  id: string;
  name: string;
  key: string;
}

export interface TestApp {
  app: App;
  db: TestDatabase;
  /** http://127.0.0.1:<port>/graphql */
  url: string;
  /** Runs an operation over HTTP through the real server. */
  gql: RunOperation;
  /** A user with an API key. */
  user(name?: string): Promise<TestUser>;
  /** A graphql-ws client authenticated with the token (no retries: a drop is a drop). */
  ws(token?: string | null, connectionParams?: Record<string, unknown>): Client;
  /** The user created for `graphiqlApiKey: true`. */
  devUser?: TestUser;
  close(): Promise<void>;
}

export interface TestAppOptions {
  model?: LanguageModelV3;
  /** Use the model the configuration names (MODEL, OPENAI_BASE_URL, …) instead of the local one. */
  modelFromConfig?: boolean;
  env?: Record<string, string>;
  /**
   * Pre-fills GraphiQL's Authorization header (and the web page's key), as a development server
   * does: a key, or `true` for a new user "local" with a key of its own (returned as `devUser`).
   */
  graphiqlApiKey?: string | true;
  /** The server's logger (default: silent, or TEST_LOG_LEVEL); tests of log lines pass their own. */
  logger?: Logger;
  /** OpenTelemetry started by the test (startTracing with an in-memory exporter). */
  tracing?: Tracing;
}

let userCounter = 0;

/** The real app (HTTP + WebSocket on port 0) over a fresh migrated and seeded database of its own. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const db = await createTestDatabase();
  const config = loadConfig({
    NODE_ENV: 'test',
    LOG_LEVEL: 'silent',
    LOCAL_MODEL_DELAY_MS: '0',
    // Every client of a test comes from 127.0.0.1, and tests revoke keys in the database: the
    // per-IP limits and the API key cache are off unless a test sets them (test/security).
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: '0',
    AUTH_FAILURES_PER_MINUTE: '0',
    API_KEY_CACHE_MS: '0',
    // Test files share two cores: a loop stalled by its neighbours is not this server's overload
    // (load shedding is tested on its own, test/hardening/overload.test.ts).
    OVERLOAD_LOOP_DELAY_MS: '0',
    // Every model delta as its own event, so tests can follow a stream word by word; the default
    // window is tested on its own (test/stream/coalescing.test.ts).
    STREAM_COALESCE_MS: '0',
    // TEST_REDIS_URL runs the same tests with pub/sub, events and limits on Redis.
    ...(process.env.TEST_REDIS_URL ? { REDIS_URL: process.env.TEST_REDIS_URL } : {}),
    ...options.env,
  });
  let devUser: TestUser | undefined;
  if (options.graphiqlApiKey === true) {
    const { user, key } = await createUserWithKey(db.prisma, 'local', 'development');
    devUser = { id: user.id, name: user.name, key };
  }
  const app = createApp({
    config,
    database: db,
    model: options.modelFromConfig
      ? undefined
      : (options.model ?? createLocalModel({ delayMs: config.localModelDelayMs })),
    modelName: options.modelFromConfig ? undefined : options.model ? 'mock' : 'local',
    logger: options.logger ?? pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    graphiqlApiKey:
      typeof options.graphiqlApiKey === 'string' ? options.graphiqlApiKey : devUser?.key,
    tracing: options.tracing,
  });
  const url = (await app.listen(0, '127.0.0.1')).replace('localhost', '127.0.0.1');
  const clients: Client[] = [];
  return {
    app,
    db,
    url,
    devUser,
    gql: ((query: Operation, variables?: Record<string, unknown>, token?: string | null) =>
      postGraphQL(url, query.toString(), variables, token)) as RunOperation,
    async user(name) {
      userCounter += 1;
      const n = name ?? `user${userCounter}-${Math.random().toString(36).slice(2, 8)}`;
      const { user, key } = await createUserWithKey(db.prisma, n);
      return { id: user.id, name: user.name, key };
    },
    ws(token, connectionParams) {
      const client = createClient({
        url: url.replace(/^http/, 'ws'),
        webSocketImpl: WebSocket,
        retryAttempts: 0,
        lazy: true,
        connectionParams: connectionParams ?? (token ? { authorization: `Bearer ${token}` } : {}),
      });
      clients.push(client);
      return client;
    },
    async close() {
      await Promise.all(clients.map((c) => c.dispose()));
      await app.services.runner.drain();
      await app.close();
      await db.close();
    },
  };
}

export interface Collected<T> {
  done: Promise<T[]>;
  events: T[];
  errors: unknown[];
  stop: () => void;
}

/** Collects a subscription's events until `until` returns true (or the timeout passes). */
export function collect<TResult, TVariables>(
  client: Client,
  query: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  until: (event: TResult, all: TResult[]) => boolean,
  timeoutMs?: number,
): Collected<TResult>;
export function collect<T = Record<string, any>>(
  client: Client,
  query: string,
  variables: Record<string, unknown>,
  until: (event: T, all: T[]) => boolean,
  timeoutMs?: number,
): Collected<T>;
export function collect<T>(
  client: Client,
  query: Operation,
  variables: Record<string, unknown>,
  until: (event: T, all: T[]) => boolean,
  timeoutMs = 15_000,
): Collected<T> {
  const events: T[] = [];
  const errors: unknown[] = [];
  let stop: () => void = () => {};
  const done = new Promise<T[]>((resolve, reject) => {
    const timer = setTimeout(() => {
      stop();
      reject(
        new Error(`timed out after ${events.length} events: ${JSON.stringify(events.slice(-3))}`),
      );
    }, timeoutMs);
    // graphql-ws wants payload.query as a primitive string, not a TypedDocumentString.
    stop = client.subscribe<T>(
      { query: query.toString(), variables },
      {
        next: (result) => {
          if (result.errors) errors.push(...result.errors);
          const value = result.data as T;
          if (!value) return;
          events.push(value);
          if (until(value, events)) {
            clearTimeout(timer);
            stop();
            resolve(events);
          }
        },
        error: (error) => {
          clearTimeout(timer);
          errors.push(error);
          resolve(events);
        },
        complete: () => {
          clearTimeout(timer);
          resolve(events);
        },
      },
    );
  });
  return { done, events, errors, stop: () => stop() };
}
