import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, api, missingId } from '../api/support.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import type { Ev } from '../helpers/events.js';
import {
  answerChunks,
  CONV_EDIT,
  CONV_FORK,
  CONV_MESSAGE,
  CONV_REGENERATE,
  CONV_SEND,
  CONV_STOP,
  CONV_SWITCH,
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
  turnOf,
} from './support.js';

/**
 * Branches: editMessage and regenerate keep every version as siblings and answer on a new
 * branch, switchBranch and forkSession, the events that say so, and what the model reads.
 */

/** hold(text): the answer to `text` stops after its first two words until the gate opens. */
const { hold, reply, openAll } = holdable();

/** "answer <n> to <question>": n counts the model calls for that question (1 for the first). */
const mock = convModel(({ userText }) => {
  const n = mock.callsFor(userText).length;
  const chunks = answerChunks(`answer ${n} to ${userText}`);
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

const ids = (messages: { id: string }[]) => messages.map((m) => m.id);
const user = (text: string) => ({ role: 'user', text });
const assistant = (text: string) => ({ role: 'assistant', text });
/** The conversation the model read for the n-th call about `text` (0: the first). */
const promptFor = (text: string, n = 0) => mock.callsFor(text)[n]?.prompt;

/** A session of a new user with two exchanges: Q1 → A1 → Q2 → A2. */
async function twoExchanges(prefix: string) {
  const alice = await t.user();
  const id = await newSession(a, alice.key);
  const q1 = `${prefix}: first question`;
  const q2 = `${prefix}: second question`;
  const first = await exchange(t, a, alice.key, id, q1);
  const second = await exchange(t, a, alice.key, id, q2);
  return { key: alice.key, id, q1, q2, first, second };
}

async function edit(key: string, id: string, messageId: string, text: string) {
  let sent: any;
  const run = await turnOf(t, key, id, async () => {
    sent = (await a.ok(CONV_EDIT, { messageId, text }, key)).editMessage;
    return sent.turn.id;
  });
  expect(run.end.__typename).toBe('TurnFinished');
  return { ...run, sent, question: sent.userMessage.id as string, answer: run.end.message.id };
}

async function regenerate(key: string, id: string, messageId: string) {
  let sent: any;
  const run = await turnOf(t, key, id, async () => {
    sent = (await a.ok(CONV_REGENERATE, { messageId }, key)).regenerate;
    return sent.turn.id;
  });
  expect(run.end.__typename).toBe('TurnFinished');
  return { ...run, sent, answer: run.end.message.id as string };
}

const switchTo = async (key: string, messageId: string) =>
  (await a.ok(CONV_SWITCH, { messageId }, key)).switchBranch.session;

describe('editMessage', () => {
  it('stores a USER sibling, answers it on a new branch, and that branch becomes the conversation', async () => {
    const { key, id, q1, q2, first, second } = await twoExchanges('edit');
    const reworded = 'edit: second question, reworded';
    const e = await edit(key, id, second.question, reworded);

    expect(e.sent.userMessage).toEqual({
      id: e.question,
      role: 'USER',
      text: reworded,
      parentId: first.answer,
    });
    expect(e.sent.turn).toMatchObject({ status: 'RUNNING', userMessage: { id: e.question } });
    expect(e.end.turn.status).toBe('COMPLETED');
    expect(e.end.message).toMatchObject({
      role: 'ASSISTANT',
      text: `answer 1 to ${reworded}`,
      parentId: e.question,
    });

    const s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([first.question, first.answer, e.question, e.answer]);
    expect(s.branch.map((m) => m.text)).toEqual([
      q1,
      first.text,
      reworded,
      `answer 1 to ${reworded}`,
    ]);
    expect(s.messageCount).toBe(4);
    expect(s.lastMessage).toEqual({ id: e.answer, role: 'ASSISTANT', text: e.end.message.text });
    expect(s.state).toBe('IDLE');
    expect(s.branch.map((m) => m.parentId)).toEqual([
      null,
      first.question,
      first.answer,
      e.question,
    ]);
    // The original question is kept as the older alternative at its place.
    expect(ids(s.branch[2]?.siblings ?? [])).toEqual([second.question, e.question]);
    expect(s.branch[2]?.siblings[0]).toMatchObject({ role: 'USER', text: q2 });
    expect(ids(s.branch[3]?.siblings ?? [])).toEqual([e.answer]);
    expect(ids(s.branch[0]?.siblings ?? [])).toEqual([first.question]);
    expect(ids(s.branch[1]?.siblings ?? [])).toEqual([first.answer]);
    // The old branch still exists (switchBranch can go back to it).
    const old = await a.ok(CONV_MESSAGE, { id: second.answer }, key);
    expect(old.node).toMatchObject({ id: second.answer, text: second.text });

    // The model read the new branch only: not the question it replaces, nor that answer.
    expect(mock.callsFor(reworded)).toHaveLength(1);
    expect(promptFor(reworded)).toEqual([user(q1), assistant(first.text), user(reworded)]);
  });

  it('edits the first message: the new branch starts at the root', async () => {
    const { key, id, q1, first } = await twoExchanges('root edit');
    const reworded = 'root edit: a better first question';
    const e = await edit(key, id, first.question, reworded);
    expect(e.sent.userMessage.parentId).toBeNull();

    const s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([e.question, e.answer]);
    expect(s.messageCount).toBe(2);
    expect(s.lastMessage?.id).toBe(e.answer);
    expect(ids(s.branch[0]?.siblings ?? [])).toEqual([first.question, e.question]);
    expect(s.branch[0]?.siblings[0]?.text).toBe(q1);
    expect(promptFor(reworded)).toEqual([user(reworded)]);
  });

  it('announces the new branch (BranchSwitched) right before the turn that answers it', async () => {
    const { key, id, first } = await twoExchanges('edit events');
    const from = (await loadSession(a, key, id)).lastEventSeq;
    const f = feed(t.ws(key), id, from);
    const e = await edit(key, id, first.question, 'edit events: again');
    const events = await f.waitFor(ended(e.turnId));
    f.stop();
    const switched = indexOf(events, 'BranchSwitched');
    const started = indexOf(events, 'TurnStarted', e.turnId);
    expect(switched).toBeGreaterThanOrEqual(0);
    expect(events[switched]?.leafMessageId).toBe(e.question);
    expect(started).toBe(switched + 1);
    expect(events[started]?.seq).toBe((events[switched]?.seq as number) + 1);
    expect(events[started]?.userMessage).toMatchObject({
      id: e.question,
      text: 'edit events: again',
      parentId: null,
    });
    expectExactSeqs(events, from + 1);
  });
});

describe('regenerate', () => {
  it('answers the same question again as a new ASSISTANT sibling, without repeating the question', async () => {
    const { key, id, q1, q2, first, second } = await twoExchanges('regen');
    const r = await regenerate(key, id, second.answer);
    expect(r.sent.turn).toMatchObject({
      status: 'RUNNING',
      userMessage: { id: second.question, role: 'USER', text: q2 },
    });
    expect(r.end.message).toMatchObject({
      role: 'ASSISTANT',
      text: `answer 2 to ${q2}`,
      parentId: second.question,
    });

    const s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([first.question, first.answer, second.question, r.answer]);
    expect(s.messageCount).toBe(4);
    expect(s.lastMessage?.id).toBe(r.answer);
    expect(s.branch.filter((m) => m.text === q2)).toHaveLength(1);
    expect(ids(s.branch[3]?.siblings ?? [])).toEqual([second.answer, r.answer]);
    expect(ids(s.branch[2]?.siblings ?? [])).toEqual([second.question]);

    // The model got the question once, and not the answer being replaced.
    expect(promptFor(q2, 1)).toEqual([user(q1), assistant(first.text), user(q2)]);

    const switched = indexOf(r.events, 'BranchSwitched');
    expect(switched).toBeGreaterThanOrEqual(0);
    expect(r.events[switched + 1]).toMatchObject({
      __typename: 'TurnStarted',
      turnId: r.turnId,
      userMessage: { id: second.question },
    });
  });

  it('regenerates an earlier answer: the branch ends there', async () => {
    const { key, id, q1, first } = await twoExchanges('early regen');
    const r = await regenerate(key, id, first.answer);
    const s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([first.question, r.answer]);
    expect(s.messageCount).toBe(2);
    expect(s.branch[1]?.text).toBe(`answer 2 to ${q1}`);
    expect(ids(s.branch[1]?.siblings ?? [])).toEqual([first.answer, r.answer]);
    expect(promptFor(q1, 1)).toEqual([user(q1)]);
  });
});

describe('switchBranch', () => {
  it('goes back and forth between branches, to the newest leaf under the message', async () => {
    const { key, id, q1, q2, first, second } = await twoExchanges('switch');
    const regen = await regenerate(key, id, second.answer); // Q2 now has answers A2, A2b
    const e = await edit(key, id, first.question, 'switch: other start'); // Q1e → A1e
    const start = (await loadSession(a, key, id)).lastEventSeq;
    const f = feed(t.ws(key), id, start);

    // To an older answer: exactly the branch through it.
    let session = await switchTo(key, second.answer);
    expect(session.messageCount).toBe(4);
    expect(session.lastMessage?.id).toBe(second.answer);
    let s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([first.question, first.answer, second.question, second.answer]);
    expect(s.branch[3]?.text).toBe(`answer 1 to ${q2}`);

    // Through the first question: down to the newest leaf below it (the regenerated answer).
    session = await switchTo(key, first.question);
    expect(session.lastMessage?.id).toBe(regen.answer);
    s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([first.question, first.answer, second.question, regen.answer]);

    // And back to the edited branch.
    session = await switchTo(key, e.question);
    expect(session).toMatchObject({ messageCount: 2, lastMessage: { id: e.answer } });
    s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([e.question, e.answer]);
    expect(ids(s.branch[0]?.siblings ?? [])).toEqual([first.question, e.question]);

    const events = await f.waitFor(countOf('BranchSwitched', 3));
    f.stop();
    expectExactSeqs(events, start + 1);
    const switches = events.filter((x) => x.__typename === 'BranchSwitched');
    expect(switches.map((x) => x.leafMessageId)).toEqual([second.answer, regen.answer, e.answer]);
    expect(events.map((x) => x.__typename)).not.toContain('TurnStarted');

    // A message sent now continues the active branch, and the model reads that branch only.
    await switchTo(key, second.answer);
    const q3 = 'switch: third question';
    const third = await exchange(t, a, key, id, q3);
    s = await loadSession(a, key, id);
    expect(ids(s.branch)).toEqual([
      first.question,
      first.answer,
      second.question,
      second.answer,
      third.question,
      third.answer,
    ]);
    expect(s.branch[4]?.parentId).toBe(second.answer);
    expect(promptFor(q3)).toEqual([
      user(q1),
      assistant(first.text),
      user(q2),
      assistant(second.text),
      user(q3),
    ]);

    // The newest leaf under Q1 is now the third answer, below the older of Q2's two answers (the
    // newest child at each step would have led to the regenerated answer instead).
    session = await switchTo(key, first.question);
    expect(session.lastMessage?.id).toBe(third.answer);
    s = await loadSession(a, key, id);
    expect(ids(s.branch).at(-1)).toBe(third.answer);
    expect(s.branch[3]?.id).toBe(second.answer);
  });
});

describe('forkSession', () => {
  it('makes a new session holding the path up to a message; the original is unchanged', async () => {
    const { key, id, q1, q2, first, second } = await twoExchanges('fork');
    const before = await loadSession(a, key, id);

    const fork = (await a.ok(CONV_FORK, { messageId: first.answer, title: 'My fork' }, key))
      .forkSession.session;
    expect(fork.id).not.toBe(id);
    expect(fork).toMatchObject({ title: 'My fork', messageCount: 2 });
    const f = await loadSession(a, key, fork.id);
    expect(f.branch.map((m) => [m.role, m.text])).toEqual([
      ['USER', q1],
      ['ASSISTANT', first.text],
    ]);
    expect(ids(f.branch)).not.toContain(first.question);
    expect(ids(f.branch)).not.toContain(first.answer);
    expect(f.branch.map((m) => m.parentId)).toEqual([null, f.branch[0]?.id]);
    expect(f.lastMessage?.id).toBe(f.branch[1]?.id);
    for (const m of f.branch) expect(ids(m.siblings)).toEqual([m.id]);

    const after = await loadSession(a, key, id);
    expect(ids(after.branch)).toEqual(ids(before.branch));
    expect(after.messageCount).toBe(4);

    // The fork goes on on its own: its model reads the fork's conversation.
    const q = 'fork: a question in the fork';
    const next = await exchange(t, a, key, fork.id, q);
    expect(promptFor(q)).toEqual([user(q1), assistant(first.text), user(q)]);
    expect(ids((await loadSession(a, key, id)).branch)).toEqual(ids(before.branch));

    // Up to a user message, without a title: the original's title, "(fork)" added.
    const untitled = (await a.ok(CONV_FORK, { messageId: second.question }, key)).forkSession
      .session;
    expect(untitled.title).toMatch(/\(fork\)$/);
    const u = await loadSession(a, key, untitled.id);
    expect(u.branch.map((m) => m.text)).toEqual([q1, first.text, q2]);
    expect(next.answer).toBeTruthy();
  });
});

describe('events after a reconnect', () => {
  it('resuming with afterSeq gives the rest of an edit turn: no gap, nothing twice', async () => {
    const { key, id, first } = await twoExchanges('replay');
    const text = 'replay: edited question';
    const g = hold(text);
    const from = (await loadSession(a, key, id)).lastEventSeq;
    const client = t.ws(key);
    const f1 = feed(client, id, from);

    const sent = (await a.ok(CONV_EDIT, { messageId: first.question, text }, key)).editMessage;
    const turnId = sent.turn.id;
    const seen = [...(await f1.waitFor(countOf('TextDelta', 2)))];
    await client.dispose();
    g.open();
    // The rest of the turn happens while nobody listens.
    await expect
      .poll(async () => (await loadSession(a, key, id)).state, { timeout: 15_000 })
      .toBe('IDLE');

    const last = seen.at(-1)?.seq as number;
    const f2 = feed(t.ws(key), id, last);
    const rest = await f2.waitFor(ended(turnId));
    f2.stop();
    expect(f1.errors).toEqual([]);
    expect(f2.errors).toEqual([]);
    expect(rest[0]?.seq).toBe(last + 1);
    const all = [...seen, ...rest];
    expectExactSeqs(all, from + 1);
    expect(all.slice(0, 2).map((e) => e.__typename)).toEqual(['BranchSwitched', 'TurnStarted']);
    const end = endOf(all, turnId) as Ev;
    expect(end.__typename).toBe('TurnFinished');
    expect(textOf(all, turnId)).toBe(end.message.text);
    expect(end.message.text).toBe(`answer 1 to ${text}`);

    // Replayed again from the same point, it is the same sequence.
    const f3 = feed(t.ws(key), id, from);
    const replay = await f3.waitFor(ended(turnId));
    f3.stop();
    expect(replay.map((e) => [e.seq, e.__typename])).toEqual(all.map((e) => [e.seq, e.__typename]));
  });
});

describe('refused', () => {
  it('editMessage takes a USER message, regenerate an ASSISTANT one: BAD_USER_INPUT on messageId', async () => {
    const { key, id, first } = await twoExchanges('wrong role');
    const calls = mock.calls.length;
    const before = await loadSession(a, key, id);
    const edit = await a.fail(
      CONV_EDIT,
      { messageId: first.answer, text: 'rewrite the answer' },
      key,
      'BAD_USER_INPUT',
      'messageId',
    );
    expect(edit.message).toMatch(/USER/);
    await a.fail(
      CONV_REGENERATE,
      { messageId: first.question },
      key,
      'BAD_USER_INPUT',
      'messageId',
    );
    const after = await loadSession(a, key, id);
    expect(after.branch).toEqual(before.branch);
    expect(after.lastEventSeq).toBe(before.lastEventSeq);
    expect(mock.calls.length).toBe(calls);
  });

  it("another user's message answers NOT_FOUND, like a missing one", async () => {
    const { key, id, first } = await twoExchanges('owner');
    const bob = await t.user();
    const before = await loadSession(a, key, id);
    for (const messageId of [first.question, missingId('Message')]) {
      await a.fail(CONV_EDIT, { messageId, text: 'mine now' }, bob.key, 'NOT_FOUND');
      await a.fail(CONV_SWITCH, { messageId }, bob.key, 'NOT_FOUND');
      await a.fail(CONV_FORK, { messageId }, bob.key, 'NOT_FOUND');
    }
    for (const messageId of [first.answer, missingId('Message')]) {
      await a.fail(CONV_REGENERATE, { messageId }, bob.key, 'NOT_FOUND');
    }
    const after = await loadSession(a, key, id);
    expect(after.branch).toEqual(before.branch);
    expect(after.lastEventSeq).toBe(before.lastEventSeq);
  });

  it('editMessage, regenerate and switchBranch are CONFLICT while a turn runs', async () => {
    const { key, id, first } = await twoExchanges('busy');
    const text = 'busy: a long one';
    const g = hold(text);
    const f = feed(t.ws(key), id, (await loadSession(a, key, id)).lastEventSeq);
    const sent = (await a.ok(CONV_SEND, { id, text }, key)).sendMessage;
    await f.waitFor(countOf('TextDelta', 2));

    await a.fail(CONV_EDIT, { messageId: first.question, text: 'no' }, key, 'CONFLICT');
    await a.fail(CONV_REGENERATE, { messageId: first.answer }, key, 'CONFLICT');
    await a.fail(CONV_SWITCH, { messageId: first.question }, key, 'CONFLICT');
    const stopped = await a.ok(CONV_STOP, { id }, key);
    expect(stopped.stopTurn.turn?.status).toBe('CANCELLED');
    g.open();

    const events = await f.waitFor(ended(sent?.turn.id as string));
    f.stop();
    expect(events.map((e) => e.__typename)).not.toContain('BranchSwitched');
    const s = await loadSession(a, key, id);
    expect(s.branch).toHaveLength(6);
    for (const m of s.branch) expect(ids(m.siblings)).toEqual([m.id]);
    expect(mock.callsFor('no')).toHaveLength(0);
  });
});
