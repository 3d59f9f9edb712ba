import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { Lexer, Source, TokenKind } from 'graphql';
import type { Client } from 'graphql-ws';
import { exportJWK, generateKeyPair, SignJWT } from 'jose';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../../client/generated/gql.js';
import {
  RespondToApprovalDocument as RESPOND,
  StopTurnDocument as STOP,
} from '../../client/generated/graphql.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { loadConfig } from '../../src/config.js';
import {
  collect,
  type GraphQLResponse,
  type Operation,
  startTestApp,
  type TestApp,
} from '../helpers/app.js';
import {
  TestAppendMessage as APPEND,
  TestSessionsChanged as CHANGES,
  TestSessionEvents as EVENTS,
  TestSendMessage as SEND,
  TestSessionsCount,
  TestViewer,
} from '../helpers/operations.js';

/**
 * Credentials (API keys and JWTs, over HTTP, WebSocket and SSE), the authorization matrix of the
 * subscriptions and of stopTurn / respondToApproval / renewSession, rate limits, GraphQL Armor's
 * limits, the request and WebSocket message size limits, the graphql-ws initialisation timeout,
 * production's hidden field suggestions, CSRF prevention and session timeouts.
 */

const SECRET = 'hardening-test-secret-of-at-least-32-characters';
const SEND_LIMIT = 2;
const OPERATION_LIMIT = 5;

const CREATE = graphql(`
  mutation LimitsCreateSession($input: CreateSessionInput!) {
    createSession(input: $input) { session { id state createdAt expiresAt } }
  }
`);
const RENEW = graphql(`
  mutation LimitsRenewSession($id: ID!) {
    renewSession(input: { id: $id }) { session { id state expiresAt } }
  }
`);
const SESSION = graphql(`
  query LimitsSession($id: ID!) {
    session(id: $id) {
      state expiresAt activeTurn { id status }
      messages(last: 1) { edges { node { role parts { ... on ToolPart { toolCallId toolName state } } } } }
    }
  }
`);

type Ev = Record<string, any>;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const missingId = (typename: string) => encodeGlobalID(typename, randomUUID());
const ms = (iso: string) => new Date(iso).getTime();

async function waitFor<T>(
  probe: () => Promise<T> | T,
  done: (v: T) => boolean,
  timeoutMs = 10_000,
) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (done(value)) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting: ${JSON.stringify(value)}`);
    await sleep(25);
  }
}

/** A private key of a JWKS, with the `kid` and `alg` its token headers name. */
interface Signer {
  kid: string;
  alg: string;
  privateKey: CryptoKey;
}

/**
 * An HS256 token (or one signed by `signer`, a JWKS key); `exp` in seconds from now (negative:
 * already expired).
 */
function jwt(sub: string, options: { secret?: string; exp?: number; signer?: Signer } = {}) {
  const now = Math.floor(Date.now() / 1000);
  const { signer } = options;
  return new SignJWT({})
    .setProtectedHeader(signer ? { alg: signer.alg, kid: signer.kid } : { alg: 'HS256' })
    .setSubject(sub)
    .setIssuedAt(now - 120)
    .setJti(randomUUID())
    .setExpirationTime(now + (options.exp ?? 300))
    .sign(signer?.privateKey ?? new TextEncoder().encode(options.secret ?? SECRET));
}

/** An operation over HTTP with exactly this Authorization header (none when undefined). */
async function http(
  t: TestApp,
  query: Operation,
  variables: Record<string, unknown> = {},
  token?: string,
): Promise<GraphQLResponse & { status: number }> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  return { status: res.status, ...((await res.json()) as GraphQLResponse) };
}

async function ok(t: TestApp, query: Operation, variables: Record<string, unknown>, token: string) {
  const res = await http(t, query, variables, token);
  expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
  return res.data as Ev;
}

/** The one error of a request that must fail with `code`. */
async function fails(
  t: TestApp,
  query: Operation,
  variables: Record<string, unknown>,
  token: string | undefined,
  code: string,
) {
  const res = await http(t, query, variables, token);
  expect(res.errors, JSON.stringify(res)).toHaveLength(1);
  expect(res.errors?.[0]?.extensions?.code, JSON.stringify(res.errors)).toBe(code);
  return res.errors?.[0] as NonNullable<GraphQLResponse['errors']>[number];
}

/** The close code of a raw graphql-transport-ws socket after connection_init with this payload. */
function closeCodeFor(t: TestApp, payload: Record<string, unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), 5000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') {
        clearTimeout(timer);
        socket.close();
        reject(new Error('connection acknowledged'));
      }
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', reject);
  });
}

/**
 * A raw graphql-transport-ws socket: `next()` is its next message (in order, none lost), `closed`
 * its close code and reason.
 */
function rawWs(t: TestApp) {
  const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
  const inbox: Ev[] = [];
  const waiting: ((message: Ev) => void)[] = [];
  socket.on('message', (data) => {
    const message = JSON.parse(String(data)) as Ev;
    const waiter = waiting.shift();
    if (waiter) waiter(message);
    else inbox.push(message);
  });
  const closed = new Promise<{ code: number; reason: string }>((resolve) =>
    socket.on('close', (code, reason) => resolve({ code, reason: String(reason) })),
  );
  const opened = new Promise<void>((resolve, reject) => {
    socket.on('open', () => resolve());
    socket.on('error', reject);
  });
  return {
    socket,
    opened,
    closed,
    send: (message: Ev) => socket.send(JSON.stringify(message)),
    next: (): Promise<Ev> => {
      const message = inbox.shift();
      if (message) return Promise.resolve(message);
      return Promise.race([
        new Promise<Ev>((resolve) => waiting.push(resolve)),
        closed.then(({ code }) => Promise.reject(new Error(`the socket closed (${code})`))),
      ]);
    },
  };
}

/** A raw socket past connection_init (acknowledged) with this API key. */
async function initialisedWs(t: TestApp, key: string) {
  const raw = rawWs(t);
  await raw.opened;
  raw.send({ type: 'connection_init', payload: { authorization: `Bearer ${key}` } });
  expect(await raw.next()).toEqual({ type: 'connection_ack' });
  return raw;
}

/** The first message of a subscription over SSE (Yoga's text/event-stream). */
async function firstSse(t: TestApp, query: Operation, variables: Ev, token?: string): Promise<Ev> {
  const controller = new AbortController();
  const res = await fetch(t.url, {
    method: 'POST',
    signal: controller.signal,
    headers: {
      'content-type': 'application/json',
      accept: 'text/event-stream',
      ...(token ? { authorization: `Bearer ${token}` } : {}),
    },
    body: JSON.stringify({ query: query.toString(), variables }),
  });
  const reader = (res.body as ReadableStream<Uint8Array>).getReader();
  const decoder = new TextDecoder();
  let buffer = '';
  try {
    for (;;) {
      const { value, done } = await reader.read();
      if (done) throw new Error(`the stream ended: ${buffer}`);
      buffer += decoder.decode(value, { stream: true });
      const data = /^data:(.*)$/m.exec(buffer);
      if (data && buffer.includes('\n\n')) return JSON.parse(data[1] as string);
    }
  } finally {
    controller.abort();
  }
}

/** The first result of a subscription over graphql-ws: its first event or its error. */
async function firstWs(client: Client, query: Operation, variables: Ev): Promise<Ev> {
  const feed = collect(client, query.toString(), variables, () => true, 5000);
  await feed.done;
  return { events: feed.events, errors: feed.errors };
}

describe('JWT and API-key credentials', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: {
        JWT_SECRET: SECRET,
        RATE_LIMIT_SEND_PER_MINUTE: String(SEND_LIMIT),
        LOCAL_MODEL_DELAY_MS: '50',
      },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  describe('JWT (HS256)', () => {
    it('works over HTTP and creates the user on first sight; the same sub is the same user', async () => {
      const sub = `auth0|${randomUUID()}`;
      expect(await t.db.prisma.user.count({ where: { externalId: sub } })).toBe(0);
      const first = await ok(t, TestViewer, {}, await jwt(sub));
      expect(first.viewer.name).toBe(`jwt:${sub}`);
      const again = await ok(t, TestViewer, {}, await jwt(sub));
      expect(again.viewer.id).toBe(first.viewer.id);
      expect(await t.db.prisma.user.count({ where: { externalId: sub } })).toBe(1);
      const other = await ok(t, TestViewer, {}, await jwt(`${sub}-2`));
      expect(other.viewer.id).not.toBe(first.viewer.id);
    });

    it('works over WebSocket: a JWT holder follows its own session', async () => {
      const token = await jwt(`ws-${randomUUID()}`);
      const id = (await ok(t, CREATE, { input: {} }, token)).createSession.session.id;
      const feed = collect(
        t.ws(token),
        EVENTS,
        { id, after: 0 },
        (e) => e.sessionEvents.__typename === 'MessageAppended',
      );
      await ok(t, APPEND, { id, text: 'over a JWT' }, token);
      const events = await feed.done;
      expect(feed.errors).toEqual([]);
      expect(events.at(-1)?.sessionEvents).toMatchObject({
        __typename: 'MessageAppended',
        message: { text: 'over a JWT' },
      });
    });

    it('refuses expired, wrongly signed, unsigned and sub-less tokens: UNAUTHENTICATED, 4403', async () => {
      const sub = `refused-${randomUUID()}`;
      const unsigned = `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(
        JSON.stringify({ sub, exp: Math.floor(Date.now() / 1000) + 300 }),
      ).toString('base64url')}.`;
      const noSub = await new SignJWT({})
        .setProtectedHeader({ alg: 'HS256' })
        .setExpirationTime('5m')
        .sign(new TextEncoder().encode(SECRET));
      const bad = {
        expired: await jwt(sub, { exp: -60 }),
        'wrong secret': await jwt(sub, { secret: `${SECRET}-but-another-one` }),
        unsigned,
        'no sub': noSub,
      };
      for (const [name, token] of Object.entries(bad)) {
        const error = await fails(t, TestViewer, {}, token, 'UNAUTHENTICATED');
        expect(error.message, name).toMatch(/invalid or expired token/i);
        expect(await closeCodeFor(t, { authorization: `Bearer ${token}` }), name).toBe(4403);
      }
      expect(await t.db.prisma.user.count({ where: { externalId: sub } })).toBe(0);
    });
  });

  describe('authorization matrix: subscriptions, stopTurn, respondToApproval, renewSession', () => {
    let owner: { id: string; key: string };
    let other: string;
    let revoked: string;
    let expiredJwt: string;
    /** Credentials that name nobody: no token, a revoked key, an expired JWT. */
    let nobody: [string, string | undefined][];

    beforeAll(async () => {
      owner = await t.user();
      other = (await t.user()).key;
      const second = await createApiKey(t.db.prisma, owner.id, 'revoked');
      await t.db.prisma.apiKey.update({
        where: { id: second.apiKey.id },
        data: { revokedAt: new Date() },
      });
      revoked = second.key;
      // The owner's own subject, expired: being the owner does not help.
      const { externalId } = await t.db.prisma.user.update({
        where: { id: owner.id },
        data: { externalId: `owner-${randomUUID()}` },
      });
      expiredJwt = await jwt(externalId as string, { exp: -5 });
      nobody = [
        ['no token', undefined],
        ['revoked key', revoked],
        ['expired JWT', expiredJwt],
      ];
    });

    const createSession = async (input: Ev = {}) =>
      (await ok(t, CREATE, { input }, owner.key)).createSession.session as Ev;
    const session = async (id: string) => (await ok(t, SESSION, { id }, owner.key)).session as Ev;

    it('sessionEvents: the owner follows; another user gets NOT_FOUND; nobody is refused', async () => {
      const id = (await createSession()).id;
      await ok(t, APPEND, { id, text: 'visible to the owner' }, owner.key);
      const mine = await firstWs(t.ws(owner.key), EVENTS, { id, after: 0 });
      expect(mine.events[0].sessionEvents.message.text).toBe('visible to the owner');
      expect((await firstSse(t, EVENTS, { id, after: 0 }, owner.key)).data).toMatchObject({
        sessionEvents: { __typename: 'MessageAppended' },
      });

      const missing = await firstWs(t.ws(other), EVENTS, { id: missingId('Session'), after: 0 });
      const theirs = await firstWs(t.ws(other), EVENTS, { id, after: 0 });
      expect(theirs.events).toEqual([]);
      expect(theirs.errors).toHaveLength(1);
      expect(theirs.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(theirs.errors[0].message).toBe(missing.errors[0].message);
      const overSse = await firstSse(t, EVENTS, { id, after: 0 }, other);
      expect(overSse.errors[0].extensions.code).toBe('NOT_FOUND');
      expect(overSse.data ?? null).toBeNull();

      for (const [name, token] of nobody) {
        expect(await closeCodeFor(t, token ? { authorization: `Bearer ${token}` } : {}), name).toBe(
          4403,
        );
        const sse = await firstSse(t, EVENTS, { id, after: 0 }, token);
        expect(sse.errors[0].extensions.code, name).toBe('UNAUTHENTICATED');
        expect(JSON.stringify(sse), name).not.toContain('visible to the owner');
      }
    });

    it('sessionsChanged: each user hears only of their own sessions; nobody is refused', async () => {
      const feed = collect(t.ws(other), CHANGES, {}, () => false, 20_000);
      feed.done.catch(() => {});
      const heard = () => feed.events.map((e) => e.sessionsChanged.sessionId as string);
      // Live once one of the other user's own changes arrives (the subscription starts lazily).
      await waitFor(
        async () => {
          const probe = (await ok(t, CREATE, { input: {} }, other)).createSession.session.id;
          await sleep(100);
          return heard().includes(probe);
        },
        (live) => live,
      );
      const ownerSession = (await createSession({ title: 'Private' })).id;
      await ok(t, APPEND, { id: ownerSession, text: 'private' }, owner.key);
      const sentinel = (await ok(t, CREATE, { input: {} }, other)).createSession.session.id;
      await waitFor(heard, (ids) => ids.includes(sentinel));
      feed.stop();
      expect(heard()).not.toContain(ownerSession);
      expect(feed.errors).toEqual([]);

      for (const [name, token] of nobody) {
        const sse = await firstSse(t, CHANGES, {}, token);
        expect(sse.errors[0].extensions.code, name).toBe('UNAUTHENTICATED');
      }
    });

    it('stopTurn: only the owner stops a running turn', async () => {
      const id = (await createSession()).id;
      const sent = await ok(
        t,
        SEND,
        { id, text: `tell me about ${'things '.repeat(30)}` },
        owner.key,
      );
      const turnId = sent.sendMessage.turn.id;
      const missing = await fails(t, STOP, { sessionId: missingId('Session') }, other, 'NOT_FOUND');
      const theirs = await fails(t, STOP, { sessionId: id }, other, 'NOT_FOUND');
      expect(theirs.message).toBe(missing.message);
      for (const [name, token] of nobody) {
        const error = await fails(t, STOP, { sessionId: id }, token, 'UNAUTHENTICATED');
        expect(error.path, name).toEqual(['stopTurn']);
      }
      expect((await session(id)).activeTurn).toEqual({ id: turnId, status: 'RUNNING' });
      const stopped = await ok(t, STOP, { sessionId: id }, owner.key);
      expect(stopped.stopTurn.turn).toEqual({ id: turnId, status: 'CANCELLED' });
      expect((await session(id)).state).toBe('IDLE');
    });

    it('respondToApproval: only the owner answers a pending approval', async () => {
      const id = (await createSession()).id;
      const sent = await ok(t, SEND, { id, text: 'checkout please' }, owner.key);
      const turnId = sent.sendMessage.turn.id;
      const waiting = await waitFor(
        () => session(id),
        (s) => s.state === 'AWAITING_APPROVAL',
      );
      const part = waiting.messages.edges[0].node.parts.find(
        (p: Ev) => p.toolName === 'checkout',
      ) as Ev;
      expect(part.state).toBe('AWAITING_APPROVAL');
      const vars = { turnId, toolCallId: part.toolCallId, approved: true };

      const missing = await fails(
        t,
        RESPOND,
        { ...vars, turnId: missingId('Turn') },
        other,
        'NOT_FOUND',
      );
      const theirs = await fails(t, RESPOND, vars, other, 'NOT_FOUND');
      expect(theirs.message).toBe(missing.message);
      for (const [name, token] of nobody) {
        const error = await fails(t, RESPOND, vars, token, 'UNAUTHENTICATED');
        expect(error.path, name).toEqual(['respondToApproval']);
      }
      expect((await session(id)).activeTurn).toEqual({ id: turnId, status: 'AWAITING_APPROVAL' });
      const denied = await ok(t, RESPOND, { ...vars, approved: false }, owner.key);
      expect(denied.respondToApproval.turn.id).toBe(turnId);
      await waitFor(
        () => session(id),
        (s) => s.state === 'IDLE',
      );
    });

    it('renewSession: only the owner pushes expiresAt', async () => {
      const created = await createSession({ timeout: { timeoutMinutes: 30 } });
      const id = created.id;
      const missing = await fails(t, RENEW, { id: missingId('Session') }, other, 'NOT_FOUND');
      const theirs = await fails(t, RENEW, { id }, other, 'NOT_FOUND');
      expect(theirs.message).toBe(missing.message);
      for (const [, token] of nobody) await fails(t, RENEW, { id }, token, 'UNAUTHENTICATED');
      expect((await session(id)).expiresAt).toBe(created.expiresAt);
      await sleep(5);
      const renewed = await ok(t, RENEW, { id }, owner.key);
      expect(ms(renewed.renewSession.session.expiresAt)).toBeGreaterThan(ms(created.expiresAt));
    });
  });

  it(`limits sendMessage to ${SEND_LIMIT} a minute per user: RATE_LIMITED with retryAfterSeconds`, async () => {
    // Fixed one-minute windows: a run that straddles a window boundary is retried once.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const user = await t.user();
      const window = Math.floor(Date.now() / 60_000);
      const results = [];
      for (let i = 0; i <= SEND_LIMIT; i += 1) {
        results.push(await http(t, SEND, { text: `hello ${i}` }, user.key));
      }
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      for (const res of results.slice(0, SEND_LIMIT)) expect(res.errors).toBeUndefined();
      const limited = results[SEND_LIMIT]?.errors?.[0];
      expect(limited?.extensions?.code).toBe('RATE_LIMITED');
      expect(limited?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited?.extensions?.retryAfterSeconds).toBeLessThanOrEqual(60);
      // Another user is not affected.
      expect((await http(t, SEND, { text: 'hi' }, (await t.user()).key)).errors).toBeUndefined();
      await t.app.services.runner.drain();
      return;
    }
    throw new Error('two runs straddled a minute boundary');
  });

  describe('session timeouts', () => {
    it('warns, expires, refuses messages, renews within maxDuration, and auto-renews on activity', async () => {
      const user = await t.user();
      const created = (
        await ok(
          t,
          CREATE,
          {
            input: {
              timeout: { timeoutMinutes: 2, warningThresholdMinutes: 1, maxDurationMinutes: 10 },
            },
          },
          user.key,
        )
      ).createSession.session;
      const id = created.id;
      const expiresAt = ms(created.expiresAt);
      expect(expiresAt - ms(created.createdAt)).toBe(2 * 60_000);
      const feed = collect(t.ws(user.key), EVENTS, { id, after: 0 }, () => false, 20_000);
      feed.done.catch(() => {});
      await ok(t, APPEND, { id, text: 'ready' }, user.key);
      const events = () => feed.events.map((e) => e.sessionEvents as Ev);
      await waitFor(events, (all) => all.length === 1);
      // appendMessage auto-renews: the clock runs from there.
      const current = ms((await ok(t, SESSION, { id }, user.key)).session.expiresAt);
      expect(current).toBeGreaterThanOrEqual(expiresAt);
      const sweep = (at: number) => t.app.services.expiry.run(new Date(at));

      await sweep(current - 90_000); // before the warning window: nothing
      await sweep(current - 30_000); // inside it: SessionExpiring, once
      await sweep(current - 20_000);
      await waitFor(events, (all) => all.some((e) => e.__typename === 'SessionExpiring'));
      await sweep(current + 1000); // past expiresAt: EXPIRED
      await waitFor(events, (all) =>
        all.some((e) => e.__typename === 'SessionUpdated' && e.session.state === 'EXPIRED'),
      );
      expect(events().map((e) => e.__typename)).toEqual([
        'MessageAppended',
        'SessionExpiring',
        'SessionUpdated',
      ]);
      expect(ms(events()[1]?.expiresAt)).toBe(current);
      expect((await ok(t, SESSION, { id }, user.key)).session.state).toBe('EXPIRED');

      await fails(t, SEND, { id, text: 'too late' }, user.key, 'SESSION_EXPIRED');
      await fails(t, APPEND, { id, text: 'too late' }, user.key, 'SESSION_EXPIRED');

      const before = Date.now();
      const renewed = (await ok(t, RENEW, { id }, user.key)).renewSession.session;
      expect(renewed.state).toBe('IDLE');
      expect(ms(renewed.expiresAt)).toBeGreaterThanOrEqual(before + 2 * 60_000);
      expect(ms(renewed.expiresAt)).toBeLessThanOrEqual(Date.now() + 2 * 60_000);
      expect(ms(renewed.expiresAt)).toBeLessThanOrEqual(ms(created.createdAt) + 10 * 60_000);
      await waitFor(events, (all) => all.at(-1)?.session?.state === 'IDLE');

      // A message pushes expiresAt (autoRenew is the default).
      await sleep(20);
      const sent = await ok(t, SEND, { id, text: 'hello again' }, user.key);
      expect(ms(sent.sendMessage.session.expiresAt)).toBeGreaterThan(ms(renewed.expiresAt));
      await t.app.services.runner.drain();

      // Without autoRenew, activity leaves expiresAt alone.
      const fixed = (
        await ok(
          t,
          CREATE,
          { input: { timeout: { timeoutMinutes: 2, autoRenew: false } } },
          user.key,
        )
      ).createSession.session;
      await sleep(20);
      const appended = await ok(t, APPEND, { id: fixed.id, text: 'activity' }, user.key);
      expect(appended.appendMessage.session.expiresAt).toBe(fixed.expiresAt);
    });
  });
});

describe('JWT from a JWKS (JWT_JWKS_URL)', () => {
  const VIEWER = TestViewer;
  let t: TestApp;
  let jwks: Server;
  let jwksRequests = 0;
  let signer: Signer;
  /** Another key pair of the same kid and alg, not in the JWKS. */
  let impostor: Signer;

  beforeAll(async () => {
    const kid = `key-${randomUUID()}`;
    const pair = await generateKeyPair('ES256');
    signer = { kid, alg: 'ES256', privateKey: pair.privateKey };
    impostor = { kid, alg: 'ES256', privateKey: (await generateKeyPair('ES256')).privateKey };
    const body = JSON.stringify({
      keys: [{ ...(await exportJWK(pair.publicKey)), kid, alg: 'ES256', use: 'sig' }],
    });
    jwks = createServer((_req, res) => {
      jwksRequests += 1;
      res.writeHead(200, { 'content-type': 'application/json' }).end(body);
    });
    await new Promise<void>((resolve) => jwks.listen(0, '127.0.0.1', resolve));
    const { port } = jwks.address() as AddressInfo;
    t = await startTestApp({
      env: { JWT_JWKS_URL: `http://127.0.0.1:${port}/.well-known/jwks.json` },
    });
  });
  afterAll(async () => {
    await t?.close();
    jwks?.closeAllConnections();
    await new Promise((resolve) => jwks?.close(resolve));
  });

  it('a token signed by the JWKS key works over HTTP and WebSocket; its sub names the user', async () => {
    const sub = `jwks|${randomUUID()}`;
    const token = await jwt(sub, { signer });
    const { viewer } = await ok(t, VIEWER, {}, token);
    expect(viewer.name).toBe(`jwt:${sub}`);
    expect(jwksRequests).toBeGreaterThan(0);
    // A second token of the same subject is the same user.
    expect((await ok(t, VIEWER, {}, await jwt(sub, { signer }))).viewer).toEqual(viewer);

    const overWs = await firstWs(t.ws(token), VIEWER, {});
    expect(overWs.errors).toEqual([]);
    expect(overWs.events).toEqual([{ viewer }]);
    expect(await t.db.prisma.user.count({ where: { externalId: sub } })).toBe(1);
  });

  it('refuses another key of the same kid and alg, expired, unknown-kid and HS256 tokens: UNAUTHENTICATED, 4403', async () => {
    const sub = `jwks-refused-${randomUUID()}`;
    const bad = {
      'another key, same kid and alg': await jwt(sub, { signer: impostor }),
      expired: await jwt(sub, { signer, exp: -60 }),
      'unknown kid': await jwt(sub, { signer: { ...signer, kid: `${signer.kid}-unknown` } }),
      'HS256 (no secret is configured)': await jwt(sub),
    };
    for (const [name, token] of Object.entries(bad)) {
      const error = await fails(t, TestViewer, {}, token, 'UNAUTHENTICATED');
      expect(error.message, name).toMatch(/invalid or expired token/i);
      expect(await closeCodeFor(t, { authorization: `Bearer ${token}` }), name).toBe(4403);
    }
    expect(await t.db.prisma.user.count({ where: { externalId: sub } })).toBe(0);
    // The right key still works after the refusals.
    expect((await ok(t, VIEWER, {}, await jwt(sub, { signer }))).viewer.name).toBe(`jwt:${sub}`);
  });
});

describe('production configuration: no field suggestions, GraphiQL or development key', () => {
  const MISSPELLED = '{ viewr { id } }';
  let production: TestApp;
  let development: TestApp;
  beforeAll(async () => {
    production = await startTestApp({ env: { NODE_ENV: 'production' }, graphiqlApiKey: true });
    development = await startTestApp({ env: { NODE_ENV: 'development' }, graphiqlApiKey: true });
  });
  afterAll(async () => {
    await production?.close();
    await development?.close();
  });

  it('hides "Did you mean" in production (HTTP and WebSocket); development suggests the field', async () => {
    expect(production.app.services.config.isProduction).toBe(true);
    expect(development.app.services.config.isProduction).toBe(false);
    const key = production.devUser?.key as string;

    const hidden = await fails(production, MISSPELLED, {}, key, 'BAD_USER_INPUT');
    expect(hidden.message).toMatch(/Cannot query field "viewr" on type "Query"/);
    expect(hidden.message).not.toMatch(/did you mean/i);
    expect(hidden.message).not.toContain('"viewer"');
    const overWs = (await firstWs(production.ws(key), MISSPELLED, {})).errors.flat() as Ev[];
    expect(overWs).toHaveLength(1);
    expect(overWs[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(overWs[0]?.message).toMatch(/Cannot query field "viewr"/);
    expect(overWs[0]?.message).not.toMatch(/did you mean/i);

    const shown = await fails(development, MISSPELLED, {}, undefined, 'BAD_USER_INPUT');
    expect(shown.message).toMatch(
      /Cannot query field "viewr" on type "Query"\. Did you mean "viewer"\?/,
    );
  });

  it('hides suggestions for enum values and for input fields in variables too', async () => {
    const key = production.devUser?.key as string;
    const inline = '{ sessions(filter: { state: IDLEE }) { totalCount } }';
    const variables = [
      'query($f: SessionFilter) { sessions(filter: $f) { totalCount } }',
      { f: { stat: 'IDLE', state: 'IDLEE' } },
    ] as const;
    for (const [t, hidden] of [
      [production, true],
      [development, false],
    ] as const) {
      const token = t.devUser?.key as string;
      const messages = [
        (await fails(t, inline, {}, token, 'BAD_USER_INPUT')).message,
        ...((await http(t, variables[0], variables[1], token)).errors ?? []).map((e) => e.message),
      ];
      expect(messages.length).toBeGreaterThanOrEqual(2);
      const suggesting = messages.filter((m) => /did you mean/i.test(m));
      if (hidden) expect(suggesting).toEqual([]);
      else expect(suggesting.length).toBeGreaterThan(0);
    }
    const overWs = (await firstWs(production.ws(key), inline, {})).errors.flat() as Ev[];
    expect(overWs[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(overWs[0]?.message).toMatch(/IDLEE/);
    expect(overWs[0]?.message).not.toMatch(/did you mean/i);
  });

  it('serves neither GraphiQL nor the development key in production; development serves both', async () => {
    const page = (t: TestApp, path: string) =>
      fetch(new URL(path, t.url), { headers: { accept: 'text/html' } });
    const devKey = development.devUser?.key as string;
    const graphiql = await page(development, '/graphql');
    expect(graphiql.status).toBe(200);
    const graphiqlHtml = await graphiql.text();
    expect(graphiqlHtml).toMatch(/graphiql/i);
    expect(graphiqlHtml).toContain(devKey);
    expect(await (await page(development, '/')).text()).toContain(devKey);

    const prodKey = production.devUser?.key as string;
    const noGraphiql = await page(production, '/graphql');
    const noGraphiqlBody = await noGraphiql.text();
    // A browser asking for HTML gets 406 Not Acceptable: no page at all.
    expect(noGraphiql.status).toBe(406);
    expect(noGraphiqlBody).not.toMatch(/graphiql/i);
    expect(noGraphiqlBody).not.toContain(prodKey);
    const webPage = await page(production, '/');
    expect(webPage.status).toBe(200);
    const webHtml = await webPage.text();
    expect(webHtml).not.toContain(prodKey);
    expect(webHtml).not.toContain('chat-dev-api-key');
  });
});

describe('graphql-ws connection initialisation timeout (WS_CONNECTION_INIT_TIMEOUT_MS)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { WS_CONNECTION_INIT_TIMEOUT_MS: '300' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('closes a socket that never sends connection_init with 4408; an initialised one stays open', async () => {
    expect(t.app.services.config.wsConnectionInitTimeoutMs).toBe(300);
    const ready = await initialisedWs(t, (await t.user()).key);
    const silent = rawWs(t);
    await silent.opened;
    // Far beyond 300 ms, far below the 10 s default: the configured timeout is the one applied.
    let timer: NodeJS.Timeout | undefined;
    const { code, reason } = await Promise.race([
      silent.closed,
      new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(new Error('still open after 5 s')), 5000);
      }),
    ]).finally(() => clearTimeout(timer));
    expect(code).toBe(4408);
    expect(reason).toMatch(/initialisation timeout/i);

    // The initialised socket, open since before the silent one, still answers.
    ready.send({ id: '1', type: 'subscribe', payload: { query: '{ health { status } }' } });
    expect(await ready.next()).toEqual({
      id: '1',
      type: 'next',
      payload: { data: { health: { status: 'OK' } } },
    });
    expect(await ready.next()).toEqual({ id: '1', type: 'complete' });
    ready.socket.close(1000);
    expect((await ready.closed).code).toBe(1000);
  });

  it('defaults to 10 s and refuses a value that is not a positive integer', () => {
    expect(loadConfig({}).wsConnectionInitTimeoutMs).toBe(10_000);
    for (const value of ['0', '-5', '1.5', 'soon']) {
      expect(() => loadConfig({ WS_CONNECTION_INIT_TIMEOUT_MS: value }), value).toThrow(
        /WS_CONNECTION_INIT_TIMEOUT_MS/,
      );
    }
  });
});

describe('the per-credential operation limit', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { JWT_SECRET: SECRET, RATE_LIMIT_PER_MINUTE: String(OPERATION_LIMIT) },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  it(`allows ${OPERATION_LIMIT} operations a minute per API key or JWT subject, over HTTP and WebSocket`, async () => {
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const window = Math.floor(Date.now() / 60_000);
      const user = await t.user();
      const results = [];
      for (let i = 0; i <= OPERATION_LIMIT; i += 1) {
        results.push(await http(t, TestViewer, {}, user.key));
      }
      const overWs = await firstWs(t.ws(user.key), CHANGES, {});
      // Two tokens of one subject share one budget.
      const sub = `limited-${randomUUID()}`;
      const tokens = [];
      for (let i = 0; i <= OPERATION_LIMIT; i += 1) {
        tokens.push(await http(t, TestViewer, {}, await jwt(sub)));
      }
      // Another key of the same user has a budget of its own; health needs no credential.
      const second = await createApiKey(t.db.prisma, user.id, 'second');
      const fresh = await http(t, TestViewer, {}, second.key);
      const health = await http(t, '{ health { status } }');
      if (Math.floor(Date.now() / 60_000) !== window) continue;

      for (const res of [...results, ...tokens].filter(
        (_, i) => i % (OPERATION_LIMIT + 1) !== OPERATION_LIMIT,
      )) {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      }
      for (const limited of [results[OPERATION_LIMIT], tokens[OPERATION_LIMIT]]) {
        expect(limited?.status).toBe(200);
        expect(limited?.errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
        expect(limited?.errors?.[0]?.extensions?.retryAfterSeconds).toBeGreaterThan(0);
      }
      expect(overWs.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(overWs.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(fresh.errors).toBeUndefined();
      expect(health.errors).toBeUndefined();
      return;
    }
    throw new Error('two runs straddled a minute boundary');
  });
});

describe('request limits and CSRF', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp();
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  /** session → lastMessage → turn → userMessage → turn → … → id: `depth` fields deep. */
  const deep = (depth: number) => {
    const chain = ['session(id: $id)', 'lastMessage'];
    while (chain.length < depth - 1) chain.push(chain.length % 2 === 0 ? 'turn' : 'userMessage');
    const selection = chain.reduceRight((inner, field) => `${field} { ${inner} }`, 'id');
    return `query($id: ID) { ${selection} }`;
  };

  it('refuses queries deeper than 12 with an error, not a 5xx', async () => {
    const id = missingId('Session');
    const shallow = await http(t, deep(12), { id }, key);
    expect(shallow.status).toBe(200);
    expect(shallow.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    for (const depth of [13, 20, 200]) {
      const res = await http(t, deep(depth), { id }, key);
      expect(res.status, `depth ${depth}`).toBeLessThan(500);
      expect(res.data ?? null).toBeNull();
      // Far deeper, the cost limit may answer first.
      expect(res.errors?.[0]?.message).toMatch(depth < 100 ? /depth limit of 12/ : /limit/);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('refuses more than 20 aliases with an error, not a 5xx', async () => {
    const aliases = (n: number) =>
      `{ ${Array.from({ length: n }, (_, i) => `a${i}: viewer { id }`).join(' ')} }`;
    const twenty = await http(t, aliases(20), {}, key);
    expect(twenty.errors).toBeUndefined();
    expect(Object.keys(twenty.data ?? {})).toHaveLength(20);
    for (const n of [21, 100]) {
      const res = await http(t, aliases(n), {}, key);
      expect(res.status).toBeLessThan(500);
      expect(res.data ?? null).toBeNull();
      expect(res.errors?.[0]?.message).toMatch(/Aliases limit of 20/);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    }
  });

  it('answers 413 to a body over 1 MB, with or without Content-Length', async () => {
    const body = (bytes: number) =>
      JSON.stringify({ query: '{ health { status } }', variables: { pad: 'x'.repeat(bytes) } });
    const post = (payload: BodyInit, extra: Ev = {}) =>
      fetch(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: payload,
        ...extra,
      });
    const fits = await post(body(900_000));
    expect(fits.status).toBe(200);
    expect(await fits.json()).toEqual({ data: { health: { status: 'OK' } } });

    const large = await post(body(1024 * 1024 + 1));
    expect(large.status).toBe(413);
    expect(await large.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });

    // Chunked (no Content-Length): counted as it arrives.
    const chunked = (text: string) =>
      new ReadableStream<Uint8Array>({
        start(controller) {
          const bytes = new TextEncoder().encode(text);
          for (let i = 0; i < bytes.length; i += 64 * 1024) {
            controller.enqueue(bytes.slice(i, i + 64 * 1024));
          }
          controller.close();
        },
      });
    const streamed = await post(chunked(body(3 * 1024 * 1024)), { duplex: 'half' });
    expect(streamed.status).toBe(413);
    expect(await streamed.json()).toMatchObject({
      errors: [{ extensions: { code: 'BAD_USER_INPUT' } }],
    });
    const small = await post(chunked(body(10)), { duplex: 'half' });
    expect(small.status).toBe(200);
    expect(await small.json()).toEqual({ data: { health: { status: 'OK' } } });
    // The server is still there.
    expect((await http(t, '{ health { status } }')).data).toEqual({ health: { status: 'OK' } });
  });

  it('closes a WebSocket with 1009 on a message over 1 MB; the server carries on', async () => {
    const subscribe = (id: string, pad: string) => ({
      id,
      type: 'subscribe',
      payload: { query: '{ health { status } }', variables: { pad } },
    });
    const socket = await initialisedWs(t, key);
    socket.send(subscribe('fits', 'x'.repeat(900_000)));
    expect(await socket.next()).toEqual({
      id: 'fits',
      type: 'next',
      payload: { data: { health: { status: 'OK' } } },
    });
    expect(await socket.next()).toEqual({ id: 'fits', type: 'complete' });

    socket.send(subscribe('huge', 'x'.repeat(1.5 * 1024 * 1024)));
    expect((await socket.closed).code).toBe(1009);

    expect((await http(t, '{ health { status } }')).data).toEqual({ health: { status: 'OK' } });
    const fresh = await firstWs(t.ws(key), '{ viewer { __typename } health { status } }', {});
    expect(fresh.errors).toEqual([]);
    expect(fresh.events).toEqual([{ viewer: { __typename: 'User' }, health: { status: 'OK' } }]);
  });

  it('refuses operations over 3,000 tokens with an error, not a 5xx; 3,000 pass', async () => {
    /** Tokens as GraphQL's lexer (and so Armor) counts them. */
    const tokens = (query: string) => {
      const lexer = new Lexer(new Source(query));
      let n = 0;
      while (lexer.advance().kind !== TokenKind.EOF) n += 1;
      return n;
    };
    // 20 tokens and one per number of the list (a JSON literal: no cost, no selections).
    const numbers = (n: number) =>
      `{ sessions(filter: { metadata: { tags: [${Array.from({ length: n }, (_, i) => i).join(' ')}] } }) { totalCount } }`;
    // Five tokens and one per selection of the same field, without aliases.
    const typenames = (n: number) => `{ viewer { ${'__typename '.repeat(n)}} }`;

    expect(tokens(numbers(2980))).toBe(3000);
    const atLimit = await http(t, numbers(2980), {}, key);
    expect(atLimit.status).toBe(200);
    expect(atLimit.errors, JSON.stringify(atLimit.errors)).toBeUndefined();
    expect(atLimit.data).toEqual({ sessions: { totalCount: 0 } });
    expect(await ok(t, typenames(100), {}, key)).toEqual({ viewer: { __typename: 'User' } });

    for (const query of [numbers(2981), typenames(2996), typenames(20_000)]) {
      const name = `${tokens(query)} tokens`;
      expect(tokens(query)).toBeGreaterThan(3000);
      const res = await http(t, query, {}, key);
      expect(res.status, name).toBeLessThan(500);
      expect(res.data ?? null, name).toBeNull();
      expect(res.errors, name).toHaveLength(1);
      expect(res.errors?.[0]?.message, name).toMatch(/Token limit of 3000 exceeded/);
      expect(res.errors?.[0]?.extensions?.code, name).toBe('BAD_USER_INPUT');
    }

    // Over WebSocket: an `error` message for that operation; the socket stays open and usable.
    const socket = await initialisedWs(t, key);
    socket.send({ id: 'big', type: 'subscribe', payload: { query: typenames(2996) } });
    const refused = await socket.next();
    expect(refused).toMatchObject({ id: 'big', type: 'error' });
    expect(refused.payload).toHaveLength(1);
    expect(refused.payload[0].message).toMatch(/Token limit of 3000 exceeded/);
    expect(refused.payload[0].extensions.code).toBe('BAD_USER_INPUT');
    socket.send({ id: 'small', type: 'subscribe', payload: { query: typenames(10) } });
    expect(await socket.next()).toEqual({
      id: 'small',
      type: 'next',
      payload: { data: { viewer: { __typename: 'User' } } },
    });
    expect(await socket.next()).toEqual({ id: 'small', type: 'complete' });
    socket.socket.close(1000);
  });

  it('CSRF: a GET without a custom header or content type is refused; POST JSON works', async () => {
    const url = `${t.url}?query=${encodeURIComponent('{ health { status } }')}`;
    const simple = await fetch(url);
    expect(simple.status).toBe(403);
    const refused = (await simple.json()) as GraphQLResponse;
    expect(refused.errors?.[0]?.message).toMatch(/CSRF/);
    expect(refused.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');

    const withHeader = await fetch(url, { headers: { 'x-graphql-yoga-csrf': '1' } });
    expect(withHeader.status).toBe(200);
    expect(await withHeader.json()).toEqual({ data: { health: { status: 'OK' } } });
    const post = await http(t, TestViewer, {}, key);
    expect(post.status).toBe(200);
    expect(post.errors).toBeUndefined();
    // A mutation is never run from a GET, even with the header.
    const mutation = await fetch(
      `${t.url}?query=${encodeURIComponent('mutation { createSession(input: {}) { session { id } } }')}`,
      { headers: { 'x-graphql-yoga-csrf': '1', authorization: `Bearer ${key}` } },
    );
    expect(mutation.status).toBe(405);
    expect((await ok(t, TestSessionsCount, {}, key)).sessions.totalCount).toBe(0);
  });
});
