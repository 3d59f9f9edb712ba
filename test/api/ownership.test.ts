import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  CreateSessionDocument,
  DeleteSessionDocument,
  type TypedDocumentString,
} from '../../client/generated/graphql.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import {
  TestAgents,
  TestAppendMessage,
  TestSendMessage,
  TestSessionsCount,
  TestViewer,
} from '../helpers/operations.js';
import { type Api, api, missingId, rawId } from './support.js';

/**
 * The ownership matrix: for every query and mutation that names a session (or something in
 * one), the owner succeeds, another user gets exactly what a missing id gets (NOT_FOUND), and no
 * token, a revoked key or a malformed Authorization header get UNAUTHENTICATED and change
 * nothing. `health` needs no token.
 */

interface Target {
  sessionId: string;
  key: string;
  messageId: string;
  turnId: string;
}

interface Op {
  name: string;
  query: TypedDocumentString<any, any>;
  vars: (target: Target) => Record<string, unknown>;
  /** Checks the owner's successful answer. */
  ok: (data: any, target: Target) => void;
  /** Needs a finished turn in the session. */
  withTurn?: boolean;
}

const NODE = graphql(`
  query OwnershipNode($id: ID!) {
    node(id: $id) { __typename id }
  }
`);
/** respondToApproval naming only the turn (every other argument inline). */
const RESPOND = graphql(`
  mutation OwnershipRespond($turn: ID!) {
    respondToApproval(input: { turnId: $turn, toolCallId: "c1", approved: true }) { turn { id } }
  }
`);

const ops: Op[] = [
  {
    name: 'session(id:)',
    query: graphql(`
      query OwnershipSession($id: ID) {
        session(id: $id) { id title }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => expect(d.session).toEqual({ id: x.sessionId, title: 'Owned' }),
  },
  {
    name: 'session(key:)',
    query: graphql(`
      query OwnershipSessionByKey($key: String) {
        session(key: $key) { id }
      }
    `),
    vars: (x) => ({ key: x.key }),
    ok: (d, x) => expect(d.session.id).toBe(x.sessionId),
  },
  {
    name: 'node(id:) of a Session',
    query: NODE,
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => expect(d.node).toEqual({ __typename: 'Session', id: x.sessionId }),
  },
  {
    name: 'node(id:) of a Message',
    query: NODE,
    vars: (x) => ({ id: x.messageId }),
    ok: (d, x) => expect(d.node).toEqual({ __typename: 'Message', id: x.messageId }),
  },
  {
    name: 'node(id:) of a Turn',
    query: NODE,
    withTurn: true,
    vars: (x) => ({ id: x.turnId }),
    ok: (d, x) => expect(d.node).toEqual({ __typename: 'Turn', id: x.turnId }),
  },
  {
    name: 'Session.messages',
    query: graphql(`
      query OwnershipMessages($id: ID) {
        session(id: $id) { messages { edges { node { id } } } }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => expect(d.session.messages.edges).toEqual([{ node: { id: x.messageId } }]),
  },
  {
    name: 'renameSession',
    query: graphql(`
      mutation OwnershipRename($id: ID!) {
        renameSession(input: { id: $id, title: "Renamed" }) { session { id title } }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => expect(d.renameSession.session).toEqual({ id: x.sessionId, title: 'Renamed' }),
  },
  {
    name: 'updateSession',
    query: graphql(`
      mutation OwnershipUpdate($input: UpdateSessionInput!) {
        updateSession(input: $input) { session { id title archived metadata } }
      }
    `),
    vars: (x) => ({
      input: { id: x.sessionId, title: 'Updated', archived: true, metadata: { by: 'owner' } },
    }),
    ok: (d, x) =>
      expect(d.updateSession.session).toEqual({
        id: x.sessionId,
        title: 'Updated',
        archived: true,
        metadata: { by: 'owner' },
      }),
  },
  {
    name: 'deleteSession',
    query: DeleteSessionDocument,
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => expect(d.deleteSession.deletedSessionId).toBe(x.sessionId),
  },
  {
    name: 'deleteSessions',
    query: graphql(`
      mutation OwnershipDeleteMany($ids: [ID!]!) {
        deleteSessions(input: { ids: $ids }) { deletedSessionIds }
      }
    `),
    vars: (x) => ({ ids: [x.sessionId] }),
    ok: (d, x) => expect(d.deleteSessions.deletedSessionIds).toEqual([x.sessionId]),
  },
  {
    name: 'renewSession',
    query: graphql(`
      mutation OwnershipRenew($id: ID!) {
        renewSession(input: { id: $id }) { session { id expiresAt } }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) => {
      expect(d.renewSession.session.id).toBe(x.sessionId);
      expect(new Date(d.renewSession.session.expiresAt).getTime()).toBeGreaterThan(Date.now());
    },
  },
  {
    name: 'appendMessage',
    query: graphql(`
      mutation OwnershipAppend($id: ID!) {
        appendMessage(input: { sessionId: $id, text: "appended" }) {
          message { text }
          session { id messageCount }
        }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) =>
      expect(d.appendMessage).toEqual({
        message: { text: 'appended' },
        session: { id: x.sessionId, messageCount: 2 },
      }),
  },
  {
    name: 'sendMessage',
    query: graphql(`
      mutation OwnershipSend($id: ID!) {
        sendMessage(input: { sessionId: $id, text: "hello" }) {
          session { id }
          userMessage { text }
          turn { status }
        }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d, x) =>
      expect(d.sendMessage!).toEqual({
        session: { id: x.sessionId },
        userMessage: { text: 'hello' },
        turn: { status: 'RUNNING' },
      }),
  },
  {
    name: 'stopTurn',
    query: graphql(`
      mutation OwnershipStop($id: ID!) {
        stopTurn(input: { sessionId: $id }) { turn { id } }
      }
    `),
    vars: (x) => ({ id: x.sessionId }),
    ok: (d) => expect(d.stopTurn).toEqual({ turn: null }),
  },
];

/** Authorization headers that name no valid key. */
const malformedHeaders = (key: string) => [
  'Basic YWxpY2U6c2VjcmV0',
  'Bearer',
  `Bearer ${key} extra`,
  key,
  `Token ${key}`,
  'Bearer not-a-key',
  `Bearer csk_${'A'.repeat(32)}`,
  `Bearer ${key}x`,
  `Bearer ${'x'.repeat(300)}`,
];

let t: TestApp;
let a: Api;
let alice: TestUser;
let bob: TestUser;
let revokedKey: string;

beforeAll(async () => {
  t = await startTestApp();
  a = api(t);
  alice = await t.user('alice-owner');
  bob = await t.user('bob-other');
  // A second key of the owner, revoked: the owner's own revoked key gets nothing either.
  const second = await createApiKey(t.db.prisma, alice.id, 'laptop');
  revokedKey = second.key;
  expect((await a.ok(TestViewer, {}, revokedKey)).viewer.name).toBe('alice-owner');
  await t.db.prisma.apiKey.update({
    where: { id: second.apiKey.id },
    data: { revokedAt: new Date() },
  });
});

afterAll(async () => {
  await t?.close();
});

/** Everything a failed request must leave as it was. */
async function snapshot(target: Target) {
  const id = rawId(target.sessionId);
  return {
    session: await t.db.prisma.session.findUnique({ where: { id } }),
    messages: await t.db.prisma.message.count({ where: { sessionId: id } }),
    turns: await t.db.prisma.turn.count({ where: { sessionId: id } }),
  };
}

async function ownedTarget(op: Op): Promise<Target> {
  const key = `owned-${randomUUID().slice(0, 8)}`;
  const created = await a.ok(
    CreateSessionDocument,
    { input: { title: 'Owned', key, timeout: { timeoutMinutes: 30 } } },
    alice.key,
  );
  const sessionId = created.createSession.session.id;
  let messageId: string;
  let turnId = missingId('Turn');
  if (op.withTurn) {
    const sent = await a.ok(TestSendMessage, { id: sessionId, text: 'first' }, alice.key);
    await t.app.services.runner.drain();
    messageId = sent.sendMessage!.userMessage.id;
    turnId = sent.sendMessage!.turn.id;
  } else {
    const appended = await a.ok(TestAppendMessage, { id: sessionId, text: 'first' }, alice.key);
    messageId = appended.appendMessage.message.id;
  }
  return { sessionId, key, messageId, turnId };
}

const missingTarget = (): Target => ({
  sessionId: missingId('Session'),
  key: `missing-${randomUUID().slice(0, 8)}`,
  messageId: missingId('Message'),
  turnId: missingId('Turn'),
});

describe('ownership matrix', () => {
  it.each(ops.map((op) => [op.name, op] as const))('%s', async (_name, op) => {
    const target = await ownedTarget(op);
    const before = await snapshot(target);

    // Another user: exactly the answer of an id that does not exist.
    const foreign = await a.gql(op.query, op.vars(target), bob.key);
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    const missingForOther = await a.gql(op.query, op.vars(missingTarget()), bob.key);
    const missingForOwner = await a.gql(op.query, op.vars(missingTarget()), alice.key);
    expect(foreign).toEqual(missingForOther);
    expect(foreign).toEqual(missingForOwner);

    // No credential, a revoked key, a malformed header: UNAUTHENTICATED.
    const unauthenticated = [
      await a.gql(op.query, op.vars(target), null),
      await a.gql(op.query, op.vars(target), revokedKey),
      // Two kinds of malformed header here; 'needs a valid credential' below tries them all.
      ...(await Promise.all(
        malformedHeaders(alice.key)
          .filter((_, i) => i === 0 || i === 2)
          .map((authorization) => a.raw(op.query, op.vars(target), { authorization })),
      )),
    ];
    for (const res of unauthenticated) {
      expect(
        res.errors?.map((e) => e.extensions?.code),
        JSON.stringify(res),
      ).toEqual(['UNAUTHENTICATED']);
      expect(Object.values(res.data ?? {}).every((v) => v == null)).toBe(true);
    }

    expect(await snapshot(target)).toEqual(before);

    // The owner.
    const data = await a.ok(op.query, op.vars(target), alice.key);
    op.ok(data, target);
    await t.app.services.runner.drain();
  });

  it('the owner is recognised whatever the case of the Bearer scheme', async () => {
    const res = await a.raw(TestViewer, {}, { authorization: `bearer ${alice.key}` });
    expect(res.data?.viewer.name).toBe('alice-owner');
  });
});

describe('sessions list', () => {
  it('never lists another user’s sessions, whatever the filter', async () => {
    const carol = await t.user('carol-list');
    const mine = await a.ok(
      CreateSessionDocument,
      { input: { title: 'Carol only', key: 'shared-key', metadata: { team: 'x' } } },
      carol.key,
    );
    const dave = await t.user('dave-list');
    await a.ok(
      CreateSessionDocument,
      { input: { title: 'Dave only', key: 'shared-key', metadata: { team: 'x' } } },
      dave.key,
    );
    const query = graphql(`
      query OwnershipSessionsList($filter: SessionFilter) {
        sessions(first: 100, filter: $filter) { totalCount edges { node { id title } } }
      }
    `);
    for (const filter of [
      {},
      { archived: null },
      { keyPrefix: 'shared' },
      { search: 'only' },
      { metadata: { team: 'x' } },
    ]) {
      const list = await a.ok(query, { filter }, carol.key);
      expect(list.sessions).toEqual({
        totalCount: 1,
        edges: [{ node: { id: mine.createSession.session.id, title: 'Carol only' } }],
      });
    }
    // A user with no sessions sees an empty list.
    const erin = await t.user('erin-list');
    expect((await a.ok(query, {}, erin.key)).sessions).toEqual({ totalCount: 0, edges: [] });
  });

  it('needs a valid credential', async () => {
    const query = TestSessionsCount;
    for (const token of [null, revokedKey]) {
      await a.fail(query, {}, token, 'UNAUTHENTICATED');
    }
    for (const authorization of malformedHeaders(alice.key)) {
      const res = await a.raw(query, {}, { authorization });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
  });
});

describe('authentication of the other operations', () => {
  const others: TypedDocumentString<any, any>[] = [
    TestViewer,
    TestAgents,
    graphql(`
      mutation OwnershipOtherCreate {
        createSession(input: { title: "x" }) { session { id } }
      }
    `),
    graphql(`
      mutation OwnershipOtherSend {
        sendMessage(input: { text: "new session" }) { turn { id } }
      }
    `),
    RESPOND,
    // Agents are shared by every user, but still only shown to authenticated ones.
    graphql(`
      query OwnershipAgentNode($agent: ID!) {
        node(id: $agent) { id }
      }
    `),
  ];

  it('every other operation is UNAUTHENTICATED without a valid credential and changes nothing', async () => {
    const sessionsBefore = await t.db.prisma.session.count();
    const agents = await a.ok(TestAgents, {}, alice.key);
    for (const query of others) {
      const vars = { turn: missingId('Turn'), agent: agents.agents[0]!.id };
      await a.fail(query, vars, null, 'UNAUTHENTICATED');
      await a.fail(query, vars, revokedKey, 'UNAUTHENTICATED');
      const res = await a.raw(query, vars, { authorization: 'Basic abc' });
      expect(res.errors?.map((e) => e.extensions?.code)).toEqual(['UNAUTHENTICATED']);
    }
    expect(await t.db.prisma.session.count()).toBe(sessionsBefore);
  });

  it('respondToApproval on another user’s turn is NOT_FOUND like a missing one', async () => {
    const target = await ownedTarget({ ...ops[0]!, withTurn: true });
    const foreign = await a.gql(RESPOND, { turn: target.turnId }, bob.key);
    const missing = await a.gql(RESPOND, { turn: missingId('Turn') }, bob.key);
    expect(foreign.errors?.map((e) => e.extensions?.code)).toEqual(['NOT_FOUND']);
    expect(foreign).toEqual(missing);
  });

  it('health works without a token, and with a bad one', async () => {
    const query = graphql(`
      query OwnershipHealth {
        health { status database pubsub databaseKind pubsubKind model }
      }
    `);
    const expected = {
      health: {
        status: 'OK',
        database: 'OK',
        pubsub: 'OK',
        databaseKind: t.db.url ? 'postgres' : 'pglite',
        pubsubKind: process.env.TEST_REDIS_URL ? 'redis' : 'memory',
        model: 'local',
      },
    };
    expect(await a.ok(query, {}, null)).toEqual(expected);
    expect(await a.ok(query, {}, revokedKey)).toEqual(expected);
    expect(await a.ok(query, {}, alice.key)).toEqual(expected);
    const raw = await a.raw(query, {}, { authorization: 'Basic abc' });
    expect(raw).toEqual({ data: expected });
  });
});
