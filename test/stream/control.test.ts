import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { deltas, type Ev, eventsOf, typesOf } from '../helpers/events.js';
import { routedModel, textChunks, usage } from '../helpers/mock-model.js';
import {
  TestSessionEvents as EVENTS,
  TestSendMessage as SEND,
  TestStopTurn as STOP,
} from '../helpers/operations.js';

/** Stopping turns, one turn at a time, idempotent retries and failing models. */

const SESSION = graphql(`
  query ControlTestSession($id: ID!) {
    session(id: $id) {
      id state messageCount
      activeTurn { id }
      lastMessage { id role text }
      messages(first: 50) { edges { node { id role text turn { id status } } } }
    }
  }
`);

const LONG = Array.from({ length: 80 }, (_, i) => `w${i}`).join(' ');
const STOP_ME = 'please write a very long essay';
const SLOW = 'a slow question';
const THROWS = 'the provider drops the connection';
const ERROR_CHUNK = 'the provider sends an error';
const SECRET = 'connect ECONNRESET 10.1.2.3:443 (api key sk-live-SECRET)';
const PARTIAL = 'Partial answer before';

const chunk = (delta: string): LanguageModelV3StreamPart => ({
  type: 'text-delta',
  id: 't1',
  delta,
});

const mock = routedModel(({ userText }) => {
  if (userText === STOP_ME) return { chunks: textChunks(LONG), delayMs: 30 };
  if (userText === SLOW)
    return { chunks: textChunks('slow answer that takes a while'), delayMs: 40 };
  if (userText === THROWS) {
    return {
      chunks: [
        { type: 'stream-start', warnings: [] },
        { type: 'text-start', id: 't1' },
        chunk('Partial '),
        chunk('answer '),
        chunk('before'),
      ],
      delayMs: 5,
      error: new Error(SECRET),
    };
  }
  if (userText === ERROR_CHUNK) {
    return [
      { type: 'stream-start', warnings: [] },
      { type: 'text-start', id: 't1' },
      chunk('Partial '),
      chunk('answer '),
      chunk('before'),
      { type: 'error', error: new Error(SECRET) },
      { type: 'text-end', id: 't1' },
      { type: 'finish', finishReason: { unified: 'error', raw: undefined }, usage: usage(3, 3) },
    ];
  }
  return textChunks(`answer to ${userText}`);
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
});
afterAll(async () => {
  await t?.close();
});

const isEnd = (e: Ev) =>
  ['TurnFinished', 'TurnFailed', 'TurnCancelled'].includes(e.sessionEvents.__typename);

async function createSession(key: string): Promise<string> {
  const res = await t.gql(CreateSessionDocument, { input: {} }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.createSession.session.id;
}

const sendRaw = (key: string, id: string | null, text: string, cmid?: string) =>
  t.gql(SEND, { id, text, cmid }, key);

async function send(key: string, id: string | null, text: string, cmid?: string) {
  const res = await sendRaw(key, id, text, cmid);
  expect(res.errors).toBeUndefined();
  return res.data!.sendMessage!;
}

async function session(key: string, id: string) {
  const res = await t.gql(SESSION, { id }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.session!;
}

/** Sends a message and waits for its turn to end; returns the turn's events. */
async function runTurn(key: string, id: string, text: string) {
  let turnId: string | undefined;
  const sub = collect(
    t.ws(key),
    EVENTS,
    { id, after: 0 },
    (e: Ev) => isEnd(e) && turnId !== undefined && e.sessionEvents.turnId === turnId,
  );
  const sent = await send(key, id, text);
  turnId = sent.turn.id;
  const events = eventsOf(await sub.done).filter((e) => e.turnId === sent.turn.id);
  return { sent, events, end: events.at(-1) as Ev };
}

describe('stopTurn', () => {
  it('cancels a streaming turn and keeps exactly the text streamed so far', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const sub = collect(t.ws(alice.key), EVENTS, { id, after: 0 }, (e: Ev) => isEnd(e));
    const sent = await send(alice.key, id, STOP_ME);
    while (eventsOf(sub.events).filter((e) => e.__typename === 'TextDelta').length < 5) {
      await new Promise((r) => setTimeout(r, 5));
    }
    const stopped = await t.gql(STOP, { id }, alice.key);
    expect(stopped.errors).toBeUndefined();
    const turn = stopped.data!.stopTurn.turn!;
    expect(turn).toMatchObject({
      id: sent.turn.id,
      status: 'CANCELLED',
      finishReason: 'cancelled',
      error: null,
    });
    expect(turn.finishedAt).toEqual(expect.any(String));

    const events = eventsOf(await sub.done, 'TurnCancelled');
    expect(sub.errors).toEqual([]);
    const types = typesOf(events);
    expect(types[0]).toBe('TurnStarted');
    expect(types.at(-1)).toBe('TurnCancelled');
    expect(types.slice(1, -1).every((x) => x === 'TextDelta')).toBe(true);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => (seqs[0] as number) + i));

    const partial = deltas(events);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(LONG.length);
    expect(LONG.startsWith(partial)).toBe(true);
    const cancelled = events.at(-1) as Ev;
    expect(cancelled.turn.status).toBe('CANCELLED');
    expect(cancelled.message.text).toBe(partial);
    expect(turn.assistantMessage).toEqual(cancelled.message);

    const s = await session(alice.key, id);
    expect(s).toMatchObject({
      state: 'IDLE',
      activeTurn: null,
      messageCount: 2,
      lastMessage: { role: 'ASSISTANT', text: partial },
    });

    // The session is usable again, and the partial answer is part of the model's history.
    const next = await runTurn(alice.key, id, 'and now something short');
    expect(next.end.__typename).toBe('TurnFinished');
    expect(next.end.turn.status).toBe('COMPLETED');
    expect(next.end.message.text).toBe('answer to and now something short');
    const prompt = mock.callsFor('and now something short')[0]?.options.prompt ?? [];
    expect(prompt.at(-2)).toMatchObject({
      role: 'assistant',
      content: [{ type: 'text', text: partial }],
    });
    expect((await session(alice.key, id)).messageCount).toBe(4);
  });

  it('answers turn: null when nothing runs', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const idle = await t.gql(STOP, { id }, alice.key);
    expect(idle).toEqual({ data: { stopTurn: { turn: null } } });

    await runTurn(alice.key, id, 'quick one');
    const after = await t.gql(STOP, { id }, alice.key);
    expect(after).toEqual({ data: { stopTurn: { turn: null } } });
    expect((await session(alice.key, id)).state).toBe('IDLE');
  });
});

describe('one turn at a time', () => {
  it('lets exactly one of two concurrent sendMessage calls run; the other gets CONFLICT', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const results = await Promise.all([sendRaw(alice.key, id, SLOW), sendRaw(alice.key, id, SLOW)]);
    const ok = results.filter((r) => !r.errors);
    const failed = results.filter((r) => r.errors);
    expect(ok).toHaveLength(1);
    expect(failed).toHaveLength(1);
    expect(failed[0]?.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect(failed[0]?.data).toEqual({ sendMessage: null });

    // While it runs, a third is refused too.
    const third = await sendRaw(alice.key, id, 'one more');
    expect(third.errors?.[0]?.extensions?.code).toBe('CONFLICT');

    await t.app.services.runner.drain();
    const s = await session(alice.key, id);
    expect(s.state).toBe('IDLE');
    expect(s.messageCount).toBe(2);
    expect(s.messages.edges.map((e: Ev) => e.node.text)).toEqual([
      SLOW,
      'slow answer that takes a while',
    ]);
    expect(mock.callsFor('one more')).toHaveLength(0);
  });

  it('returns the first result for a retried clientMessageId and runs the model once', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const text = 'idempotent question';
    const first = await send(alice.key, id, text, 'client-msg-1');
    const retry = await send(alice.key, id, text, 'client-msg-1');
    expect(retry.turn.id).toBe(first.turn.id);
    expect(retry.userMessage.id).toBe(first.userMessage.id);
    await t.app.services.runner.drain();
    const again = await send(alice.key, id, text, 'client-msg-1');
    expect(again.turn).toEqual({ id: first.turn.id, status: 'COMPLETED' });
    expect(again.userMessage.id).toBe(first.userMessage.id);
    expect(mock.callsFor(text)).toHaveLength(1);
    expect((await session(alice.key, id)).messageCount).toBe(2);

    // Concurrent retries: one turn, one user message, one model call.
    const concurrent = 'concurrent idempotent question';
    const sends = await Promise.all(
      Array.from({ length: 3 }, () => sendRaw(alice.key, id, concurrent, 'client-msg-2')),
    );
    for (const r of sends) expect(r.errors).toBeUndefined();
    const turnIds = new Set(sends.map((r) => r.data?.sendMessage?.turn.id));
    const messageIds = new Set(sends.map((r) => r.data?.sendMessage?.userMessage.id));
    expect(turnIds.size).toBe(1);
    expect(messageIds.size).toBe(1);
    await t.app.services.runner.drain();
    expect(mock.callsFor(concurrent)).toHaveLength(1);
    const s = await session(alice.key, id);
    expect(s.messageCount).toBe(4);
    expect(s.messages.edges.filter((e: Ev) => e.node.text === concurrent)).toHaveLength(1);

    // The same clientMessageId from another user is theirs alone.
    const bob = await t.user();
    const bobs = await send(bob.key, null, 'bob asks', 'client-msg-1');
    expect(bobs.turn.id).not.toBe(first.turn.id);
    await t.app.services.runner.drain();
  });

  it('creates a session when sendMessage has no sessionId', async () => {
    const alice = await t.user();
    const sent = await send(alice.key, null, 'start a new chat');
    expect(sent.session).toMatchObject({
      id: expect.any(String),
      state: 'RUNNING',
      messageCount: 1,
    });
    expect(sent.turn.status).toBe('RUNNING');
    const sub = collect(t.ws(alice.key), EVENTS, { id: sent.session.id, after: 0 }, (e: Ev) =>
      isEnd(e),
    );
    const events = eventsOf(await sub.done, 'TurnFinished');
    expect(typesOf(events)[0]).toBe('TurnStarted');
    expect(events.at(-1)?.message.text).toBe('answer to start a new chat');
    const list = await t.gql(
      graphql(`
        query ControlSessionsList {
          sessions { totalCount edges { node { id messageCount state } } }
        }
      `),
      {},
      alice.key,
    );
    expect(list.data?.sessions).toEqual({
      totalCount: 1,
      edges: [{ node: { id: sent.session.id, messageCount: 2, state: 'IDLE' } }],
    });
  });
});

describe('a failing model', () => {
  for (const [name, text] of [
    ['a stream that breaks', THROWS],
    ['an error chunk', ERROR_CHUNK],
  ] as const) {
    it(`fails the turn with MODEL_ERROR on ${name}, keeping the partial text`, async () => {
      const alice = await t.user();
      const id = await createSession(alice.key);
      const { sent, events, end } = await runTurn(alice.key, id, text);
      expect(end.__typename).toBe('TurnFailed');
      expect(end.error.code).toBe('MODEL_ERROR');
      expect(end.error.message).toMatch(/model/i);
      for (const detail of ['ECONNRESET', '10.1.2.3', 'sk-live', 'SECRET']) {
        expect(end.error.message).not.toContain(detail);
        expect(end.turn.error.message).not.toContain(detail);
      }
      expect(end.turn).toMatchObject({
        id: sent.turn.id,
        status: 'FAILED',
        error: { code: 'MODEL_ERROR' },
        assistantMessage: { text: PARTIAL },
      });
      expect(end.turn.finishedAt).toEqual(expect.any(String));
      expect(deltas(events)).toBe(PARTIAL);

      const s = await session(alice.key, id);
      expect(s).toMatchObject({ state: 'IDLE', activeTurn: null, messageCount: 2 });
      expect(s.messages.edges.map((e: Ev) => [e.node.role, e.node.text])).toEqual([
        ['USER', text],
        ['ASSISTANT', PARTIAL],
      ]);

      const next = await runTurn(alice.key, id, `after ${name}`);
      expect(next.end.__typename).toBe('TurnFinished');
      expect(next.end.message.text).toBe(`answer to after ${name}`);
      expect((await session(alice.key, id)).state).toBe('IDLE');
    });
  }
});
