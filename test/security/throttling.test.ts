import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { type GqlResponse, gql, initOutcome, ok, withinOneMinuteWindow } from './support.js';

/**
 * Issue 12, points 4 (unauthenticated traffic), 8 (failed authentications) and 13 (aliased
 * sendMessage). Clients are told apart by source address: the tests connect from 127.0.0.x
 * addresses, all loopback on Linux.
 *
 * The contract the fix must meet:
 * - `RATE_LIMIT_ANONYMOUS_PER_MINUTE` (default 120; 0 turns it off): GraphQL requests without a
 *   credential are limited per client IP. Past the limit: HTTP 429 with a `Retry-After` header
 *   (seconds) and a GraphQL body whose error has code RATE_LIMITED and
 *   `extensions.retryAfterSeconds` ≥ 1. `X-Forwarded-For` does not choose the IP (no trusted
 *   proxy is configured). Other IPs, and requests with a valid credential (limited per
 *   credential by RATE_LIMIT_PER_MINUTE), are unaffected.
 * - `AUTH_FAILURES_PER_MINUTE` (default 30; 0 turns it off): failed authentications (a bad API
 *   key or JWT, over HTTP or in a graphql-ws connection_init) are counted per client IP. Past
 *   the limit, every request of that IP presenting a credential (even a valid one, so guessing
 *   learns nothing) gets the same 429 RATE_LIMITED answer, and its graphql-ws connection_init is
 *   closed with 4429. Other IPs are unaffected.
 * - `RATE_LIMIT_SEND_PER_MINUTE` holds per sendMessage field: in one operation with more aliased
 *   sendMessage fields than the remaining budget, exactly the allowed number of turns (and
 *   sessions) is created; the response has `data` with one entry per alias, a payload for the
 *   sends that happened and null for the others, and one RATE_LIMITED error (with
 *   `retryAfterSeconds`) at the path of each refused alias. So SendMessagePayload is nullable in
 *   `Mutation.sendMessage` (a schema change the fix makes).
 */

const HEALTH = '{ health { status } }';
const badKey = () => `csk_${randomBytes(24).toString('base64url')}`;

/** An address of its own for every use, so rate windows of earlier rounds never mix in. */
let nextHost = 10;
const freshIp = () => {
  nextHost += 1;
  return `127.0.${Math.floor(nextHost / 250)}.${(nextHost % 250) + 2}`;
};

function expectThrottled(res: GqlResponse, what: string) {
  expect(res.status, `${what}: ${JSON.stringify(res.errors)}`).toBe(429);
  expect(Number(res.headers['retry-after']), `${what}: Retry-After`).toBeGreaterThanOrEqual(1);
  expect(res.errors?.[0]?.extensions?.code, what).toBe('RATE_LIMITED');
  expect(res.errors?.[0]?.extensions?.retryAfterSeconds, what).toBeGreaterThanOrEqual(1);
  expect(res.data ?? null, what).toBeNull();
}

describe('unauthenticated traffic per IP (RATE_LIMIT_ANONYMOUS_PER_MINUTE)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_ANONYMOUS_PER_MINUTE: '5' } });
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('allows 5 anonymous requests a minute per IP, then 429 with a retry hint; others go on', async () => {
    await withinOneMinuteWindow(async () => {
      const ip = freshIp();
      for (let i = 0; i < 5; i += 1) {
        const res = await gql(t.url, HEALTH, {}, { localAddress: ip });
        expect(res.status).toBe(200);
        expect(res.data).toEqual({ health: { status: 'OK' } });
      }
      expectThrottled(await gql(t.url, HEALTH, {}, { localAddress: ip }), 'the 6th');
      expectThrottled(
        await gql(
          t.url,
          HEALTH,
          {},
          {
            localAddress: ip,
            headers: { 'x-forwarded-for': '203.0.113.7', 'x-real-ip': '203.0.113.7' },
          },
        ),
        'behind a forged X-Forwarded-For',
      );
      // Another IP, and a user with a key on the same IP, are served.
      expect((await gql(t.url, HEALTH, {}, { localAddress: freshIp() })).status).toBe(200);
      const viewer = await ok(t.url, '{ viewer { id } }', {}, { localAddress: ip, token: key });
      expect(viewer.viewer.id).toBeTruthy();
    });
  });
});

describe('failed authentications per IP (AUTH_FAILURES_PER_MINUTE)', () => {
  let t: TestApp;
  let key: string;
  beforeAll(async () => {
    t = await startTestApp({ env: { AUTH_FAILURES_PER_MINUTE: '3' } });
    key = (await t.user()).key;
  });
  afterAll(async () => {
    await t?.close();
  });

  it('after 3 failures an IP gets 429 for every credential, even a valid one; other IPs are served', async () => {
    await withinOneMinuteWindow(async () => {
      const ip = freshIp();
      for (let i = 0; i < 3; i += 1) {
        const res = await gql(
          t.url,
          '{ viewer { id } }',
          {},
          { localAddress: ip, token: badKey() },
        );
        expect(res.status).toBe(200);
        expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
      expectThrottled(
        await gql(t.url, '{ viewer { id } }', {}, { localAddress: ip, token: badKey() }),
        'the 4th guess',
      );
      expectThrottled(
        await gql(t.url, '{ viewer { id } }', {}, { localAddress: ip, token: key }),
        'a valid key from the guessing IP',
      );
      expect(await initOutcome(t.url, key, { localAddress: ip })).toBe(4429);
      const elsewhere = await ok(
        t.url,
        '{ viewer { id } }',
        {},
        { localAddress: freshIp(), token: key },
      );
      expect(elsewhere.viewer.id).toBeTruthy();
    });
  });

  it('counts failed graphql-ws connection_inits too', async () => {
    await withinOneMinuteWindow(async () => {
      const ip = freshIp();
      for (let i = 0; i < 3; i += 1) {
        expect(await initOutcome(t.url, badKey(), { localAddress: ip })).toBe(4403);
      }
      expectThrottled(
        await gql(t.url, '{ viewer { id } }', {}, { localAddress: ip, token: badKey() }),
        'an HTTP guess after three WebSocket ones',
      );
      expect(await initOutcome(t.url, badKey(), { localAddress: ip })).toBe(4429);
    });
  });
});

describe('aliased sendMessage beyond RATE_LIMIT_SEND_PER_MINUTE', () => {
  const LIMIT = 5;
  const ALIASES = 10;
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({ env: { RATE_LIMIT_SEND_PER_MINUTE: String(LIMIT) } });
  });
  afterAll(async () => {
    await t?.close();
  });

  const aliased = Array.from(
    { length: ALIASES },
    (_, i) => `s${i}: sendMessage(input: { text: "hello ${i}" }) { session { id } turn { id } }`,
  ).join('\n');
  const SENDS = `mutation {\n${aliased}\n}`;
  const COUNT = '{ sessions { totalCount } }';

  it(`creates exactly ${LIMIT} turns and says per alias which sends happened`, async () => {
    await withinOneMinuteWindow(async () => {
      const { key } = await t.user();
      const res = await gql(t.url, SENDS, {}, { token: key });
      expect(res.status).toBe(200);
      expect(res.data, JSON.stringify(res.errors)).not.toBeNull();
      const data = res.data as Record<string, { turn: { id: string } } | null>;
      expect(Object.keys(data)).toEqual(Array.from({ length: ALIASES }, (_, i) => `s${i}`));
      const sent = Object.keys(data).filter((k) => data[k] !== null);
      expect(sent).toEqual(Array.from({ length: LIMIT }, (_, i) => `s${i}`));
      for (const k of sent) expect(data[k]?.turn.id).toBeTruthy();
      expect((res.errors ?? []).map((e) => e.path)).toEqual(
        Array.from({ length: ALIASES - LIMIT }, (_, i) => [`s${LIMIT + i}`]),
      );
      for (const error of res.errors ?? []) {
        expect(error.extensions?.code).toBe('RATE_LIMITED');
        expect(error.extensions?.retryAfterSeconds).toBeGreaterThanOrEqual(1);
      }
      expect((await ok(t.url, COUNT, {}, { token: key })).sessions.totalCount).toBe(LIMIT);

      // Spent: the next operation creates nothing and still answers per alias.
      const again = await gql(t.url, SENDS, {}, { token: key });
      expect(again.data).toEqual(
        Object.fromEntries(Array.from({ length: ALIASES }, (_, i) => [`s${i}`, null])),
      );
      expect(again.errors?.map((e) => e.extensions?.code)).toEqual(
        Array(ALIASES).fill('RATE_LIMITED'),
      );
      expect((await ok(t.url, COUNT, {}, { token: key })).sessions.totalCount).toBe(LIMIT);
    });
  });
});
