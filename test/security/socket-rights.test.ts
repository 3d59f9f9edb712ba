import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../../src/auth/api-keys.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  expectOneError,
  gql,
  initialisedWs,
  initOutcome,
  ok,
  type RawWs,
  SECRET,
  signJwt,
  within,
} from './support.js';

/**
 * Issue 12, points 5 and 7: WebSockets that lose their rights, and how many subscriptions one
 * socket and one user may hold.
 *
 * The contract the fix must meet:
 * - A graphql-ws socket authorised by a JWT is closed with 4403 when the token's `exp` passes
 *   (within a few seconds of it); the client can reconnect with a fresh token.
 * - A socket authorised by an API key is closed with 4403 once the key is revoked (`revokedAt`
 *   set). The server re-checks the keys of its open sockets every `WS_CREDENTIAL_CHECK_MS`
 *   (default 60000), so a revocation made by anyone (a CLI, SQL, another server process) holds;
 *   this test sets `revokedAt` directly in the database for that reason (its embedded database
 *   lives in the test process, where no CLI can reach it). Sockets of the user's other keys stay.
 * - `WS_MAX_SUBSCRIPTIONS_PER_SOCKET` (default 100) and `MAX_SUBSCRIPTIONS_PER_USER` (default
 *   200, over all of a user's sockets): one subscription more gets an `error` message for that
 *   subscription with code RATE_LIMITED and a message naming the limit; the socket stays open,
 *   its subscriptions keep receiving, and completing one frees its place. Other users are
 *   unaffected.
 */

const CHANGES = 'subscription { sessionsChanged { kind sessionId } }';
const CREATE = 'mutation { createSession(input: {}) { session { id } } }';

/** Subscribes to sessionsChanged under `id`. */
const subscribe = (ws: RawWs, id: string) =>
  ws.send({ id, type: 'subscribe', payload: { query: CHANGES } });

/**
 * Creates sessions with `token` until every subscription in `ids` has had a `next` (they are
 * set up asynchronously); resolves with every message seen.
 */
async function untilAllHear(t: TestApp, ws: RawWs, ids: string[], token: string) {
  const heard = new Set<string>();
  const messages: Record<string, any>[] = [];
  for (let i = 0; heard.size < ids.length; i += 1) {
    if (i >= 30) throw new Error(`only ${[...heard]} heard: ${JSON.stringify(messages)}`);
    await ok(t.url, CREATE, {}, { token });
    for (;;) {
      const message = await ws.nextWithin(i < 10 ? 200 : 2000);
      if (!message) break;
      messages.push(message);
      if (message.type === 'next') heard.add(message.id);
    }
  }
  return messages;
}

describe('sockets that lose their rights (point 5)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { JWT_SECRET: SECRET, WS_CREDENTIAL_CHECK_MS: '200' } });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('closes a JWT-authorised socket with 4403 when the token expires', async () => {
    const sub = `expiring-${Date.now()}`;
    const longLived = await signJwt({ sub });
    const shortLived = await signJwt({ sub }, { expiresInSeconds: 3 });
    const ws = await initialisedWs(t.url, shortLived);
    subscribe(ws, 'mine');
    await untilAllHear(t, ws, ['mine'], longLived);
    const closed = await within(ws.closed, 10_000, 'the socket of an expired token');
    expect(closed.code).toBe(4403);
    // The same token cannot come back; a fresh one can.
    expect(await initOutcome(t.url, shortLived)).toBe(4403);
    expect(await initOutcome(t.url, longLived)).toBe('ack');
  });

  it("closes a revoked key's sockets with 4403; the user's other key keeps its socket", async () => {
    const user = await t.user();
    const second = await createApiKey(t.db.prisma, user.id, 'second');
    const revoked = await initialisedWs(t.url, user.key);
    const kept = await initialisedWs(t.url, second.key);
    subscribe(revoked, 'a');
    subscribe(kept, 'b');
    await untilAllHear(t, revoked, ['a'], second.key);
    await untilAllHear(t, kept, ['b'], second.key);

    const row = await t.db.prisma.apiKey.findFirstOrThrow({
      where: { userId: user.id, name: 'default' },
    });
    await t.db.prisma.apiKey.update({ where: { id: row.id }, data: { revokedAt: new Date() } });

    const closed = await within(revoked.closed, 10_000, 'the socket of a revoked key');
    expect(closed.code).toBe(4403);
    expectOneError(
      await gql(t.url, '{ viewer { id } }', {}, { token: user.key }),
      'UNAUTHENTICATED',
    );
    // The other key's socket still follows the user's sessions.
    await untilAllHear(t, kept, ['b'], second.key);
    expect(kept.socket.readyState).toBe(kept.socket.OPEN);
    kept.socket.close(1000);
  });
});

describe('subscription caps (point 7)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', MAX_SUBSCRIPTIONS_PER_USER: '5' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const expectCapped = (message: Record<string, any> | null, id: string, limit: RegExp) => {
    expect(message, `no answer for ${id}`).not.toBeNull();
    expect(message).toMatchObject({ id, type: 'error' });
    expect(message?.payload?.[0]?.extensions?.code, JSON.stringify(message)).toBe('RATE_LIMITED');
    expect(message?.payload?.[0]?.message).toMatch(/subscriptions/i);
    expect(message?.payload?.[0]?.message).toMatch(limit);
  };

  it('refuses a 4th subscription on one socket and a 6th for one user; the rest keep working', async () => {
    const { key } = await t.user();
    const first = await initialisedWs(t.url, key);
    for (const id of ['s1', 's2', 's3']) subscribe(first, id);
    await untilAllHear(t, first, ['s1', 's2', 's3'], key);

    subscribe(first, 's4');
    expectCapped(await first.nextWithin(5000), 's4', /\b3\b/);
    // Completing one frees its place.
    first.send({ id: 's1', type: 'complete' });
    subscribe(first, 's5');

    const second = await initialisedWs(t.url, key);
    subscribe(second, 't1');
    subscribe(second, 't2');
    await untilAllHear(t, second, ['t1', 't2'], key);
    subscribe(second, 't3');
    expectCapped(await second.nextWithin(5000), 't3', /\b5\b/);

    // Another user is not limited by this one.
    const otherKey = (await t.user()).key;
    const other = await initialisedWs(t.url, otherKey);
    subscribe(other, 'o1');
    await untilAllHear(t, other, ['o1'], otherKey);

    // Every accepted subscription hears the next change; no refused one does.
    const heard = await untilAllHear(t, first, ['s2', 's3', 's5'], key);
    expect(heard.filter((m) => m.id === 's1' || m.id === 's4')).toEqual([]);
    expect(first.socket.readyState).toBe(first.socket.OPEN);
    expect(second.socket.readyState).toBe(second.socket.OPEN);
    for (const ws of [first, second, other]) ws.socket.close(1000);
  });
});
