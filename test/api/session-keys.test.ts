import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  CreateSessionDocument,
  DeleteSessionByKeyDocument,
  SendMessageByKeyDocument,
} from '../../client/generated/graphql.js';
import { startTestApp, type TestApp } from '../helpers/app.js';
import { routedModel, textChunks } from '../helpers/mock-model.js';
import { type Api, api } from './support.js';

/** Sessions addressed by key (seed 004): keys are unique per user, not across users. */

const BY_KEY = graphql(`
  query SessionKeysByKey($key: String!) {
    session(key: $key) { id key messageCount agent { id } }
  }
`);
const WITH_PREFIX = graphql(`
  query SessionKeysWithPrefix($prefix: String!) {
    sessions(first: 100, filter: { keyPrefix: $prefix }) { totalCount edges { node { id key } } }
  }
`);
const AGENTS = graphql(`
  query SessionKeysAgents {
    agents { id name }
  }
`);
const DELETE_RAW = graphql(`
  mutation SessionKeysDelete($id: ID, $key: String) {
    deleteSession(input: { id: $id, key: $key }) { deletedSessionId }
  }
`);
const SEND_RAW = graphql(`
  mutation SessionKeysSend($id: ID, $key: String, $text: String!) {
    sendMessage(input: { sessionId: $id, sessionKey: $key, text: $text }) { session { id } }
  }
`);

const mock = routedModel(({ userText }) => textChunks(`answer to ${userText}`));

let t: TestApp;
let a: Api;
beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  a = api(t);
});
afterAll(async () => {
  await t?.close();
});

const create = (token: string, key: string) =>
  a.ok(CreateSessionDocument, { input: { key } }, token);

describe('keys are unique per user', () => {
  it('two users may use the same key; each reaches their own session by it', async () => {
    const alice = await t.user();
    const bob = await t.user();
    const mine = await create(alice.key, 'telegram:123456789');
    const theirs = await create(bob.key, 'telegram:123456789');
    expect(mine.createSession.created).toBe(true);
    expect(theirs.createSession.created).toBe(true);
    expect(mine.createSession.session.id).not.toBe(theirs.createSession.session.id);
    const found = await a.ok(BY_KEY, { key: 'telegram:123456789' }, bob.key);
    expect(found.session?.id).toBe(theirs.createSession.session.id);
  });

  it("one user's second create with the same key is refused with CONFLICT", async () => {
    const alice = await t.user();
    await create(alice.key, 'cli:default');
    await a.fail(
      CreateSessionDocument,
      { input: { key: 'cli:default' } },
      alice.key,
      'CONFLICT',
      'key',
    );
    const listed = await a.ok(WITH_PREFIX, { prefix: 'cli:' }, alice.key);
    expect(listed.sessions.totalCount).toBe(1);
  });
});

describe('deleteSession by key', () => {
  it('deletes the session with that key, and then the key is free again', async () => {
    const alice = await t.user();
    const made = await create(alice.key, 'user:alice:planning');
    const id = made.createSession.session.id;
    const deleted = await a.ok(
      DeleteSessionByKeyDocument,
      { key: 'user:alice:planning' },
      alice.key,
    );
    expect(deleted.deleteSession.deletedSessionId).toBe(id);
    await a.fail(BY_KEY, { key: 'user:alice:planning' }, alice.key, 'NOT_FOUND');
    const again = await create(alice.key, 'user:alice:planning');
    expect(again.createSession.created).toBe(true);
    expect(again.createSession.session.id).not.toBe(id);
  });

  it("another user's key deletes nothing: NOT_FOUND, and their session stays", async () => {
    const alice = await t.user();
    const bob = await t.user();
    const bobs = await create(bob.key, 'discord:987654321');
    await a.fail(DeleteSessionByKeyDocument, { key: 'discord:987654321' }, alice.key, 'NOT_FOUND');
    const still = await a.ok(BY_KEY, { key: 'discord:987654321' }, bob.key);
    expect(still.session?.id).toBe(bobs.createSession.session.id);
  });

  it('wants exactly one of id and key, and a valid key', async () => {
    const alice = await t.user();
    const made = await create(alice.key, 'slack:U01234ABCDE');
    const id = made.createSession.session.id;
    await a.fail(DELETE_RAW, {}, alice.key, 'BAD_USER_INPUT');
    await a.fail(DELETE_RAW, { id, key: 'slack:U01234ABCDE' }, alice.key, 'BAD_USER_INPUT');
    await a.fail(DELETE_RAW, { key: 'has spaces' }, alice.key, 'BAD_USER_INPUT', 'key');
    await a.fail(DELETE_RAW, { key: 'k'.repeat(129) }, alice.key, 'BAD_USER_INPUT', 'key');
    // Nothing was deleted by the refused calls; by id still works.
    expect((await a.ok(BY_KEY, { key: 'slack:U01234ABCDE' }, alice.key)).session?.id).toBe(id);
    const deleted = await a.ok(DELETE_RAW, { id }, alice.key);
    expect(deleted.deleteSession.deletedSessionId).toBe(id);
  });
});

describe('sendMessage with sessionKey', () => {
  it('creates the session on the first send and sends to it afterwards', async () => {
    const alice = await t.user();
    const first = await a.ok(
      SendMessageByKeyDocument,
      { sessionKey: 'api:a3f9c2e8b1d4', text: 'hello' },
      alice.key,
    );
    const session = first.sendMessage?.session;
    expect(session?.key).toBe('api:a3f9c2e8b1d4');
    expect(first.sendMessage?.turn.status).toBe('RUNNING');
    await waitIdle(alice.key, 'api:a3f9c2e8b1d4');

    const second = await a.ok(
      SendMessageByKeyDocument,
      { sessionKey: 'api:a3f9c2e8b1d4', text: 'hello again' },
      alice.key,
    );
    expect(second.sendMessage?.session.id).toBe(session?.id);
    await waitIdle(alice.key, 'api:a3f9c2e8b1d4');
    const found = await a.ok(BY_KEY, { key: 'api:a3f9c2e8b1d4' }, alice.key);
    expect(found.session?.messageCount).toBe(4);
    expect(mock.callsFor('hello again')).toHaveLength(1);
  });

  it('a new keyed session gets the agent agentId names', async () => {
    const alice = await t.user();
    const { agents } = await a.ok(AGENTS, {}, alice.key);
    const general = agents.find((x) => x.name === 'General assistant');
    expect(general).toBeDefined();
    const sent = await a.ok(
      SendMessageByKeyDocument,
      { sessionKey: 'agent:general', text: 'hi', agentId: general?.id },
      alice.key,
    );
    expect(sent.sendMessage?.session.agent.id).toBe(general?.id);
    await waitIdle(alice.key, 'agent:general');
  });

  it("two users' sends with the same key go to two sessions", async () => {
    const alice = await t.user();
    const bob = await t.user();
    const send = (token: string) =>
      a.ok(SendMessageByKeyDocument, { sessionKey: 'shared:name', text: 'mine' }, token);
    const [mine, theirs] = await Promise.all([send(alice.key), send(bob.key)]);
    expect(mine.sendMessage?.session.id).not.toBe(theirs.sendMessage?.session.id);
    await waitIdle(alice.key, 'shared:name');
    await waitIdle(bob.key, 'shared:name');
  });

  it('concurrent first sends with the same new key end with one session', async () => {
    const alice = await t.user();
    const sends = Array.from({ length: 5 }, (_, i) =>
      a.ok(
        SendMessageByKeyDocument,
        { sessionKey: 'race:new-key', text: `racing ${i}`, ifBusy: 'ENQUEUE' },
        alice.key,
      ),
    );
    const results = await Promise.all(sends);
    const ids = new Set(results.map((r) => r.sendMessage?.session.id));
    expect(ids.size).toBe(1);
    const listed = await a.ok(WITH_PREFIX, { prefix: 'race:' }, alice.key);
    expect(listed.sessions.totalCount).toBe(1);
    expect(listed.sessions.edges[0]?.node.id).toBe([...ids][0]);
    await waitIdle(alice.key, 'race:new-key', 10);
  });

  it('refuses sessionId and sessionKey together, and a malformed key', async () => {
    const alice = await t.user();
    const made = await create(alice.key, 'both:given');
    const id = made.createSession.session.id;
    await a.fail(
      SEND_RAW,
      { id, key: 'both:given', text: 'x' },
      alice.key,
      'BAD_USER_INPUT',
      'sessionKey',
    );
    await a.fail(
      SEND_RAW,
      { key: 'no spaces allowed', text: 'x' },
      alice.key,
      'BAD_USER_INPUT',
      'sessionKey',
    );
    await a.fail(SEND_RAW, { key: '', text: 'x' }, alice.key, 'BAD_USER_INPUT', 'sessionKey');
    // Nothing was created or sent.
    const listed = await a.ok(WITH_PREFIX, { prefix: 'no' }, alice.key);
    expect(listed.sessions.totalCount).toBe(0);
    expect((await a.ok(BY_KEY, { key: 'both:given' }, alice.key)).session?.messageCount).toBe(0);
  });
});

/** Waits until the keyed session holds `messages` messages (its turns have ended). */
async function waitIdle(token: string, key: string, messages = 0) {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { session } = await a.ok(SESSION_STATE, { key }, token);
    const done = session?.state === 'IDLE' && session.messageCount >= messages;
    if (done) return;
    if (Date.now() > deadline) throw new Error(`session ${key} still busy`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const SESSION_STATE = graphql(`
  query SessionKeysState($key: String!) {
    session(key: $key) { id state messageCount }
  }
`);
