import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import {
  type CreateSessionInput,
  DeleteSessionDocument as DELETE,
} from '../../client/generated/graphql.js';
import { createApiKey } from '../../src/auth/api-keys.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import {
  TestAgents,
  TestAppendMessage,
  TestSendMessage,
  TestViewer,
} from '../helpers/operations.js';
import { type Api, api, gid, missingId, rawId, sleep } from './support.js';

/**
 * Every session mutation's happy path and each of its errors: createSession, renameSession,
 * updateSession, deleteSession, deleteSessions, renewSession.
 */

graphql(`
  fragment MutationsSessionFields on Session {
    id key title metadata archived state messageCount createdAt updatedAt expiresAt
    agent { id isDefault }
    lastMessage { id }
    timeout { timeoutMinutes autoRenew maxDurationMinutes warningThresholdMinutes }
  }
`);

const CREATE = graphql(`
  mutation MutationsCreate($input: CreateSessionInput!) {
    createSession(input: $input) { created session { ...MutationsSessionFields } }
  }
`);
const RENAME = graphql(`
  mutation MutationsRename($id: ID!, $title: String!) {
    renameSession(input: { id: $id, title: $title }) { session { ...MutationsSessionFields } }
  }
`);
const UPDATE = graphql(`
  mutation MutationsUpdate($input: UpdateSessionInput!) {
    updateSession(input: $input) { session { ...MutationsSessionFields } }
  }
`);
const DELETE_MANY = graphql(`
  mutation MutationsDeleteMany($ids: [ID!]!) {
    deleteSessions(input: { ids: $ids }) { deletedSessionIds }
  }
`);
const RENEW = graphql(`
  mutation MutationsRenew($id: ID!) {
    renewSession(input: { id: $id }) { session { ...MutationsSessionFields } }
  }
`);
const GET = graphql(`
  query MutationsGet($id: ID!) {
    session(id: $id) { ...MutationsSessionFields }
  }
`);
const COUNT = graphql(`
  query MutationsCount {
    sessions(filter: { archived: null }) { totalCount }
  }
`);
const BY_KEY = graphql(`
  query MutationsByKey {
    session(key: "dup") { id title }
  }
`);
const LISTED = graphql(`
  query MutationsListed {
    sessions(first: 100) { edges { node { id } } }
  }
`);

let t: TestApp;
let a: Api;
let alice: TestUser;
let bob: TestUser;
let defaultAgent: string;
let general: string;

const MINUTE = 60_000;
const ms = (iso: string | null) => new Date(iso as string).getTime();

async function create(input: CreateSessionInput, user: TestUser = alice) {
  const data = await a.ok(CREATE, { input }, user.key);
  return data.createSession;
}
const count = async (user: TestUser = alice) =>
  (await a.ok(COUNT, {}, user.key)).sessions.totalCount as number;
const exists = async (id: string) =>
  (await t.db.prisma.session.count({ where: { id: rawId(id) } })) === 1;

beforeAll(async () => {
  t = await startTestApp();
  a = api(t);
  alice = await t.user('alice-mutations');
  bob = await t.user('bob-mutations');
  const agents = await a.ok(TestAgents, {}, alice.key);
  defaultAgent = agents.agents[0]!.id;
  expect(agents.agents[0]!.isDefault).toBe(true);
  general = agents.agents[1]!.id;
});

afterAll(async () => {
  await t?.close();
});

describe('createSession', () => {
  it('creates a session with every input field', async () => {
    const metadata = {
      project: 'apollo',
      nested: { tags: ['a', 'b'], n: 1.5, ok: true, none: null },
    };
    const { created, session } = await create({
      title: '  Trip planning ',
      key: 'trip:2025.summer@home-1_a',
      agentId: general,
      metadata,
      timeout: { timeoutMinutes: 30, maxDurationMinutes: 120, warningThresholdMinutes: 5 },
    });
    expect(created).toBe(true);
    expect(session).toMatchObject({
      key: 'trip:2025.summer@home-1_a',
      title: 'Trip planning',
      metadata,
      archived: false,
      state: 'IDLE',
      messageCount: 0,
      lastMessage: null,
      agent: { id: general, isDefault: false },
      timeout: {
        timeoutMinutes: 30,
        autoRenew: true,
        maxDurationMinutes: 120,
        warningThresholdMinutes: 5,
      },
    });
    expect(session.id).toMatch(/^[A-Za-z0-9+/=]+$/);
    expect(session.updatedAt).toBe(session.createdAt);
    expect(ms(session.expiresAt) - ms(session.createdAt)).toBe(30 * MINUTE);
    expect(Math.abs(ms(session.createdAt) - Date.now())).toBeLessThan(10_000);
    // What the mutation returned is what is stored.
    expect((await a.ok(GET, { id: session.id }, alice.key)).session).toEqual(session);
  });

  it('uses the defaults: no title, no key, {} metadata, the default agent, no timeout', async () => {
    const { created, session } = await create({});
    expect(created).toBe(true);
    expect(session).toMatchObject({
      key: null,
      title: null,
      metadata: {},
      archived: false,
      state: 'IDLE',
      agent: { id: defaultAgent, isDefault: true },
      timeout: null,
      expiresAt: null,
    });
    const explicitNulls = await create({ title: null, key: null, metadata: null, agentId: null });
    expect(explicitNulls.session).toMatchObject({ title: null, key: null, metadata: {} });
    const noAutoRenew = await create({ timeout: { timeoutMinutes: 1, autoRenew: false } });
    expect(noAutoRenew.session.timeout).toEqual({
      timeoutMinutes: 1,
      autoRenew: false,
      maxDurationMinutes: null,
      warningThresholdMinutes: null,
    });
  });

  it('stores the session with its creator and its agent as participants in one statement', async () => {
    await create({}); // the personal workspace is known from here on
    t.db.queries.length = 0;
    const { session } = await create({ title: 'At once' });
    // One write (no transaction around several), and no lookup of the personal workspace.
    const writes = t.db.queries.filter(
      (q) => /\b(INSERT|UPDATE|DELETE|BEGIN|COMMIT)\b/.test(q) && !q.includes('"ApiKey"'),
    );
    expect(writes).toHaveLength(1);
    expect(t.db.queries.filter((q) => q.includes('"personalOfId"'))).toEqual([]);
    const participants = await t.db.prisma.participant.findMany({
      where: { sessionId: rawId(session.id) },
      orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }],
    });
    expect(participants.map((p) => [p.kind, p.userId, p.agentId])).toEqual([
      ['USER', alice.id, null],
      ['AGENT', null, rawId(defaultAgent)],
    ]);
    expect(participants[0]?.joinedAt.toISOString()).toBe(session.createdAt);
  });

  it('accepts a title of 255 characters and a key of 128', async () => {
    const { session } = await create({ title: 't'.repeat(255), key: 'k'.repeat(128) });
    expect(session.title).toHaveLength(255);
    expect(session.key).toHaveLength(128);
  });

  it('refuses bad titles, keys, metadata and timeouts naming the field, creating nothing', async () => {
    const before = await count();
    const cases: [Record<string, unknown>, string][] = [
      [{ title: '' }, 'title'],
      [{ title: '   ' }, 'title'],
      [{ title: 't'.repeat(256) }, 'title'],
      [{ key: '' }, 'key'],
      [{ key: 'has space' }, 'key'],
      [{ key: 'a/b' }, 'key'],
      [{ key: 'ключ' }, 'key'],
      [{ key: 'k'.repeat(129) }, 'key'],
      [{ metadata: [1, 2] }, 'metadata'],
      [{ metadata: 'text' }, 'metadata'],
      [{ metadata: 5 }, 'metadata'],
      [{ metadata: true }, 'metadata'],
      [{ metadata: { big: 'x'.repeat(16 * 1024) } }, 'metadata'],
      [{ timeout: { timeoutMinutes: 0 } }, 'timeout.timeoutMinutes'],
      [{ timeout: { timeoutMinutes: -5 } }, 'timeout.timeoutMinutes'],
      [{ timeout: { timeoutMinutes: 525_601 } }, 'timeout.timeoutMinutes'],
      [{ timeout: { timeoutMinutes: 30, maxDurationMinutes: 10 } }, 'timeout.maxDurationMinutes'],
      [{ timeout: { timeoutMinutes: 30, maxDurationMinutes: 0 } }, 'timeout.maxDurationMinutes'],
      [
        { timeout: { timeoutMinutes: 30, warningThresholdMinutes: 30 } },
        'timeout.warningThresholdMinutes',
      ],
      [
        { timeout: { timeoutMinutes: 30, warningThresholdMinutes: 0 } },
        'timeout.warningThresholdMinutes',
      ],
    ];
    for (const [input, field] of cases) {
      const error = await a.fail(CREATE, { input }, alice.key, 'BAD_USER_INPUT', field);
      expect(error.path).toEqual(['createSession']);
      expect(error.message).toContain(field);
    }
    expect(await count()).toBe(before);
  });

  it('accepts metadata just under 16 KB', async () => {
    const metadata = { big: 'x'.repeat(16 * 1024 - 20) };
    const { session } = await create({ metadata });
    expect(session.metadata).toEqual(metadata);
  });

  it('refuses an unknown or malformed agentId', async () => {
    const before = await count();
    await a.fail(
      CREATE,
      { input: { agentId: missingId('Agent') } },
      alice.key,
      'BAD_USER_INPUT',
      'agentId',
    );
    await a.fail(CREATE, { input: { agentId: 'nope' } }, alice.key, 'BAD_USER_INPUT', 'agentId');
    const session = await create({});
    await a.fail(
      CREATE,
      { input: { agentId: session.session.id } },
      alice.key,
      'BAD_USER_INPUT',
      'agentId',
    );
    expect(await count()).toBe(before + 1);
  });

  it('keys are unique per user: CONFLICT by default, get-or-create with ifKeyExists: RETURN', async () => {
    const first = await create({ key: 'dup', title: 'First' });
    const error = await a.fail(
      CREATE,
      { input: { key: 'dup', title: 'Second' } },
      alice.key,
      'CONFLICT',
    );
    expect(error.extensions?.field).toBe('key');
    await a.fail(CREATE, { input: { key: 'dup', ifKeyExists: 'ERROR' } }, alice.key, 'CONFLICT');

    const again = await create({ key: 'dup', title: 'Second', ifKeyExists: 'RETURN' });
    expect(again.created).toBe(false);
    expect(again.session).toEqual(first.session); // the existing one, untouched

    const fresh = await create({ key: 'dup-2', ifKeyExists: 'RETURN' });
    expect(fresh.created).toBe(true);
    // Another user's key space is separate.
    const bobs = await create({ key: 'dup', title: 'Bob' }, bob);
    expect(bobs.created).toBe(true);
    expect(bobs.session.id).not.toBe(first.session.id);
    const byKey = await a.ok(BY_KEY, {}, alice.key);
    expect(byKey.session).toEqual({ id: first.session.id, title: 'First' });
  });

  it('gets-or-creates concurrently without duplicates', async () => {
    const results = await Promise.all(
      Array.from({ length: 5 }, () => create({ key: 'race', ifKeyExists: 'RETURN' })),
    );
    expect(new Set(results.map((r) => r.session.id)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
  });
});

describe('renameSession', () => {
  it('renames and bumps updatedAt', async () => {
    const { session } = await create({ title: 'Old' });
    await sleep(5);
    const data = await a.ok(RENAME, { id: session.id, title: ' New name ' }, alice.key);
    expect(data.renameSession.session.title).toBe('New name');
    expect(ms(data.renameSession.session.updatedAt)).toBeGreaterThan(ms(session.updatedAt));
    expect(data.renameSession.session.createdAt).toBe(session.createdAt);
    expect((await a.ok(GET, { id: session.id }, alice.key)).session!.title).toBe('New name');
  });

  it('refuses bad titles and ids', async () => {
    const { session } = await create({ title: 'Keep' });
    for (const title of ['', '  ', 't'.repeat(256)]) {
      await a.fail(RENAME, { id: session.id, title }, alice.key, 'BAD_USER_INPUT', 'title');
    }
    await a.fail(RENAME, { id: 'nope', title: 'x' }, alice.key, 'BAD_USER_INPUT', 'id');
    await a.fail(RENAME, { id: general, title: 'x' }, alice.key, 'BAD_USER_INPUT', 'id');
    await a.fail(RENAME, { id: missingId(), title: 'x' }, alice.key, 'NOT_FOUND');
    expect((await a.ok(GET, { id: session.id }, alice.key)).session).toEqual(session);
  });
});

describe('updateSession', () => {
  it('changes only the fields given', async () => {
    const { session } = await create({ title: 'T', metadata: { a: 1, b: { c: 2 } } });
    await sleep(5);
    const archived = (await a.ok(UPDATE, { input: { id: session.id, archived: true } }, alice.key))
      .updateSession.session;
    expect(archived).toEqual({ ...session, archived: true, updatedAt: archived.updatedAt });
    expect(ms(archived.updatedAt)).toBeGreaterThan(ms(session.updatedAt));
    // Archived sessions leave the default list and come back when unarchived.
    const listed = async () =>
      (await a.ok(LISTED, {}, alice.key)).sessions.edges.map((e) => e.node.id);
    expect(await listed()).not.toContain(session.id);
    await a.ok(UPDATE, { input: { id: session.id, archived: false, title: 'T2' } }, alice.key);
    expect(await listed()).toContain(session.id);
    const nothing = (await a.ok(UPDATE, { input: { id: session.id, archived: null } }, alice.key))
      .updateSession.session;
    expect(nothing).toMatchObject({
      title: 'T2',
      archived: false,
      metadata: { a: 1, b: { c: 2 } },
    });
  });

  it('title: null clears it, a string sets it, bad ones are refused', async () => {
    const { session } = await create({ title: 'Has title' });
    const cleared = await a.ok(UPDATE, { input: { id: session.id, title: null } }, alice.key);
    expect(cleared.updateSession.session.title).toBeNull();
    const set = await a.ok(UPDATE, { input: { id: session.id, title: 'Again' } }, alice.key);
    expect(set.updateSession.session.title).toBe('Again');
    for (const title of ['', 'x'.repeat(256)]) {
      await a.fail(
        UPDATE,
        { input: { id: session.id, title } },
        alice.key,
        'BAD_USER_INPUT',
        'title',
      );
    }
  });

  it('metadata replaces the whole object; null resets it to {}', async () => {
    const { session } = await create({ metadata: { a: 1, b: 2 } });
    const replaced = await a.ok(
      UPDATE,
      { input: { id: session.id, metadata: { c: { d: [3] } } } },
      alice.key,
    );
    expect(replaced.updateSession.session.metadata).toEqual({ c: { d: [3] } });
    const reset = await a.ok(UPDATE, { input: { id: session.id, metadata: null } }, alice.key);
    expect(reset.updateSession.session.metadata).toEqual({});
    for (const metadata of [[1], 'x', { big: 'y'.repeat(17_000) }]) {
      await a.fail(
        UPDATE,
        { input: { id: session.id, metadata } },
        alice.key,
        'BAD_USER_INPUT',
        'metadata',
      );
    }
    expect((await a.ok(GET, { id: session.id }, alice.key)).session!.metadata).toEqual({});
  });

  it('agentId switches the agent; unknown or malformed ones are refused', async () => {
    const { session } = await create({});
    const switched = await a.ok(UPDATE, { input: { id: session.id, agentId: general } }, alice.key);
    expect(switched.updateSession.session.agent).toEqual({ id: general, isDefault: false });
    await a.fail(
      UPDATE,
      { input: { id: session.id, agentId: missingId('Agent') } },
      alice.key,
      'BAD_USER_INPUT',
      'agentId',
    );
    await a.fail(
      UPDATE,
      { input: { id: session.id, agentId: 'x' } },
      alice.key,
      'BAD_USER_INPUT',
      'agentId',
    );
    expect((await a.ok(GET, { id: session.id }, alice.key)).session!.agent.id).toBe(general);
  });

  it('timeout: set starts the clock now, null removes it, bad ones are refused', async () => {
    const { session } = await create({});
    expect(session.expiresAt).toBeNull();
    const set = (
      await a.ok(
        UPDATE,
        { input: { id: session.id, timeout: { timeoutMinutes: 15, autoRenew: false } } },
        alice.key,
      )
    ).updateSession.session;
    expect(set.timeout).toEqual({
      timeoutMinutes: 15,
      autoRenew: false,
      maxDurationMinutes: null,
      warningThresholdMinutes: null,
    });
    expect(ms(set.expiresAt) - ms(set.updatedAt)).toBe(15 * MINUTE);
    await a.fail(
      UPDATE,
      { input: { id: session.id, timeout: { timeoutMinutes: 0 } } },
      alice.key,
      'BAD_USER_INPUT',
      'timeout.timeoutMinutes',
    );
    const removed = (await a.ok(UPDATE, { input: { id: session.id, timeout: null } }, alice.key))
      .updateSession.session;
    expect(removed.timeout).toBeNull();
    expect(removed.expiresAt).toBeNull();
  });

  it('refuses a malformed id and answers NOT_FOUND for a missing one', async () => {
    await a.fail(UPDATE, { input: { id: 'bad', title: 'x' } }, alice.key, 'BAD_USER_INPUT', 'id');
    await a.fail(UPDATE, { input: { id: missingId(), title: 'x' } }, alice.key, 'NOT_FOUND');
  });
});

describe('deleteSession', () => {
  it('hard-deletes a session with its messages and turns', async () => {
    const { session } = await create({ title: 'Doomed' });
    const id = rawId(session.id);
    await a.ok(TestAppendMessage, { id: session.id, text: 'one' }, alice.key);
    await a.ok(TestSendMessage, { id: session.id, text: 'two' }, alice.key);
    await t.app.services.runner.drain();
    expect(await t.db.prisma.message.count({ where: { sessionId: id } })).toBe(3);
    expect(await t.db.prisma.turn.count({ where: { sessionId: id } })).toBe(1);

    const data = await a.ok(DELETE, { id: session.id }, alice.key);
    expect(data.deleteSession.deletedSessionId).toBe(session.id);
    expect(await exists(session.id)).toBe(false);
    expect(await t.db.prisma.message.count({ where: { sessionId: id } })).toBe(0);
    expect(await t.db.prisma.turn.count({ where: { sessionId: id } })).toBe(0);
    await a.fail(GET, { id: session.id }, alice.key, 'NOT_FOUND');
    // Deleting it again is like deleting any missing session.
    const again = await a.gql(DELETE, { id: session.id }, alice.key);
    const missing = await a.gql(DELETE, { id: missingId() }, alice.key);
    expect(again.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(again).toEqual(missing);
  });

  it('refuses a malformed id', async () => {
    await a.fail(DELETE, { id: 'garbage' }, alice.key, 'BAD_USER_INPUT', 'id');
  });
});

describe('deleteSessions', () => {
  it('deletes all of them', async () => {
    const ids = [];
    for (let i = 0; i < 3; i += 1) ids.push((await create({ title: `bulk ${i}` })).session.id);
    const order = [ids[2], ids[0], ids[1], ids[0]] as string[];
    const data = await a.ok(DELETE_MANY, { ids: order }, alice.key);
    expect(data.deleteSessions.deletedSessionIds).toEqual([ids[2], ids[0], ids[1]]);
    for (const id of ids) expect(await exists(id)).toBe(false);
  });

  it('deletes none when one of them is another user’s or missing: NOT_FOUND', async () => {
    const mine = [(await create({})).session.id, (await create({})).session.id];
    const theirs = (await create({}, bob)).session.id;
    const foreign = await a.gql(DELETE_MANY, { ids: [...mine, theirs] }, alice.key);
    const missing = await a.gql(DELETE_MANY, { ids: [...mine, missingId()] }, alice.key);
    expect(foreign.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(foreign).toEqual(missing);
    for (const id of [...mine, theirs]) expect(await exists(id)).toBe(true);
  });

  it('refuses an empty list, more than 100 ids and malformed ids', async () => {
    const mine = (await create({})).session.id;
    await a.fail(DELETE_MANY, { ids: [] }, alice.key, 'BAD_USER_INPUT', 'ids');
    await a.fail(
      DELETE_MANY,
      { ids: Array.from({ length: 101 }, () => missingId()) },
      alice.key,
      'BAD_USER_INPUT',
      'ids',
    );
    await a.fail(DELETE_MANY, { ids: [mine, 'bad'] }, alice.key, 'BAD_USER_INPUT', 'ids.1');
    expect(await exists(mine)).toBe(true);
  });
});

describe('renewSession', () => {
  it('leaves a session without a timeout unchanged', async () => {
    const { session } = await create({ title: 'No timeout' });
    await sleep(5);
    const data = await a.ok(RENEW, { id: session.id }, alice.key);
    expect(data.renewSession.session).toEqual(session);
  });

  it('pushes expiresAt to now + timeoutMinutes', async () => {
    const { session } = await create({ timeout: { timeoutMinutes: 30 } });
    await sleep(10);
    const renewed = (await a.ok(RENEW, { id: session.id }, alice.key)).renewSession.session;
    expect(ms(renewed.expiresAt)).toBeGreaterThan(ms(session.expiresAt));
    expect(ms(renewed.updatedAt)).toBeGreaterThan(ms(session.updatedAt));
    expect(ms(renewed.expiresAt) - ms(renewed.updatedAt)).toBe(30 * MINUTE);
    expect(renewed.state).toBe('IDLE');
  });

  it('never goes past maxDurationMinutes, and is SESSION_EXPIRED once past it', async () => {
    const { session } = await create({ timeout: { timeoutMinutes: 30, maxDurationMinutes: 40 } });
    const id = rawId(session.id);
    // Created 20 minutes ago: the renewal stops at createdAt + 40 minutes.
    const createdAt = new Date(Date.now() - 20 * MINUTE);
    await t.db.prisma.session.update({ where: { id }, data: { createdAt } });
    const capped = (await a.ok(RENEW, { id: session.id }, alice.key)).renewSession.session;
    expect(ms(capped.expiresAt)).toBe(createdAt.getTime() + 40 * MINUTE);

    // Created 41 minutes ago: nothing is left to renew.
    await t.db.prisma.session.update({
      where: { id },
      data: { createdAt: new Date(Date.now() - 41 * MINUTE) },
    });
    const stored = (await a.ok(GET, { id: session.id }, alice.key)).session;
    await a.fail(RENEW, { id: session.id }, alice.key, 'SESSION_EXPIRED');
    expect((await a.ok(GET, { id: session.id }, alice.key)).session).toEqual(stored);
  });

  it('refuses a malformed id and answers NOT_FOUND for a missing one', async () => {
    await a.fail(RENEW, { id: 'bad' }, alice.key, 'BAD_USER_INPUT', 'id');
    await a.fail(RENEW, { id: missingId() }, alice.key, 'NOT_FOUND');
  });
});

describe('errors never leak internals', () => {
  it('every error carries a code of the contract and no stack trace', async () => {
    // a.gql checks every response of this file; these are a few more kinds of failure at once.
    const responses = await Promise.all([
      a.gql(GET, { id: missingId() }, alice.key),
      a.gql(GET, { id: gid('Session', '00000000-0000-0000-0000-000000000000') }, alice.key),
      a.gql(GET, { id: 'x' }, alice.key),
      a.gql(CREATE, { input: { key: 'bad key' } }, alice.key),
      a.gql(CREATE, { input: {} }, null),
      a.gql(CREATE, { input: {} }, 'csk_not-a-real-key'),
    ]);
    expect(responses.map((r) => r.errors?.[0]?.extensions?.code)).toEqual([
      'NOT_FOUND',
      'NOT_FOUND',
      'BAD_USER_INPUT',
      'BAD_USER_INPUT',
      'UNAUTHENTICATED',
      'UNAUTHENTICATED',
    ]);
    for (const res of responses) {
      expect(Object.keys(res.errors?.[0]?.extensions ?? {}).sort()).toEqual(
        expect.arrayContaining(['code']),
      );
      expect(res.errors?.[0]?.extensions).not.toHaveProperty('stacktrace');
    }
  });

  it('a key of a deleted user is simply UNAUTHENTICATED', async () => {
    const temp = await t.user('temp-user');
    const { key } = await createApiKey(t.db.prisma, temp.id, 'second');
    await t.db.prisma.user.delete({ where: { id: temp.id } });
    await a.fail(TestViewer, {}, key, 'UNAUTHENTICATED');
  });
});
