import { beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import { clip } from '../../src/chat/models/local-answers.js';
import { collect } from '../helpers/app.js';
import { deltas, type Ev, eventsOf } from '../helpers/events.js';
import {
  TestAppendMessage as APPEND,
  TestSessionEvents as EVENTS,
  TestSendMessage as SEND,
  TestStopTurn as STOP,
} from '../helpers/operations.js';
import type { ServerProcess } from '../helpers/server-process.js';
import { useTwoProcesses } from '../helpers/two-processes.js';

/**
 * Two real server processes (`node --import tsx src/server.ts`) on one PostgreSQL database and one
 * Redis: events, resumption, stop requests and the sendMessage rate limit work across them.
 */

const DATABASE = process.env.TEST_DATABASE_URL;
const REDIS = process.env.TEST_REDIS_URL;
const SEND_LIMIT = 3;

const SESSION = graphql(`
  query MultiProcessSession($id: ID!) {
    session(id: $id) {
      state activeTurn { id }
      messages(last: 1) { edges { node { role text turn { status } } } }
    }
  }
`);
const HEALTH = graphql(`
  query MultiProcessHealth {
    health { status pubsubKind databaseKind }
  }
`);

/** "tell me about …": the local model echoes the first 25 words back, one delta per word. */
const LONG_TEXT = `tell me about ${Array.from({ length: 30 }, (_, i) => `topic${i}`).join(' ')}`;
const ANSWER = `I am the offline local model, not a real language model. You said: "${clip(LONG_TEXT, 25)}"`;

const untilType =
  (...types: string[]) =>
  (e: Ev) =>
    types.includes(e.sessionEvents.__typename);

describe.skipIf(!DATABASE || !REDIS)('two server processes sharing PostgreSQL and Redis', () => {
  const two = useTwoProcesses({ RATE_LIMIT_SEND_PER_MINUTE: String(SEND_LIMIT) });
  const { gql, ok, ws, user } = two;
  let a: ServerProcess;
  let b: ServerProcess;
  beforeAll(() => {
    ({ a, b } = two);
  });
  const createSession = async (server: ServerProcess, key: string): Promise<string> =>
    (await ok(server, CreateSessionDocument, { input: {} }, key)).createSession.session.id;

  it('runs two processes, both on Redis', async () => {
    const key = await user('health');
    for (const server of [a, b]) {
      const data = await ok(server, HEALTH, {}, key);
      expect(data.health).toEqual({ status: 'OK', pubsubKind: 'redis', databaseKind: 'postgres' });
    }
    expect(a.url).not.toBe(b.url);
  });

  it('delivers every TextDelta of a turn running on B to a subscriber on A', async () => {
    const key = await user('deltas');
    const id = await createSession(b, key);
    const feed = collect(ws(a, key), EVENTS, { id, after: 0 }, untilType('TurnFinished'), 20_000);
    // A message appended through B reaches A's subscriber: it is live before the turn starts.
    await ok(b, APPEND, { id, text: 'probe' }, key);
    for (let i = 0; i < 100 && eventsOf(feed.events).length === 0; i += 1) {
      await new Promise((r) => setTimeout(r, 20));
    }
    expect(eventsOf(feed.events)[0]).toMatchObject({
      __typename: 'MessageAppended',
      seq: 1,
      message: { text: 'probe' },
    });

    await ok(b, SEND, { id, text: LONG_TEXT }, key);
    const events = eventsOf(await feed.done, 'TurnFinished');
    expect(feed.errors).toEqual([]);
    const seqs = events.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    const finished = events.at(-1) as Ev;
    expect(finished.__typename).toBe('TurnFinished');
    expect(finished.turn.status).toBe('COMPLETED');
    const text = deltas(events);
    expect(events.filter((e) => e.__typename === 'TextDelta').length).toBeGreaterThan(20);
    expect(text).toBe(ANSWER);
    expect(finished.message.text).toBe(ANSWER);
    const stored = (await ok(a, SESSION, { id }, key)).session!;
    expect(stored.messages.edges[0]!.node).toMatchObject({ role: 'ASSISTANT', text });
  });

  it('resumes on A with afterSeq, without gap or duplicate, while the turn runs on B', async () => {
    const key = await user('resume');
    const id = await createSession(b, key);
    const first = ws(a, key);
    const before = collect(
      first,
      EVENTS,
      { id, after: 0 },
      (_e, all) => eventsOf(all).filter((x) => x.__typename === 'TextDelta').length >= 5,
      20_000,
    );
    await ok(b, SEND, { id, text: LONG_TEXT }, key);
    await before.done;
    await first.dispose();
    const seen = eventsOf(before.events);
    const lastSeq = Math.max(...seen.map((e) => e.seq));
    // Events go on while nobody listens.
    await new Promise((r) => setTimeout(r, 200));

    const after = collect(ws(a, key), EVENTS, { id, after: lastSeq }, untilType('TurnFinished'));
    const rest = eventsOf(await after.done, 'TurnFinished');
    expect(after.errors).toEqual([]);
    expect(seen.map((e) => e.__typename)).not.toContain('TurnFinished');
    expect(rest[0]?.seq).toBe(lastSeq + 1);
    expect(rest.filter((e) => e.__typename === 'TextDelta').length).toBeGreaterThan(5);
    const all = [...seen, ...rest];
    const seqs = all.map((e) => e.seq);
    expect(seqs).toEqual(seqs.map((_, i) => i + 1));
    expect(deltas(all)).toBe(ANSWER);
    expect((rest.at(-1) as Ev).message.text).toBe(ANSWER);
  });

  it('stops a turn running on B through stopTurn sent to A', async () => {
    const key = await user('stop');
    const id = await createSession(b, key);
    const feed = collect(
      ws(a, key),
      EVENTS,
      { id, after: 0 },
      untilType('TurnCancelled', 'TurnFinished', 'TurnFailed'),
      20_000,
    );
    const sent = await ok(b, SEND, { id, text: LONG_TEXT }, key);
    for (let i = 0; i < 200; i += 1) {
      if (eventsOf(feed.events).filter((e) => e.__typename === 'TextDelta').length >= 3) break;
      await new Promise((r) => setTimeout(r, 20));
    }
    const stopped = await ok(a, STOP, { id }, key);
    expect(stopped.stopTurn.turn).toMatchObject({
      id: sent.sendMessage!.turn.id,
      status: 'CANCELLED',
    });

    const events = eventsOf(await feed.done, 'TurnCancelled');
    const end = events.at(-1) as Ev;
    expect(end.__typename).toBe('TurnCancelled');
    expect(end.turn.status).toBe('CANCELLED');
    const partial = deltas(events);
    expect(partial.length).toBeGreaterThan(0);
    expect(partial.length).toBeLessThan(ANSWER.length);
    expect(ANSWER.startsWith(partial)).toBe(true);
    expect(end.message.text).toBe(partial);
    expect(stopped.stopTurn.turn!.assistantMessage!.text).toBe(partial);

    const stored = (await ok(b, SESSION, { id }, key)).session!;
    expect(stored.state).toBe('IDLE');
    expect(stored.activeTurn).toBeNull();
    expect(stored.messages.edges[0]!.node).toMatchObject({
      role: 'ASSISTANT',
      text: partial,
      turn: { status: 'CANCELLED' },
    });
  });

  it(`shares the sendMessage rate limit (${SEND_LIMIT} a minute) between A and B`, async () => {
    // Fixed one-minute windows: a run that straddles a window boundary is retried once.
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const key = await user('limit');
      const window = Math.floor(Date.now() / 60_000);
      const results = [];
      for (let i = 0; i <= SEND_LIMIT; i += 1) {
        results.push(await gql(i % 2 === 0 ? a : b, SEND, { text: `hello number ${i}` }, key));
      }
      if (Math.floor(Date.now() / 60_000) !== window) continue;
      for (const res of results.slice(0, SEND_LIMIT)) {
        expect(res.errors, JSON.stringify(res.errors)).toBeUndefined();
      }
      const limited = results[SEND_LIMIT] as Ev;
      expect(limited.data).toEqual({ sendMessage: null });
      expect(limited.errors).toHaveLength(1);
      expect(limited.errors[0].extensions.code).toBe('RATE_LIMITED');
      expect(limited.errors[0].extensions.retryAfterSeconds).toBeGreaterThan(0);
      expect(limited.errors[0].extensions.retryAfterSeconds).toBeLessThanOrEqual(60);
      return;
    }
    throw new Error('two runs straddled a minute boundary');
  });
});
