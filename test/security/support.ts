import { randomUUID } from 'node:crypto';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { request as httpRequest } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { SignJWT } from 'jose';
import { expect, inject } from 'vitest';
import WebSocket from 'ws';
import type { GraphQLResponse } from '../helpers/app.js';

/** Helpers of the issue-12 tests (test/security): raw HTTP and WebSocket from a chosen address. */

export const SECRET = 'security-tests-secret-of-at-least-32-characters';

export type Json = Record<string, any>;
export type GraphQLErrorJson = NonNullable<GraphQLResponse['errors']>[number];

export interface RawResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  text: string;
  /** Bytes of the body as received. */
  bytes: number;
}

export interface RequestOptions {
  method?: string;
  headers?: Record<string, string>;
  body?: string;
  /**
   * The client's source address: any 127.x.y.z works on Linux against a server on 127.0.0.1, so a
   * test can be several clients ("IPs") at once.
   */
  localAddress?: string;
}

/**
 * One HTTP request through node:http (fetch may not set Host or a source address), the body
 * read whole.
 */
export function request(url: string, options: RequestOptions = {}): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      url,
      {
        method: options.method ?? 'GET',
        headers: options.headers,
        localAddress: options.localAddress,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const body = Buffer.concat(chunks);
          resolve({
            status: res.statusCode ?? 0,
            headers: res.headers,
            text: body.toString('utf8'),
            bytes: body.byteLength,
          });
        });
      },
    );
    req.on('error', reject);
    if (options.body !== undefined) req.write(options.body);
    req.end();
  });
}

export interface GqlResponse extends GraphQLResponse {
  status: number;
  headers: RawResponse['headers'];
  bytes: number;
}

export interface GqlOptions {
  /** Sent as `Authorization: Bearer <token>`. */
  token?: string | null;
  headers?: Record<string, string>;
  localAddress?: string;
  /** A body to send as is (e.g. JSON with a `__proto__` key that JSON.stringify cannot write). */
  rawBody?: string;
}

/** A GraphQL POST; the body parsed, with status, headers and size. */
export async function gql(
  url: string,
  query: string,
  variables: Json = {},
  options: GqlOptions = {},
): Promise<GqlResponse> {
  const res = await request(url, {
    method: 'POST',
    localAddress: options.localAddress,
    headers: {
      'content-type': 'application/json',
      ...(options.token ? { authorization: `Bearer ${options.token}` } : {}),
      ...options.headers,
    },
    body: options.rawBody ?? JSON.stringify({ query, variables }),
  });
  let body: GraphQLResponse;
  try {
    body = JSON.parse(res.text) as GraphQLResponse;
  } catch {
    throw new Error(`not a JSON answer (${res.status}): ${res.text.slice(0, 300)}`);
  }
  return { ...body, status: res.status, headers: res.headers, bytes: res.bytes };
}

/** The data of an operation that must succeed. */
export async function ok(
  url: string,
  query: string,
  variables: Json = {},
  options: GqlOptions = {},
): Promise<Json> {
  const res = await gql(url, query, variables, options);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  expect(res.status).toBe(200);
  return res.data as Json;
}

/** The one error of a response that must fail with `code` (and `field`, when given). */
export function expectOneError(
  res: GraphQLResponse,
  code: string,
  field?: string,
): GraphQLErrorJson {
  const shown = JSON.stringify({ data: res.data, errors: res.errors }).slice(0, 600);
  expect(res.errors, `expected ${code}, got ${shown}`).toHaveLength(1);
  const error = res.errors?.[0] as GraphQLErrorJson;
  expect(error.extensions?.code, JSON.stringify(error)).toBe(code);
  if (field !== undefined) expect(error.extensions?.field, JSON.stringify(error)).toBe(field);
  return error;
}

/** An HS256 token with exactly these claims (`sub` may be anything, even a number). */
export function signJwt(
  claims: Json,
  options: { secret?: string; expiresInSeconds?: number } = {},
): Promise<string> {
  const now = Math.floor(Date.now() / 1000);
  return new SignJWT({ jti: randomUUID(), iat: now - 5, ...claims })
    .setProtectedHeader({ alg: 'HS256' })
    .setExpirationTime(now + (options.expiresInSeconds ?? 300))
    .sign(new TextEncoder().encode(options.secret ?? SECRET));
}

export interface RawWs {
  socket: WebSocket;
  opened: Promise<void>;
  /** The close code and reason, once the server or the client closed. */
  closed: Promise<{ code: number; reason: string }>;
  send(message: Json): void;
  /** The next graphql-ws message, in order; rejects once the socket closes. */
  next(): Promise<Json>;
  /** The next message, or null when none arrives within `ms` (for "nothing more came"). */
  nextWithin(ms: number): Promise<Json | null>;
  /** Sizes in bytes of every frame received so far, in order, with the message's id and type. */
  frames: { bytes: number; id?: string; type: string }[];
}

/** A raw graphql-transport-ws socket. */
export function rawWs(url: string, options: { localAddress?: string } = {}): RawWs {
  const socket = new WebSocket(url.replace(/^http/, 'ws'), 'graphql-transport-ws', {
    localAddress: options.localAddress,
    maxPayload: 512 * 1024 * 1024,
  });
  const inbox: Json[] = [];
  const waiting: ((message: Json) => void)[] = [];
  const frames: RawWs['frames'] = [];
  socket.on('message', (data: Buffer) => {
    const message = JSON.parse(String(data)) as Json;
    frames.push({ bytes: data.byteLength, id: message.id, type: message.type });
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  // Errors (a refused upgrade, a reset) end up as a close; the close code is what tests read.
  socket.on('error', () => {});
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve());
    socket.on('close', (code) => reject(new Error(`closed before opening (${code})`)));
  });
  opened.catch(() => {});
  const next = (): Promise<Json> => {
    const message = inbox.shift();
    if (message) return Promise.resolve(message);
    return Promise.race([
      new Promise<Json>((resolve) => waiting.push(resolve)),
      closed.then(({ code, reason }) =>
        Promise.reject(new Error(`the socket closed (${code} ${reason})`)),
      ),
    ]);
  };
  return {
    socket,
    opened,
    closed,
    frames,
    send: (message) => socket.send(JSON.stringify(message)),
    next,
    async nextWithin(ms) {
      const message = inbox.shift();
      if (message) return message;
      let timer: NodeJS.Timeout | undefined;
      let waiter: ((message: Json) => void) | undefined;
      const result = await Promise.race([
        new Promise<Json>((resolve) => {
          waiter = resolve;
          waiting.push(resolve);
        }),
        new Promise<null>((resolve) => {
          timer = setTimeout(() => resolve(null), ms);
        }),
        closed.then(() => null),
      ]);
      clearTimeout(timer);
      if (result === null && waiter) waiting.splice(waiting.indexOf(waiter), 1);
      return result;
    },
  };
}

/** A raw socket past connection_init, acknowledged, with this token. */
export async function initialisedWs(
  url: string,
  token: string,
  options: { localAddress?: string } = {},
): Promise<RawWs> {
  const ws = rawWs(url, options);
  await ws.opened;
  ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  expect(await ws.next()).toEqual({ type: 'connection_ack' });
  return ws;
}

/**
 * What a connection_init with this token gets: 'ack', or the close code (an unacknowledged
 * socket the server leaves open for 5 s counts as 'open').
 */
export async function initOutcome(
  url: string,
  token: string,
  options: { localAddress?: string } = {},
): Promise<'ack' | 'open' | number> {
  const ws = rawWs(url, options);
  try {
    await ws.opened;
  } catch {
    return (await ws.closed).code;
  }
  ws.send({ type: 'connection_init', payload: { authorization: `Bearer ${token}` } });
  const first = await ws.nextWithin(5000);
  if (first?.type === 'connection_ack') {
    ws.socket.close(1000);
    return 'ack';
  }
  if (ws.socket.readyState === WebSocket.OPEN) {
    ws.socket.close(1000);
    return 'open';
  }
  return (await ws.closed).code;
}

/** A promise that rejects after `ms` with `what` (for waits that must end). */
export function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what}: nothing within ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** A fresh empty directory for a DATA_DIR, removed by the returned function. */
export async function tempDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'chat-security-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/**
 * A DATA_DIR holding a copy of the run's migrated and seeded template (test/global-setup.ts), so
 * a server process starts in seconds instead of migrating and seeding a new database. Without a
 * PGlite template (TEST_DATABASE_URL runs) the directory is empty and the server builds it.
 */
export async function seededDataDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const data = await tempDataDir();
  const template = inject('pgliteTemplate');
  if (template) {
    // The embedded database lives in DATA_DIR/pglite (src/db/client.ts).
    const pglite = new PGlite(path.join(data.dir, 'pglite'), {
      loadDataDir: new Blob([await readFile(template)]),
    });
    await pglite.waitReady;
    await pglite.close();
  }
  return data;
}

/** The median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** This machine's first non-loopback IPv4 address, if it has one. */
export function externalIPv4(): string | undefined {
  for (const addresses of Object.values(os.networkInterfaces())) {
    for (const a of addresses ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** Runs `attempt` until it runs within one wall-clock minute (fixed one-minute rate windows). */
export async function withinOneMinuteWindow(attempt: (round: number) => Promise<void>) {
  for (let round = 0; round < 3; round += 1) {
    const window = Math.floor(Date.now() / 60_000);
    let failure: unknown;
    try {
      await attempt(round);
    } catch (error) {
      failure = error;
    }
    if (Math.floor(Date.now() / 60_000) !== window) continue;
    if (failure) throw failure;
    return;
  }
  throw new Error('three attempts straddled a minute boundary');
}
