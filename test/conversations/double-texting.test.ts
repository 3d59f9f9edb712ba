import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, api } from '../api/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { Ev } from '../helpers/events.js';
import {
  answerChunks,
  CONV_EDIT,
  CONV_FORK,
  CONV_MESSAGE,
  CONV_SEND,
  CONV_STOP,
  CONV_SWITCH,
  CONV_TURN,
  convModel,
  countOf,
  ended,
  endOf,
  exchange,
  expectExactSeqs,
  feed,
  holdable,
  indexOf,
  loadSession,
  newSession,
  textOf,
} from './support.js';

/**
 * Double-texting: a message sent while a turn runs is refused (REJECT, the default), queued
 * behind it (ENQUEUE), or stops it (INTERRUPT).
 */

/** hold(text): the answer to `text` stops after its first two words until the gate opens (or a stop). */
const { hold, reply, openAll } = holdable();

const answerTo = (text: string) => `answer to ${text}`;
const mock = convModel(({ userText }) => {
  const chunks = answerChunks(answerTo(userText));
  return reply(userText, chunks);
});

let t: TestApp;
let a: Api;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  a = api(t);
});
afterAll(async () => {
  openAll();
  await t?.close();
});

const user = (text: string) => ({ role: 'user', text });
const assistant = (text: string) => ({ role: 'assistant', text });
const ids = (messages: { id: string }[]) => messages.map((m) => m.id);

/**
 * A new user's session with one exchange, then a question whose answer is held after two words:
 * the feed (from before that question) and the running turn.
 */
async function busySession(prefix: string) {
  const alice = await t.user();
  const key = alice.key;
  const id = await newSession(a, key);
  const first = await exchange(t, a, key, id, `${prefix}: hello`);
  const slow = `${prefix}: a long question`;
  const g = hold(slow);
  const from = (await loadSession(a, key, id)).lastEventSeq;
  const f = feed(t.ws(key), id, from);
  const sent = (await a.ok(CONV_SEND, { id, text: slow }, key)).sendMessage;
  expect(sent?.turn.status).toBe('RUNNING');
  await f.waitFor(countOf('TextDelta', 2));
  return {
    key,
    id,
    first,
    slow,
    gate: g,
    feed: f,
    from,
    running: sent?.turn.id as string,
    question: sent?.userMessage.id as string,
  };
}

const send = (key: string, id: string, text: string, ifBusy?: 'REJECT' | 'ENQUEUE' | 'INTERRUPT') =>
  a.gql(CONV_SEND, { id, text, ifBusy }, key);

async function turnStatus(key: string, turnId: string) {
  const node = (await a.ok(CONV_TURN, { id: turnId }, key)).node;
  return node?.__typename === 'Turn' ? node : null;
}

describe('ifBusy: REJECT (the default)', () => {
  it('refuses a second message while a turn runs with CONFLICT, storing nothing', async () => {
    const b = await busySession('reject');
    for (const ifBusy of [undefined, 'REJECT'] as const) {
      const res = await send(b.key, b.id, 'reject: me too', ifBusy);
      expect(res.data).toEqual({ sendMessage: null });
      expect(res.errors).toHaveLength(1);
      expect(res.errors?.[0]?.extensions?.code).toBe('CONFLICT');
    }
    b.gate.open();
    const events = await b.feed.waitFor(ended(b.running));
    b.feed.stop();
    expect(endOf(events, b.running)?.__typename).toBe('TurnFinished');
    expect(events.map((e) => e.__typename)).not.toContain('TurnQueued');
    const s = await loadSession(a, b.key, b.id);
    expect(s.branch.map((m) => m.text)).toEqual([
      'reject: hello',
      answerTo('reject: hello'),
      b.slow,
      answerTo(b.slow),
    ]);
    expect(mock.callsFor('reject: me too')).toHaveLength(0);
  });
});

describe('ifBusy: ENQUEUE', () => {
  it('stores the message at once and answers it after the running turn, on the same branch', async () => {
    const b = await busySession('queue');
    const text = 'queue: and one more thing';
    const res = await send(b.key, b.id, text, 'ENQUEUE');
    expect(res.errors).toBeUndefined();
    const queued = res.data?.sendMessage;
    expect(queued?.turn.status).toBe('QUEUED');
    expect(queued?.userMessage).toMatchObject({ role: 'USER', text });
    const turnId = queued?.turn.id as string;
    const messageId = queued?.userMessage.id as string;
    expect(queued?.turn.userMessage.id).toBe(messageId);

    // Queued: announced, stored, visible as QUEUED, and the model has not been asked.
    const announced = await b.feed.waitFor((events) => indexOf(events, 'TurnQueued') >= 0);
    expect(announced[indexOf(announced, 'TurnQueued')]).toMatchObject({
      turnId,
      turn: { id: turnId, status: 'QUEUED', userMessage: { id: messageId, text } },
    });
    expect(await turnStatus(b.key, turnId)).toMatchObject({ status: 'QUEUED' });
    const stored = (await a.ok(CONV_MESSAGE, { id: messageId }, b.key)).node;
    expect(stored).toMatchObject({ id: messageId, role: 'USER', text });
    expect(mock.callsFor(text)).toHaveLength(0);

    b.gate.open();
    const events = await b.feed.waitFor(ended(turnId));
    b.feed.stop();
    expectExactSeqs(events, b.from + 1);
    const finished = indexOf(events, 'TurnFinished', b.running);
    const started = indexOf(events, 'TurnStarted', turnId);
    expect(finished).toBeGreaterThanOrEqual(0);
    expect(started).toBeGreaterThan(finished);
    const answer = events[finished] as Ev;
    expect(events[started]?.userMessage).toMatchObject({
      id: messageId,
      text,
      parentId: answer.message.id,
    });
    const end = endOf(events, turnId) as Ev;
    expect(end).toMatchObject({ __typename: 'TurnFinished', turn: { status: 'COMPLETED' } });
    expect(textOf(events, turnId)).toBe(answerTo(text));

    const s = await loadSession(a, b.key, b.id);
    expect(ids(s.branch)).toEqual([
      b.first.question,
      b.first.answer,
      b.question,
      answer.message.id,
      messageId,
      end.message.id,
    ]);
    expect(s.branch[4]?.parentId).toBe(answer.message.id);
    expect(s).toMatchObject({
      messageCount: 6,
      state: 'IDLE',
      lastMessage: { id: end.message.id },
    });
    expect(await turnStatus(b.key, turnId)).toMatchObject({ status: 'COMPLETED' });
    // The model read the finished answer before the queued question.
    expect(mock.callsFor(text)).toHaveLength(1);
    expect(mock.callsFor(text)[0]?.prompt).toEqual([
      user('queue: hello'),
      assistant(answerTo('queue: hello')),
      user(b.slow),
      assistant(answerTo(b.slow)),
      user(text),
    ]);
  });

  it('runs two queued messages one after the other, in the order they were sent', async () => {
    const b = await busySession('two');
    const x = (await send(b.key, b.id, 'two: second', 'ENQUEUE')).data?.sendMessage;
    const y = (await send(b.key, b.id, 'two: third', 'ENQUEUE')).data?.sendMessage;
    expect([x?.turn.status, y?.turn.status]).toEqual(['QUEUED', 'QUEUED']);
    b.gate.open();
    const events = await b.feed.waitFor(ended(y?.turn.id as string));
    b.feed.stop();
    expectExactSeqs(events);
    const order = [b.running, x?.turn.id, y?.turn.id].flatMap((turnId) => [
      indexOf(events, 'TurnStarted', turnId),
      indexOf(events, 'TurnFinished', turnId),
    ]);
    expect(order.every((i) => i >= 0)).toBe(true);
    expect(order).toEqual([...order].sort((p, q) => p - q));
    const queuedAt = events
      .filter((e) => e.__typename === 'TurnQueued')
      .map((e) => e.turnId as string);
    expect(queuedAt).toEqual([x?.turn.id, y?.turn.id]);

    const s = await loadSession(a, b.key, b.id);
    expect(s.branch.map((m) => m.text)).toEqual([
      'two: hello',
      answerTo('two: hello'),
      b.slow,
      answerTo(b.slow),
      'two: second',
      answerTo('two: second'),
      'two: third',
      answerTo('two: third'),
    ]);
    expect(s.messageCount).toBe(8);
    expect(mock.callsFor('two: third')[0]?.prompt.at(-2)).toEqual(
      assistant(answerTo('two: second')),
    );
  });

  it('starts at once when nothing runs', async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    const res = await send(alice.key, id, 'idle: hello', 'ENQUEUE');
    expect(res.errors).toBeUndefined();
    expect(res.data?.sendMessage?.turn.status).toBe('RUNNING');
    await expect.poll(async () => (await loadSession(a, alice.key, id)).messageCount).toBe(2);
  });

  it('stopTurn with a queued turn id cancels it: never run, no part of the conversation', async () => {
    const b = await busySession('cancel');
    const x = (await send(b.key, b.id, 'cancel: never mind this', 'ENQUEUE')).data?.sendMessage;
    const y = (await send(b.key, b.id, 'cancel: but this', 'ENQUEUE')).data?.sendMessage;
    const xTurn = x?.turn.id as string;
    const stopped = (await a.ok(CONV_STOP, { id: b.id, turnId: xTurn }, b.key)).stopTurn.turn;
    expect(stopped).toMatchObject({ id: xTurn, status: 'CANCELLED', assistantMessage: null });
    await b.feed.waitFor((events) => indexOf(events, 'QueuedTurnCancelled') >= 0);
    // The running turn goes on.
    expect(await turnStatus(b.key, b.running)).toMatchObject({ status: 'RUNNING' });

    b.gate.open();
    const events = await b.feed.waitFor(ended(y?.turn.id as string));
    b.feed.stop();
    expectExactSeqs(events, b.from + 1);
    expect(events[indexOf(events, 'QueuedTurnCancelled')]).toMatchObject({
      turnId: xTurn,
      turn: { id: xTurn, status: 'CANCELLED' },
    });
    expect(endOf(events, b.running)?.__typename).toBe('TurnFinished');
    expect(indexOf(events, 'TurnStarted', xTurn)).toBe(-1);
    expect(mock.callsFor('cancel: never mind this')).toHaveLength(0);
    expect(await turnStatus(b.key, xTurn)).toMatchObject({ status: 'CANCELLED' });

    const s = await loadSession(a, b.key, b.id);
    expect(s.branch.map((m) => m.text)).toEqual([
      'cancel: hello',
      answerTo('cancel: hello'),
      b.slow,
      answerTo(b.slow),
      'cancel: but this',
      answerTo('cancel: but this'),
    ]);
    expect(s.messageCount).toBe(6);
    const everySibling = s.branch.flatMap((m) => ids(m.siblings));
    expect(everySibling).not.toContain(x?.userMessage.id);
    for (const m of s.branch) expect(ids(m.siblings)).toEqual([m.id]);
    expect(mock.callsFor('cancel: but this')[0]?.prompt.map((l) => l.text)).not.toContain(
      'cancel: never mind this',
    );
  });

  it('a cancelled queued message cannot become the conversation through switchBranch', async () => {
    const b = await busySession('revive');
    const x = (await send(b.key, b.id, 'revive: forget this', 'ENQUEUE')).data?.sendMessage;
    await a.ok(CONV_STOP, { id: b.id, turnId: x?.turn.id as string }, b.key);
    b.gate.open();
    await b.feed.waitFor(ended(b.running));
    b.feed.stop();
    await expect.poll(async () => (await loadSession(a, b.key, b.id)).state).toBe('IDLE');
    const before = await loadSession(a, b.key, b.id);

    const messageId = x?.userMessage.id as string;
    await a.fail(CONV_SWITCH, { messageId }, b.key, 'BAD_USER_INPUT', 'messageId');
    // Nor a branch of its own: no edit of it, no fork from it.
    await a.fail(
      CONV_EDIT,
      { messageId, text: 'revive: again' },
      b.key,
      'BAD_USER_INPUT',
      'messageId',
    );
    await a.fail(CONV_FORK, { messageId }, b.key, 'BAD_USER_INPUT', 'messageId');
    const after = await loadSession(a, b.key, b.id);
    expect(after.branch).toEqual(before.branch);
    expect(after.messageCount).toBe(4);
  });

  it("stopTurn with another session's queued turn is NOT_FOUND", async () => {
    const b = await busySession('cross');
    const x = (await send(b.key, b.id, 'cross: queued', 'ENQUEUE')).data?.sendMessage;
    const other = await newSession(a, b.key);
    await a.fail(CONV_STOP, { id: other, turnId: x?.turn.id as string }, b.key, 'NOT_FOUND');
    const bob = await t.user();
    await a.fail(CONV_STOP, { id: b.id, turnId: x?.turn.id as string }, bob.key, 'NOT_FOUND');
    expect(await turnStatus(b.key, x?.turn.id as string)).toMatchObject({ status: 'QUEUED' });
    b.gate.open();
    await b.feed.waitFor(ended(x?.turn.id as string));
    b.feed.stop();
  });
});

describe('ifBusy: INTERRUPT', () => {
  it('stops the running turn, keeping its partial answer, then answers the new message', async () => {
    const b = await busySession('interrupt');
    const text = 'interrupt: actually, something else';
    const res = await send(b.key, b.id, text, 'INTERRUPT');
    expect(res.errors).toBeUndefined();
    const sent = res.data?.sendMessage;
    expect(sent?.turn.status).toBe('RUNNING');
    const turnId = sent?.turn.id as string;
    expect(turnId).not.toBe(b.running);

    const events = await b.feed.waitFor(ended(turnId));
    b.feed.stop();
    expectExactSeqs(events, b.from + 1);
    const cancelled = indexOf(events, 'TurnCancelled', b.running);
    const started = indexOf(events, 'TurnStarted', turnId);
    expect(cancelled).toBeGreaterThanOrEqual(0);
    expect(started).toBeGreaterThan(cancelled);
    const partial = textOf(events, b.running);
    expect(partial.length).toBeGreaterThan(0);
    expect(answerTo(b.slow).startsWith(partial)).toBe(true);
    expect(partial).not.toBe(answerTo(b.slow));
    const stopped = events[cancelled] as Ev;
    expect(stopped.message.text).toBe(partial);
    expect(await turnStatus(b.key, b.running)).toMatchObject({
      status: 'CANCELLED',
      assistantMessage: { text: partial },
    });
    expect(events[started]?.userMessage.parentId).toBe(stopped.message.id);
    expect(endOf(events, turnId)).toMatchObject({
      __typename: 'TurnFinished',
      message: { text: answerTo(text) },
    });

    const s = await loadSession(a, b.key, b.id);
    expect(s.branch.map((m) => [m.role, m.text])).toEqual([
      ['USER', 'interrupt: hello'],
      ['ASSISTANT', answerTo('interrupt: hello')],
      ['USER', b.slow],
      ['ASSISTANT', partial],
      ['USER', text],
      ['ASSISTANT', answerTo(text)],
    ]);
    expect(s).toMatchObject({ state: 'IDLE', messageCount: 6 });
    expect(mock.callsFor(text)[0]?.prompt).toEqual([
      user('interrupt: hello'),
      assistant(answerTo('interrupt: hello')),
      user(b.slow),
      assistant(partial),
      user(text),
    ]);
  });
});
