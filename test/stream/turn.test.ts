import { decodeGlobalID } from '@pothos/plugin-relay';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument, DeleteSessionDocument } from '../../client/generated/graphql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { deltas, type Ev, eventsOf, expectContiguous, typesOf, until } from '../helpers/events.js';
import { routedModel, textChunks, toolCallChunks } from '../helpers/mock-model.js';
import {
  TestSessionEvents as EVENTS,
  TestSendMessage,
  TestSessionsChanged,
} from '../helpers/operations.js';

const SESSION = graphql(`
  query TurnTestSession($id: ID!) {
    session(id: $id) {
      id title state messageCount
      activeTurn { id }
      lastMessage { id role text }
      messages(first: 50) {
        edges { node {
          id role text
          turn { id }
          parts {
            __typename
            ... on TextPart { text }
            ... on StepStartPart { step }
            ... on ToolPart { toolCallId toolName state input output errorText }
          }
        } }
      }
    }
  }
`);

const HELLO = 'hello there my friend';
const ANSWER = 'Here is a long answer that streams word by word to the client.';
const FIND = 'find me running shoes under $120';
const SHOES_ANSWER = 'These running shoes are all under your budget of 120 dollars.';
const STORY = 'tell me a long story';
const ODD = 'say something odd';
/** PostgreSQL stores neither a NUL nor a lone surrogate: a model may still produce them. */
const ODD_ANSWER = 'odd \u0000 bytes \ud800 from the model, and more words to stream';
const LONG = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

const mock = routedModel(({ userText, step }) => {
  if (userText === HELLO) return { chunks: textChunks(ANSWER), delayMs: 2 };
  if (userText === FIND) {
    return step === 0
      ? toolCallChunks('searchProducts', { query: 'running shoes', maxPrice: 120 }, 'call-search')
      : textChunks(SHOES_ANSWER);
  }
  if (userText === STORY) return { chunks: textChunks(LONG), delayMs: 25 };
  if (userText === ODD) return { chunks: textChunks(ODD_ANSWER), delayMs: 20 };
  return textChunks('ok');
});

let t: TestApp;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
});
afterAll(async () => {
  await t?.close();
});

async function createSession(key: string): Promise<string> {
  const res = await t.gql(CreateSessionDocument, { input: {} }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.createSession.session.id;
}

async function send(key: string, id: string | null, text: string) {
  const res = await t.gql(TestSendMessage, { id, text }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.sendMessage!;
}

async function session(key: string, id: string) {
  const res = await t.gql(SESSION, { id }, key);
  expect(res.errors).toBeUndefined();
  return res.data!.session!;
}

/**
 * A user's sessionsChanged feed, ready once it has seen a probe session of its own being created
 * (so nothing the test does afterwards can fall before the subscription is registered).
 */
async function changesFeed(key: string, client: Client) {
  const feed = collect(client, TestSessionsChanged, {}, () => false, 20_000);
  feed.done.catch(() => {});
  for (let attempt = 0; attempt < 20; attempt += 1) {
    const probe = await createSession(key);
    const deadline = Date.now() + 500;
    while (Date.now() < deadline) {
      if (feed.events.some((e: Ev) => e.sessionsChanged.sessionId === probe)) return feed;
      await new Promise((r) => setTimeout(r, 10));
    }
  }
  throw new Error('sessionsChanged never became ready');
}

/** The close code a WebSocket gets after connection_init with these connectionParams. */
function closeCodeFor(payload: Record<string, unknown>): Promise<number> {
  return new Promise((resolve, reject) => {
    const socket = new WebSocket(t.url.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const timer = setTimeout(() => reject(new Error('the socket stayed open')), 5000);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init', payload })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack')
        reject(new Error('connection acknowledged'));
    });
    socket.on('close', (code) => {
      clearTimeout(timer);
      resolve(code);
    });
    socket.on('error', reject);
  });
}

let firstTurn: { sessionId: string; key: string; events: Ev[] };

describe('a streamed turn', () => {
  it('streams deltas that add up to the stored answer, titles the session and tells only its owner', async () => {
    const alice = await t.user();
    const bob = await t.user();
    const aliceFeed = await changesFeed(alice.key, t.ws(alice.key));
    const bobFeed = await changesFeed(bob.key, t.ws(bob.key));
    const bobProbes = bobFeed.events.length;

    const id = await createSession(alice.key);
    // afterSeq 0 replays whatever happened before the subscription was registered: no race.
    const sub = collect(t.ws(alice.key), EVENTS, { id, after: 0 }, until('SessionUpdated'));
    const sent = await send(alice.key, id, HELLO);
    expect(sent.turn.status).toBe('RUNNING');
    expect(sent.session.state).toBe('RUNNING');
    expect(sent.userMessage.text).toBe(HELLO);

    const events = eventsOf(await sub.done, 'SessionUpdated');
    expect(sub.errors).toEqual([]);
    expectContiguous(events.map((e) => e.seq));
    expect(events[0]?.seq).toBe(1);
    const words = ANSWER.match(/\S+\s*/g) ?? [];
    expect(typesOf(events)).toEqual([
      'TurnStarted',
      ...words.map(() => 'TextDelta'),
      'StepFinished',
      'TurnFinished',
      'SessionUpdated',
    ]);
    for (const e of events) {
      expect(e.sessionId).toBe(id);
      expect(Number.isNaN(Date.parse(e.at))).toBe(false);
    }
    const started = events[0] as Ev;
    expect(started.turnId).toBe(sent.turn.id);
    expect(started.turn).toEqual({ id: sent.turn.id, status: 'RUNNING' });
    expect(started.userMessage).toEqual({ id: sent.userMessage.id, role: 'USER', text: HELLO });
    expect(deltas(events)).toBe(ANSWER);

    const finished = events.at(-2) as Ev;
    expect(finished.turnId).toBe(sent.turn.id);
    expect(finished.message.role).toBe('ASSISTANT');
    expect(finished.message.text).toBe(ANSWER);
    for (const e of events.filter((x) => x.__typename === 'TextDelta')) {
      expect(e.messageId).toBe(finished.message.id);
      expect(e.turnId).toBe(sent.turn.id);
    }
    expect(events.find((e) => e.__typename === 'StepFinished')).toMatchObject({
      step: 0,
      finishReason: 'stop',
      usage: { inputTokens: 10, outputTokens: words.length, totalTokens: 10 + words.length },
    });
    const turn = finished.turn;
    expect(turn).toMatchObject({
      id: sent.turn.id,
      status: 'COMPLETED',
      finishReason: 'stop',
      model: 'mock',
      error: null,
      usage: { inputTokens: 10, outputTokens: words.length, totalTokens: 10 + words.length },
    });
    expect(Date.parse(turn.finishedAt)).toBeGreaterThanOrEqual(Date.parse(turn.startedAt));
    const titled = events.at(-1) as Ev;
    expect(titled.turnId).toBeNull();
    expect(titled.session).toEqual({
      id,
      title: 'hello there my friend',
      state: 'IDLE',
      expiresAt: null,
    });

    const s = await session(alice.key, id);
    expect(s).toMatchObject({
      title: 'hello there my friend',
      state: 'IDLE',
      messageCount: 2,
      activeTurn: null,
      lastMessage: { id: finished.message.id, role: 'ASSISTANT', text: ANSWER },
    });
    const messages = s.messages.edges.map((e: Ev) => e.node);
    expect(messages).toEqual([
      {
        id: sent.userMessage.id,
        role: 'USER',
        text: HELLO,
        turn: { id: sent.turn.id },
        parts: [{ __typename: 'TextPart', text: HELLO }],
      },
      {
        id: finished.message.id,
        role: 'ASSISTANT',
        text: ANSWER,
        turn: { id: sent.turn.id },
        parts: [
          { __typename: 'StepStartPart', step: 0 },
          { __typename: 'TextPart', text: ANSWER },
        ],
      },
    ]);
    expect(mock.callsFor(HELLO)).toHaveLength(1);

    // sessionsChanged: the owner sees CREATED, then UPDATED (turn start, end, title); bob nothing.
    const deadline = Date.now() + 5000;
    const aliceChanges = () =>
      aliceFeed.events.map((e: Ev) => e.sessionsChanged).filter((c: Ev) => c.sessionId === id);
    while (!aliceChanges().some((c: Ev) => c.session?.title) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 20));
    }
    const changes = aliceChanges();
    expect(changes[0]).toMatchObject({ kind: 'CREATED', sessionId: id });
    expect(changes.length).toBeGreaterThanOrEqual(3);
    expect(changes.slice(1).every((c: Ev) => c.kind === 'UPDATED')).toBe(true);
    expect(changes.at(-1).session).toMatchObject({
      id,
      title: 'hello there my friend',
      state: 'IDLE',
    });
    expect(aliceFeed.errors).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(bobFeed.events.length).toBe(bobProbes);
    expect(bobFeed.events.some((e: Ev) => e.sessionsChanged.sessionId === id)).toBe(false);
    aliceFeed.stop();
    bobFeed.stop();

    firstTurn = { sessionId: id, key: alice.key, events };
  });

  it('replays the whole last turn to a subscriber with afterSeq 0 after it ended', async () => {
    const { sessionId, key, events } = firstTurn;
    const replay = collect(t.ws(key), EVENTS, { id: sessionId, after: 0 }, until('SessionUpdated'));
    const replayed = eventsOf(await replay.done, 'SessionUpdated');
    expect(replay.errors).toEqual([]);
    // The same events with the same seqs, times and deltas; the turn they name is resolved as it is now.
    const now = (e: Ev) =>
      e.__typename === 'TurnStarted' ? { ...e, turn: { ...e.turn, status: 'COMPLETED' } } : e;
    expect(replayed).toEqual(events.map(now));

    const later = collect(
      t.ws(key),
      EVENTS,
      { id: sessionId, after: events.at(-4)?.seq },
      until('SessionUpdated'),
    );
    expect(typesOf(eventsOf(await later.done, 'SessionUpdated'))).toEqual([
      'StepFinished',
      'TurnFinished',
      'SessionUpdated',
    ]);
  });

  it('stores an answer holding NUL and a lone surrogate, cleaned, and the exact event seq', async () => {
    const { key } = await t.user();
    const id = await createSession(key);
    const feed = collect(t.ws(key), EVENTS, { id, after: 0 }, until('TurnFinished'));
    await send(key, id, ODD);
    // While the turn runs, the stored seq is reserved past anything a client can have seen.
    const row = { id: decodeGlobalID(id).id };
    const running = await t.db.prisma.session.findUniqueOrThrow({ where: row });
    expect(running.eventSeq).toBeGreaterThanOrEqual(100_000);
    const events = eventsOf(await feed.done, 'TurnFinished');
    const finished = events.at(-1) as Ev;
    expect(finished.turn.status).toBe('COMPLETED');
    expect(finished.message.text).toBe(
      'odd  bytes \ufffd from the model, and more words to stream',
    );
    expect(deltas(events)).toBe(ODD_ANSWER);
    const stored = await session(key, id);
    expect(stored.lastMessage!.text).toBe(finished.message.text);
    // At the end the stored seq is the exact one again: the last event's.
    const done = await t.db.prisma.session.findUniqueOrThrow({ where: row });
    expect(done.eventSeq).toBe(finished.seq);
  });

  it('runs a tool over two steps and hands its result to the model', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const sub = collect(t.ws(alice.key), EVENTS, { id, after: 0 }, until('TurnFinished'));
    const sent = await send(alice.key, id, FIND);
    const events = eventsOf(await sub.done, 'TurnFinished');
    expect(sub.errors).toEqual([]);
    expectContiguous(events.map((e) => e.seq));
    const words = SHOES_ANSWER.match(/\S+\s*/g) ?? [];
    expect(typesOf(events)).toEqual([
      'TurnStarted',
      'ToolCalled',
      'ToolResulted',
      'StepFinished',
      ...words.map(() => 'TextDelta'),
      'StepFinished',
      'TurnFinished',
    ]);
    const [, called, resulted, step0] = events as [Ev, Ev, Ev, Ev];
    expect(called).toMatchObject({
      turnId: sent.turn.id,
      toolCallId: 'call-search',
      toolName: 'searchProducts',
      input: { query: 'running shoes', maxPrice: 120 },
    });
    expect(resulted).toMatchObject({ toolCallId: 'call-search', toolName: 'searchProducts' });
    const products = resulted.output.products as Ev[];
    expect(products.length).toBeGreaterThan(0);
    expect(resulted.output.total).toBeGreaterThanOrEqual(products.length);
    const catalog = await t.db.prisma.product.findMany({
      where: { id: { in: products.map((p) => p.id) } },
    });
    expect(catalog).toHaveLength(products.length);
    for (const p of products) {
      const row = catalog.find((c) => c.id === p.id);
      expect(p.name).toBe(row?.name);
      expect(p.price).toBe((row?.priceCents ?? 0) / 100);
      expect(p.price).toBeLessThanOrEqual(120);
    }
    expect(step0).toMatchObject({
      step: 0,
      finishReason: 'tool-calls',
      usage: { inputTokens: 12, outputTokens: 5, totalTokens: 17 },
    });
    expect(events.at(-2)).toMatchObject({ step: 1, finishReason: 'stop' });
    expect(deltas(events)).toBe(SHOES_ANSWER);
    const finished = events.at(-1) as Ev;
    expect(finished.turn).toMatchObject({
      status: 'COMPLETED',
      finishReason: 'stop',
      usage: { inputTokens: 22, outputTokens: 5 + words.length, totalTokens: 27 + words.length },
    });

    const s = await session(alice.key, id);
    expect(s.messageCount).toBe(2);
    expect(s.lastMessage!.text).toBe(SHOES_ANSWER);
    const assistant = s.messages.edges[1]!.node;
    expect(assistant.id).toBe(finished.message.id);
    expect(assistant.text).toBe(SHOES_ANSWER);
    expect(assistant.parts).toEqual([
      { __typename: 'StepStartPart', step: 0 },
      {
        __typename: 'ToolPart',
        toolCallId: 'call-search',
        toolName: 'searchProducts',
        state: 'OUTPUT_AVAILABLE',
        input: called.input,
        output: resulted.output,
        errorText: null,
      },
      { __typename: 'StepStartPart', step: 1 },
      { __typename: 'TextPart', text: SHOES_ANSWER },
    ]);

    // The second model call got the tool call and its result.
    const calls = mock.callsFor(FIND);
    expect(calls.map((c) => c.step)).toEqual([0, 1]);
    const prompt = calls[1]?.options.prompt ?? [];
    const toolMessage = prompt.at(-1);
    expect(toolMessage?.role).toBe('tool');
    const result = toolMessage?.role === 'tool' ? toolMessage.content[0] : undefined;
    expect(result).toMatchObject({
      type: 'tool-result',
      toolCallId: 'call-search',
      toolName: 'searchProducts',
      output: { type: 'json', value: resulted.output },
    });
    expect(prompt.at(-2)).toMatchObject({
      role: 'assistant',
      content: [{ type: 'tool-call', toolCallId: 'call-search', toolName: 'searchProducts' }],
    });
  });

  it('resumes after a dropped connection with afterSeq: nothing missed, nothing twice', async () => {
    const alice = await t.user();
    const id = await createSession(alice.key);
    const first = t.ws(alice.key);
    const before = collect(
      first,
      EVENTS,
      { id, after: 0 },
      (_e, all: Ev[]) => eventsOf(all).filter((x) => x.__typename === 'TextDelta').length >= 5,
    );
    await send(alice.key, id, STORY);
    await before.done;
    await first.dispose();
    const seen = eventsOf(before.events);
    const lastSeq = Math.max(...seen.map((e) => e.seq));

    const after = collect(t.ws(alice.key), EVENTS, { id, after: lastSeq }, until('TurnFinished'));
    const rest = eventsOf(await after.done, 'TurnFinished');
    expect(after.errors).toEqual([]);
    // The first client dropped in the middle of the answer.
    expect(typesOf(seen)).not.toContain('TurnFinished');
    expect(rest.filter((e) => e.__typename === 'TextDelta').length).toBeGreaterThan(0);
    const all = [...seen, ...rest];
    const seqs = all.map((e) => e.seq);
    expect(new Set(seqs).size).toBe(seqs.length);
    expectContiguous(seqs);
    expect(rest[0]?.seq).toBe(lastSeq + 1);
    expect(deltas(all)).toBe(LONG);
    expect(rest.at(-1)?.message.text).toBe(LONG);
  });
});

describe('subscription access', () => {
  it("refuses another user's session events with NOT_FOUND, like a missing session", async () => {
    const alice = await t.user();
    const mallory = await t.user();
    const id = await createSession(alice.key);
    const theirs = collect(t.ws(mallory.key), EVENTS, { id }, () => true, 5000);
    await theirs.done;
    expect(theirs.events).toEqual([]);
    expect(theirs.errors).toHaveLength(1);
    expect(theirs.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });

    const missingId = await createSession(mallory.key);
    await t.gql(DeleteSessionDocument, { id: missingId }, mallory.key);
    const missing = collect(t.ws(mallory.key), EVENTS, { id: missingId }, () => true, 5000);
    await missing.done;
    expect(missing.errors).toHaveLength(1);
    expect(missing.errors[0]).toMatchObject({ extensions: { code: 'NOT_FOUND' } });
    expect((missing.errors[0] as Ev).message).toBe((theirs.errors[0] as Ev).message);
  });

  it('closes a WebSocket without a valid token with 4403', async () => {
    expect(await closeCodeFor({})).toBe(4403);
    expect(await closeCodeFor({ authorization: 'Bearer not-a-real-key' })).toBe(4403);
    expect(await closeCodeFor({ authorization: 'garbage' })).toBe(4403);

    const closed = new Promise<number>((resolve) => {
      const client = t.ws('not-a-real-key');
      client.on('closed', (event) => resolve((event as { code: number }).code));
      collect(client, EVENTS, { id: 'U2Vzc2lvbjpub25l' }, () => true, 5000).done.catch(() => {});
    });
    expect(await closed).toBe(4403);
  });
});
