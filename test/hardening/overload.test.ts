import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { gid } from '../api/support.js';
import {
  answerChunks,
  CONV_SESSION,
  convModel,
  ended,
  feed,
  holdable,
} from '../conversations/support.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { TestSendMessage as SEND, TestViewer as VIEWER } from '../helpers/operations.js';

/**
 * Load shedding: an overloaded process answers at once, with 503 and Retry-After (HTTP and the
 * WebSocket handshake), instead of letting clients wait for a connect or read timeout; and a new
 * turn is refused (RATE_LIMITED, nothing stored) while MAX_RUNNING_TURNS already run.
 */

/** Keeps the event loop busy, as a process with more work than CPU is: stalls of `each` ms. */
async function overload(totalMs: number, each = 250) {
  const until = performance.now() + totalMs;
  while (performance.now() < until) {
    const end = performance.now() + each;
    while (performance.now() < end) {
      // busy, as a loop with too much work is
    }
    await yieldToLoop();
  }
}

const post = (t: TestApp, key: string) =>
  fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify({ query: '{ viewer { id } }' }),
  });

/** The WebSocket handshake's answer: 'open', or the HTTP status and Retry-After it was refused with. */
function handshake(t: TestApp): Promise<{ status: number | 'open'; retryAfter?: string | null }> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    socket.once('open', () => {
      socket.close();
      resolve({ status: 'open' });
    });
    socket.once('unexpected-response', (_req, res) => {
      resolve({ status: res.statusCode ?? 0, retryAfter: res.headers['retry-after'] ?? null });
      res.resume();
      socket.terminate();
    });
    socket.once('error', (err) => {
      if (!/Unexpected server response/.test(err.message)) reject(err);
    });
  });
}

describe('an overloaded process refuses new requests at once (OVERLOAD_LOOP_DELAY_MS)', () => {
  let t: TestApp;
  let alice: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ env: { OVERLOAD_LOOP_DELAY_MS: '100' } });
    alice = await t.user();
  });
  afterAll(() => t?.close());

  it('answers 503 with Retry-After and RATE_LIMITED while the loop runs late, and serves again once it catches up', async () => {
    // Starting the app (migrations, first queries) keeps the loop busy too: wait until it is idle.
    await expect.poll(async () => (await post(t, alice.key)).status, { timeout: 10_000 }).toBe(200);

    await overload(1200);
    const refused = await post(t, alice.key);
    expect(refused.status).toBe(503);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    expect(refused.headers.get('x-request-id')).toBeTruthy();
    const body = await refused.json();
    expect(body.errors).toHaveLength(1);
    expect(body.errors[0].extensions).toEqual({
      code: 'RATE_LIMITED',
      retryAfterSeconds: Number(refused.headers.get('retry-after')),
    });
    expect(body.errors[0].message).toMatch(/overloaded; retry in \d+ s/);
    // The health check still answers: an orchestrator must tell busy from dead.
    expect((await fetch(t.url.replace('/graphql', '/health'))).status).toBe(200);

    await overload(1200);
    const ws = await handshake(t);
    expect(ws.status).toBe(503);
    expect(Number(ws.retryAfter)).toBeGreaterThanOrEqual(1);

    // Once the loop catches up (two idle windows, or later when the test files around this one
    // keep both cores busy), the same requests are served.
    await expect
      .poll(async () => (await t.gql(VIEWER, {}, alice.key)).data?.viewer?.id, { timeout: 15_000 })
      .toBe(gid('User', alice.id));
    await expect.poll(async () => (await handshake(t)).status, { timeout: 15_000 }).toBe('open');
  });
});

describe('a new turn is refused while MAX_RUNNING_TURNS run in the process', () => {
  const held = holdable(2);
  const { model } = convModel((call) =>
    held.reply(call.userText, answerChunks('one two three four five')),
  );
  let t: TestApp;
  let alice: TestUser;
  let bob: TestUser;

  beforeAll(async () => {
    t = await startTestApp({ model, env: { MAX_RUNNING_TURNS: '1' } });
    [alice, bob] = await Promise.all([t.user(), t.user()]);
  });
  afterAll(async () => {
    held.openAll();
    await t?.close();
  });

  const newSession = async (key: string) =>
    (await t.gql(CreateSessionDocument, { input: {} }, key)).data?.createSession?.session
      .id as string;

  it('refuses the one more with RATE_LIMITED and a retry hint, stores nothing, and takes it once a turn ends', async () => {
    const gate = held.hold('a long question');
    const aliceSession = await newSession(alice.key);
    const bobSession = await newSession(bob.key);
    const events = feed(t.ws(alice.key), aliceSession);

    const first = await t.gql(SEND, { id: aliceSession, text: 'a long question' }, alice.key);
    expect(first.errors).toBeUndefined();
    const turnId = first.data?.sendMessage?.turn.id as string;

    const refused = await t.gql(SEND, { id: bobSession, text: 'my turn?' }, bob.key);
    expect(refused.data?.sendMessage ?? null).toBeNull();
    expect(refused.errors?.[0]?.extensions).toMatchObject({
      code: 'RATE_LIMITED',
      retryAfterSeconds: 1,
    });
    expect(refused.errors?.[0]?.message).toMatch(/MAX_RUNNING_TURNS/);
    const bobs = await t.gql(CONV_SESSION, { id: bobSession }, bob.key);
    expect(bobs.data?.session?.messages.edges).toEqual([]);

    gate.open();
    await events.waitFor(ended(turnId));
    events.stop();
    await t.app.services.runner.drain();
    const served = await t.gql(SEND, { id: bobSession, text: 'my turn?' }, bob.key);
    expect(served.errors).toBeUndefined();
    expect(served.data?.sendMessage?.userMessage.text).toBe('my turn?');
  });
});
