import { beforeAll, describe, expect, it } from 'vitest';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import type { Ev } from '../helpers/events.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { useTwoProcesses } from '../helpers/two-processes.js';
import {
  CONV_SEND,
  CONV_SESSION,
  CONV_STOP,
  countOf,
  ended,
  endOf,
  expectExactSeqs,
  feed,
  indexOf,
  textOf,
} from './support.js';

/**
 * Double-texting across two server processes (`node --import tsx src/server.ts`) on one
 * PostgreSQL database and one Redis: the queue and interruptions work whichever process runs
 * the turn and whichever one the user talks to.
 */

const DATABASE = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;

/** "tell me about …": the local model echoes the words back, one delta every 30 ms. */
const LONG_TEXT = `tell me about ${Array.from({ length: 30 }, (_, i) => `topic${i}`).join(' ')}`;

describe.skipIf(!DATABASE || !REDIS)('double-texting across two server processes', () => {
  const two = useTwoProcesses();
  const { ok, ws, user } = two;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(() => {
    ({ a, b } = two);
  });

  /** A session with a long turn running on B, followed from A. */
  async function runningOnB(name: string) {
    const key = await user(name);
    const id = (await ok(b, CreateSessionDocument, { input: {} }, key)).createSession.session.id;
    const f = feed(ws(a, key), id, 0);
    const sent = (await ok(b, CONV_SEND, { id, text: LONG_TEXT }, key)).sendMessage;
    expect(sent?.turn.status).toBe('RUNNING');
    await f.waitFor(countOf('TextDelta', 3), 20_000);
    return { key, id, feed: f, running: sent?.turn.id as string };
  }

  const branchOf = async (server: ServerProcess, key: string, id: string) =>
    (await ok(server, CONV_SESSION, { id }, key)).session?.messages.edges.map((e) => e.node) ?? [];

  it("a message queued on A while B runs the turn starts when B's turn ends", async () => {
    const r = await runningOnB('queue');
    const text = 'tell me about the queue';
    const queued = (await ok(a, CONV_SEND, { id: r.id, text, ifBusy: 'ENQUEUE' }, r.key))
      .sendMessage;
    expect(queued?.turn.status).toBe('QUEUED');
    const turnId = queued?.turn.id as string;

    const events = await r.feed.waitFor(ended(turnId), 20_000);
    r.feed.stop();
    expectExactSeqs(events, 1);
    const queuedAt = indexOf(events, 'TurnQueued', turnId);
    const firstEnd = indexOf(events, 'TurnFinished', r.running);
    const started = indexOf(events, 'TurnStarted', turnId);
    expect(queuedAt).toBeGreaterThanOrEqual(0);
    expect(firstEnd).toBeGreaterThan(queuedAt);
    expect(started).toBeGreaterThan(firstEnd);
    const answer = (events[firstEnd] as Ev).message;
    expect(events[started]?.userMessage).toMatchObject({ text, parentId: answer.id });
    const end = endOf(events, turnId) as Ev;
    expect(end.__typename).toBe('TurnFinished');
    expect(end.message.text).toContain(text);
    expect(textOf(events, turnId)).toBe(end.message.text);

    const branch = await branchOf(b, r.key, r.id);
    expect(branch.map((m) => m.text)).toEqual([LONG_TEXT, answer.text, text, end.message.text]);
    expect(branch[2]?.parentId).toBe(answer.id);
  });

  it('a queued turn cancelled through A never runs; the next one still does', async () => {
    const r = await runningOnB('cancel');
    const skip = (
      await ok(a, CONV_SEND, { id: r.id, text: 'tell me about nothing', ifBusy: 'ENQUEUE' }, r.key)
    ).sendMessage;
    const keep = (
      await ok(b, CONV_SEND, { id: r.id, text: 'tell me about this', ifBusy: 'ENQUEUE' }, r.key)
    ).sendMessage;
    const cancelled = (await ok(a, CONV_STOP, { id: r.id, turnId: skip?.turn.id }, r.key)).stopTurn
      .turn;
    expect(cancelled).toMatchObject({ id: skip?.turn.id, status: 'CANCELLED' });

    const events = await r.feed.waitFor(ended(keep?.turn.id as string), 20_000);
    r.feed.stop();
    expectExactSeqs(events, 1);
    expect(indexOf(events, 'QueuedTurnCancelled', skip?.turn.id)).toBeGreaterThanOrEqual(0);
    expect(indexOf(events, 'TurnStarted', skip?.turn.id)).toBe(-1);
    expect(endOf(events, r.running)?.__typename).toBe('TurnFinished');
    expect(endOf(events, keep?.turn.id as string)?.__typename).toBe('TurnFinished');
    const branch = await branchOf(a, r.key, r.id);
    expect(branch.map((m) => m.role)).toEqual(['USER', 'ASSISTANT', 'USER', 'ASSISTANT']);
    expect(branch[2]?.text).toBe('tell me about this');
    expect(branch.map((m) => m.text)).not.toContain('tell me about nothing');
  });

  it('INTERRUPT sent to A stops the turn running on B, keeps its partial answer, runs the new one', async () => {
    const r = await runningOnB('interrupt');
    const text = 'tell me about something else';
    const sent = (await ok(a, CONV_SEND, { id: r.id, text, ifBusy: 'INTERRUPT' }, r.key))
      .sendMessage;
    expect(sent?.turn.status).toBe('RUNNING');
    const turnId = sent?.turn.id as string;

    const events = await r.feed.waitFor(ended(turnId), 20_000);
    r.feed.stop();
    expectExactSeqs(events, 1);
    const cancelled = indexOf(events, 'TurnCancelled', r.running);
    expect(cancelled).toBeGreaterThanOrEqual(0);
    expect(indexOf(events, 'TurnStarted', turnId)).toBeGreaterThan(cancelled);
    const partial = textOf(events, r.running);
    expect(partial.length).toBeGreaterThan(0);
    expect((events[cancelled] as Ev).message.text).toBe(partial);
    expect(endOf(events, turnId)?.__typename).toBe('TurnFinished');

    const branch = await branchOf(b, r.key, r.id);
    expect(branch.map((m) => [m.role, m.text])).toEqual([
      ['USER', LONG_TEXT],
      ['ASSISTANT', partial],
      ['USER', text],
      ['ASSISTANT', (endOf(events, turnId) as Ev).message.text],
    ]);
  });
});
