import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { type Api, api } from '../api/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { toolCallChunks } from '../helpers/mock-model.js';
import {
  answerChunks,
  CONV_EDIT,
  CONV_REGENERATE,
  CONV_SEND,
  CONV_TURN,
  convModel,
  countOf,
  ended,
  endOf,
  exchange,
  feed,
  gate,
  indexOf,
  loadSession,
  newSession,
} from './support.js';

/** Session.usage and Query.usage summed from the turns, and the daily token quota. */

const QUOTA = 1000;

const USAGE = graphql(`
  query ConvUsage($since: DateTime, $until: DateTime) {
    usage(since: $since, until: $until) { inputTokens outputTokens totalTokens turns }
  }
`);
const COUNT = graphql(`
  query ConvUsageSessionCount {
    sessions(first: 1) { totalCount }
  }
`);

const FIND = 'usage: find me shoes';
/** The answer to SPEND_SLOWLY stops after two words until this opens. */
const SPEND_SLOWLY = 'spend it all, slowly';
const slow = gate();
const mock = convModel(({ userText, step }) => {
  if (userText === SPEND_SLOWLY) {
    return { chunks: answerChunks('That was expensive', 600, 500), holdAt: 4, gate: slow.opened };
  }
  if (userText === FIND) {
    // Two model calls: 12 + 5, then 30 + 4 tokens.
    return step === 0
      ? toolCallChunks('searchProducts', { query: 'shoes' }, 'call-usage')
      : answerChunks('Here are four shoes', 30, 4);
  }
  if (userText.startsWith('spend')) return answerChunks('That was expensive', 600, 500);
  const [, input, output] = /(\d+) in (\d+) out/.exec(userText) ?? [];
  return answerChunks(`answer to ${userText}`, Number(input ?? 10), Number(output ?? 3));
});

let t: TestApp;
let a: Api;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model, env: { QUOTA_TOKENS_PER_DAY: String(QUOTA) } });
  a = api(t);
});
afterAll(async () => {
  slow.open();
  await t?.close();
});

const sum = (inputTokens: number, outputTokens: number, turns: number) => ({
  inputTokens,
  outputTokens,
  totalTokens: inputTokens + outputTokens,
  turns,
});

async function turn(key: string, turnId: string) {
  const node = (await a.ok(CONV_TURN, { id: turnId }, key)).node;
  if (node?.__typename !== 'Turn') throw new Error(`not a turn: ${turnId}`);
  return node;
}

describe('usage', () => {
  it("Session.usage sums its turns' tokens, tool steps included", async () => {
    const alice = await t.user();
    const id = await newSession(a, alice.key);
    expect((await loadSession(a, alice.key, id)).usage).toEqual(sum(0, 0, 0));

    const one = await exchange(t, a, alice.key, id, 'usage: 20 in 7 out');
    expect((await turn(alice.key, one.turnId)).usage).toEqual({
      inputTokens: 20,
      outputTokens: 7,
      totalTokens: 27,
    });
    const two = await exchange(t, a, alice.key, id, FIND);
    expect((await turn(alice.key, two.turnId)).usage).toEqual({
      inputTokens: 42,
      outputTokens: 9,
      totalTokens: 51,
    });
    expect((await loadSession(a, alice.key, id)).usage).toEqual(sum(62, 16, 2));

    // Another session's turns count there, not here.
    const other = await newSession(a, alice.key);
    await exchange(t, a, alice.key, other, 'usage: 5 in 5 out');
    expect((await loadSession(a, alice.key, id)).usage).toEqual(sum(62, 16, 2));
    expect((await loadSession(a, alice.key, other)).usage).toEqual(sum(5, 5, 1));
  });

  it("Query.usage sums the viewer's turns started in [since, until)", async () => {
    const alice = await t.user();
    const bob = await t.user();
    const empty = await a.ok(USAGE, {}, alice.key);
    expect(empty.usage).toEqual(sum(0, 0, 0));

    const s1 = await newSession(a, alice.key);
    const s2 = await newSession(a, alice.key);
    const first = await exchange(t, a, alice.key, s1, 'range: 10 in 1 out');
    const second = await exchange(t, a, alice.key, s2, 'range: 20 in 2 out');
    const third = await exchange(t, a, alice.key, s1, 'range: 40 in 4 out');
    await exchange(t, a, bob.key, await newSession(a, bob.key), 'range: 80 in 8 out');

    const all = await a.ok(USAGE, {}, alice.key);
    expect(all.usage).toEqual(sum(70, 7, 3));
    const startedAt = async (turnId: string) => (await turn(alice.key, turnId)).startedAt;
    const [t1, t2, t3] = [
      await startedAt(first.turnId),
      await startedAt(second.turnId),
      await startedAt(third.turnId),
    ];
    expect((await a.ok(USAGE, { since: t2 }, alice.key)).usage).toEqual(sum(60, 6, 2));
    expect((await a.ok(USAGE, { until: t2 }, alice.key)).usage).toEqual(sum(10, 1, 1));
    expect((await a.ok(USAGE, { since: t1, until: t3 }, alice.key)).usage).toEqual(sum(30, 3, 2));
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await a.ok(USAGE, { since: future }, alice.key)).usage).toEqual(sum(0, 0, 0));
    expect((await a.ok(USAGE, {}, bob.key)).usage).toEqual(sum(80, 8, 1));
  });
});

describe(`QUOTA_TOKENS_PER_DAY (${QUOTA})`, () => {
  it('refuses new turns once the day is spent, before any model call, storing nothing', async () => {
    const carol = await t.user();
    const id = await newSession(a, carol.key);
    const spent = await exchange(t, a, carol.key, id, 'spend a lot');
    const before = await loadSession(a, carol.key, id);
    expect(before.usage.totalTokens).toBeGreaterThanOrEqual(QUOTA);
    const sessions = (await a.ok(COUNT, {}, carol.key)).sessions.totalCount;
    const calls = mock.calls.length;

    const midnight = (d: Date) =>
      new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() + 1)).toISOString();
    const nextMidnights = [midnight(new Date())];
    const refusals = [
      await a.gql(CONV_SEND, { id, text: 'spend more' }, carol.key),
      await a.gql(CONV_SEND, { text: 'spend in a new session' }, carol.key),
      await a.gql(CONV_EDIT, { messageId: spent.question, text: 'spend differently' }, carol.key),
      await a.gql(CONV_REGENERATE, { messageId: spent.answer }, carol.key),
    ];
    nextMidnights.push(midnight(new Date()));
    for (const res of refusals) {
      expect(res.errors, JSON.stringify(res)).toHaveLength(1);
      const error = res.errors?.[0];
      expect(error?.extensions?.code).toBe('QUOTA_EXCEEDED');
      expect(nextMidnights).toContain(error?.extensions?.resetsAt);
    }
    expect(refusals[0]?.data).toEqual({ sendMessage: null });

    expect(mock.calls.length).toBe(calls);
    const after = await loadSession(a, carol.key, id);
    expect(after.branch).toEqual(before.branch);
    expect(after.messageCount).toBe(before.messageCount);
    expect(after.lastEventSeq).toBe(before.lastEventSeq);
    expect(after.usage).toEqual(before.usage);
    expect((await a.ok(COUNT, {}, carol.key)).sessions.totalCount).toBe(sessions);

    // The quota is each user's own.
    const dave = await t.user();
    const res = await a.ok(CONV_SEND, { text: 'usage: 1 in 1 out' }, dave.key);
    expect(res.sendMessage?.turn.status).toBe('RUNNING');
  });

  it('a message queued while the quota gets spent is not answered: its turn fails with QUOTA_EXCEEDED', async () => {
    const frank = await t.user();
    const id = await newSession(a, frank.key);
    const f = feed(t.ws(frank.key), id);
    const running = (await a.ok(CONV_SEND, { id, text: SPEND_SLOWLY }, frank.key)).sendMessage;
    await f.waitFor(countOf('TextDelta', 2));
    const text = 'usage: queued behind the spending';
    const queued = (await a.ok(CONV_SEND, { id, text, ifBusy: 'ENQUEUE' }, frank.key)).sendMessage;
    expect(queued?.turn.status).toBe('QUEUED');
    const turnId = queued?.turn.id as string;
    slow.open();

    const events = await f.waitFor(ended(turnId));
    f.stop();
    expect(endOf(events, running?.turn.id as string)?.__typename).toBe('TurnFinished');
    expect(mock.callsFor(text)).toHaveLength(0);
    expect(endOf(events, turnId)).toMatchObject({
      __typename: 'TurnFailed',
      turn: { status: 'FAILED' },
      error: { code: 'QUOTA_EXCEEDED' },
    });
    expect(indexOf(events, 'TextDelta', turnId)).toBe(-1);
    const s = await loadSession(a, frank.key, id);
    expect(s.state).toBe('IDLE');
    expect(s.usage.turns).toBe(1);
  });

  it('lets turns run while the day is below the quota', async () => {
    const erin = await t.user();
    const id = await newSession(a, erin.key);
    await exchange(t, a, erin.key, id, 'usage: 400 in 100 out');
    await exchange(t, a, erin.key, id, 'usage: 400 in 99 out');
    expect((await loadSession(a, erin.key, id)).usage.totalTokens).toBe(999);
    const last = await exchange(t, a, erin.key, id, 'usage: 1 in 1 out');
    expect(last.answer).toBeTruthy();
    await a.fail(CONV_SEND, { id, text: 'one more' }, erin.key, 'QUOTA_EXCEEDED');
  });
});
