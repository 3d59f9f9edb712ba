import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { type Api, api, gid } from '../api/support.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import {
  CreateInWorkspace,
  CreateProject,
  MyWorkspaces,
  RemoveMember,
  sharedWorkspace,
} from '../workspaces/support.js';
import {
  answerChunks,
  CONV_SEND,
  CONV_STOP,
  convModel,
  countOf,
  ended,
  exchange,
  feed,
  holdable,
  loadSession,
  newSession,
} from './support.js';

/** searchMessages: full-text search over the viewer's messages, ranked, filtered, paged. */

const SEARCH = graphql(`
  query ConvSearch(
    $query: String!
    $first: Int
    $after: String
    $last: Int
    $before: String
    $filter: MessageSearchFilter
  ) {
    searchMessages(
      query: $query
      first: $first
      after: $after
      last: $last
      before: $before
      filter: $filter
    ) {
      edges {
        cursor
        snippet
        rank
        node { id role text }
        session { id title }
      }
      pageInfo { hasNextPage endCursor }
    }
  }
`);
const APPEND = graphql(`
  mutation ConvAppend($id: ID!, $text: String!, $role: MessageRole) {
    appendMessage(input: { sessionId: $id, text: $text, role: $role }) {
      message { id }
    }
  }
`);

/** hold(text): the answer to `text` stops after its first words until the gate opens. */
const { hold, reply, openAll } = holdable();
const mock = convModel(({ userText }) =>
  reply(userText, answerChunks(`The aardvark eats ants at night, you asked: ${userText}`)),
);
const MOVE = graphql(`
  mutation ConvSearchMove($id: ID!, $projectId: ID) {
    updateSession(input: { id: $id, projectId: $projectId }) { session { id } }
  }
`);
const DELETE = graphql(`
  mutation ConvSearchDelete($id: ID!) {
    deleteSession(input: { id: $id }) { deletedSessionId }
  }
`);

let t: TestApp;
let a: Api;
let alice: TestUser;
let bob: TestUser;
/** Alice's sessions and the ids of what she stored, by name. */
const ids: Record<string, string> = {};
let travel: string;
let cooking: string;

async function append(key: string, session: string, text: string, role?: 'USER' | 'ASSISTANT') {
  return (await a.ok(APPEND, { id: session, text, role }, key)).appendMessage.message.id;
}

type Vars = {
  query: string;
  first?: number;
  after?: string | null;
  last?: number;
  before?: string;
  filter?: { sessionId?: string; projectId?: string; role?: 'USER' | 'ASSISTANT' };
};
const search = async (key: string, vars: Vars) => (await a.ok(SEARCH, vars, key)).searchMessages;

beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  a = api(t);
  alice = await t.user();
  bob = await t.user();
  travel = await newSession(a, alice.key);
  cooking = await newSession(a, alice.key);
  ids.fox = await append(
    alice.key,
    travel,
    'The quick brown fox jumps over the lazy dog in Lisbon',
  );
  ids.brownBear = await append(
    alice.key,
    travel,
    'We saw a brown bear near the river',
    'ASSISTANT',
  );
  ids.foxOnly = await append(alice.key, cooking, 'My recipe book has a fox on its cover');
  ids.soup = await append(alice.key, cooking, 'Tomato soup needs ripe tomatoes and basil');
  ids.noise = await append(alice.key, cooking, 'Nothing to see here at all');
  const other = await newSession(a, bob.key);
  ids.bobFox = await append(bob.key, other, 'Bob has a brown fox too, and a secret zebra');
});
afterAll(async () => {
  openAll();
  await t?.close();
});

const nodeIds = (page: { edges: { node: { id: string } }[] }) => page.edges.map((e) => e.node.id);

describe('searchMessages', () => {
  it("finds words across the viewer's sessions, with the session and a snippet of the match", async () => {
    const page = await search(alice.key, { query: 'fox' });
    expect(new Set(nodeIds(page))).toEqual(new Set([ids.fox, ids.foxOnly]));
    const bySession = Object.fromEntries(page.edges.map((e) => [e.node.id, e.session.id]));
    expect(bySession).toEqual({ [ids.fox as string]: travel, [ids.foxOnly as string]: cooking });
    for (const edge of page.edges) {
      expect(edge.snippet).toMatch(/fox/i);
      expect(edge.rank).toBeGreaterThan(0);
    }
    expect(page.edges.find((e) => e.node.id === ids.fox)?.snippet).toContain('**fox**');
    expect(page.pageInfo.hasNextPage).toBe(false);
  });

  it('matches word forms (English stemming) and every word of the query', async () => {
    const jumping = await search(alice.key, { query: 'jumping' });
    expect(nodeIds(jumping)).toEqual([ids.fox]);
    const tomato = await search(alice.key, { query: 'tomato' });
    expect(nodeIds(tomato)).toEqual([ids.soup]);
    const both = await search(alice.key, { query: 'brown fox' });
    expect(nodeIds(both)).toEqual([ids.fox]);
    expect((await search(alice.key, { query: 'giraffe' })).edges).toEqual([]);
  });

  it('ranks a message matching more of the words first', async () => {
    const page = await search(alice.key, { query: 'brown or fox or lisbon' });
    expect(nodeIds(page)[0]).toBe(ids.fox);
    expect(new Set(nodeIds(page))).toEqual(new Set([ids.fox, ids.brownBear, ids.foxOnly]));
    const ranks = page.edges.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    expect(ranks[0]).toBeGreaterThan(ranks[1] as number);
  });

  it('finds what the model answered', async () => {
    const session = await newSession(a, alice.key);
    const { answer } = await exchange(t, a, alice.key, session, 'tell me about termites');
    const page = await search(alice.key, { query: 'aardvark' });
    expect(nodeIds(page)).toEqual([answer]);
    expect(page.edges[0]?.node.role).toBe('ASSISTANT');
    expect(page.edges[0]?.snippet).toContain('**aardvark**');
  });

  it('filters by session and by role', async () => {
    const inTravel = await search(alice.key, {
      query: 'brown or fox',
      filter: { sessionId: travel },
    });
    expect(new Set(nodeIds(inTravel))).toEqual(new Set([ids.fox, ids.brownBear]));
    const assistant = await search(alice.key, {
      query: 'brown or fox',
      filter: { role: 'ASSISTANT' },
    });
    expect(nodeIds(assistant)).toEqual([ids.brownBear]);
    const user = await search(alice.key, {
      query: 'brown or fox',
      filter: { role: 'USER', sessionId: cooking },
    });
    expect(nodeIds(user)).toEqual([ids.foxOnly]);
  });

  it("never finds another user's messages", async () => {
    const zebra = await search(alice.key, { query: 'zebra' });
    expect(zebra.edges).toEqual([]);
    const fox = await search(alice.key, { query: 'fox' });
    expect(nodeIds(fox)).not.toContain(ids.bobFox);
    // Not even by naming their session.
    const res = await a.gql(
      SEARCH,
      { query: 'brown or fox', filter: { sessionId: travel } },
      bob.key,
    );
    if (res.errors) expect(res.errors[0]?.extensions?.code).toBe('NOT_FOUND');
    else expect(res.data?.searchMessages.edges).toEqual([]);
    const own = await search(bob.key, { query: 'fox' });
    expect(nodeIds(own)).toEqual([ids.bobFox]);
  });

  it('pages with first/after: every match once, none missed, also while new ones arrive', async () => {
    const carol = await t.user();
    const session = await newSession(a, carol.key);
    // Ranks differ (the word once, twice, three times) and tie within each group.
    const stored: string[] = [];
    for (let i = 0; i < 23; i += 1) {
      const times = (i % 3) + 1;
      const words = Array.from({ length: times }, () => 'walrus').join(' and ');
      stored.push(await append(carol.key, session, `Message ${i} about a ${words}`));
    }
    const all = await search(carol.key, { query: 'walrus', first: 50 });
    expect(new Set(nodeIds(all))).toEqual(new Set(stored));
    const ranks = all.edges.map((e) => e.rank);
    expect(ranks).toEqual([...ranks].sort((x, y) => y - x));
    expect(new Set(ranks).size).toBe(3);

    const seen: string[] = [];
    let after: string | null = null;
    let pages = 0;
    for (;;) {
      const page: Awaited<ReturnType<typeof search>> = await search(carol.key, {
        query: 'walrus',
        first: 5,
        after,
      });
      pages += 1;
      expect(page.edges.length).toBeLessThanOrEqual(5);
      seen.push(...nodeIds(page));
      if (pages === 2) {
        // New matches while paging: the pages go on without repeating or skipping one.
        await append(carol.key, session, 'A walrus and a walrus and a walrus and a walrus');
        await append(carol.key, session, 'One walrus');
      }
      if (!page.pageInfo.hasNextPage) break;
      after = page.pageInfo.endCursor;
      expect(pages).toBeLessThan(10);
    }
    expect(new Set(seen).size).toBe(seen.length);
    for (const id of stored) expect(seen).toContain(id);
    // Pages keep the order of the one-page answer for the messages both hold.
    expect(seen.filter((id) => stored.includes(id))).toEqual(nodeIds(all));
  });

  it('follows a session into another project and out of it (the project filter)', async () => {
    const dave = await t.user();
    const personal = (await a.ok(MyWorkspaces, {}, dave.key)).workspaces.edges.find(
      (e) => e.node.personal,
    )?.node.id as string;
    const project = async (slug: string) =>
      (await a.ok(CreateProject, { workspaceId: personal, name: slug, slug }, dave.key))
        .createProject.project.id;
    const garden = await project('garden');
    const kitchen = await project('kitchen');
    const session = (await a.ok(CreateInWorkspace, { projectId: garden, title: 'beds' }, dave.key))
      .createSession.session.id;
    const id = await append(dave.key, session, 'Plant the rhubarb near the fence');
    const found = async (projectId?: string) =>
      nodeIds(await search(dave.key, { query: 'rhubarb', filter: projectId ? { projectId } : {} }));
    expect(await found(garden)).toEqual([id]);
    expect(await found(kitchen)).toEqual([]);
    await a.ok(MOVE, { id: session, projectId: kitchen }, dave.key);
    expect(await found(garden)).toEqual([]);
    expect(await found(kitchen)).toEqual([id]);
    await a.ok(MOVE, { id: session, projectId: null }, dave.key);
    expect(await found(garden)).toEqual([]);
    expect(await found(kitchen)).toEqual([]);
    expect(await found()).toEqual([id]);
  });

  it("finds a shared workspace's messages for its members only, and no more once removed", async () => {
    const owner = await t.user();
    const erin = await t.user();
    const workspace = await sharedWorkspace(a, owner, [erin], 'Search team');
    const session = (await a.ok(CreateInWorkspace, { workspaceId: workspace }, owner.key))
      .createSession.session.id;
    const id = await append(owner.key, session, 'The kumquat tree needs sun');
    expect(nodeIds(await search(erin.key, { query: 'kumquat' }))).toEqual([id]);
    expect(nodeIds(await search(alice.key, { query: 'kumquat' }))).toEqual([]);
    await a.ok(RemoveMember, { workspaceId: workspace, userId: gid('User', erin.id) }, owner.key);
    expect(nodeIds(await search(erin.key, { query: 'kumquat' }))).toEqual([]);
    expect(nodeIds(await search(owner.key, { query: 'kumquat' }))).toEqual([id]);
  });

  it('no longer finds the messages of a deleted session', async () => {
    const session = await newSession(a, alice.key);
    const id = await append(alice.key, session, 'A platypus lays eggs');
    expect(nodeIds(await search(alice.key, { query: 'platypus' }))).toEqual([id]);
    await a.ok(DELETE, { id: session }, alice.key);
    expect(nodeIds(await search(alice.key, { query: 'platypus' }))).toEqual([]);
  });

  it('finds a queued message once it joins the conversation, and never one cancelled while queued', async () => {
    const frank = await t.user();
    const session = await newSession(a, frank.key);
    const slow = 'a long question about mangroves';
    const g = hold(slow);
    const from = (await loadSession(a, frank.key, session)).lastEventSeq;
    const f = feed(t.ws(frank.key), session, from);
    const sent = (await a.ok(CONV_SEND, { id: session, text: slow }, frank.key)).sendMessage;
    expect(sent?.turn.status).toBe('RUNNING');
    await f.waitFor(countOf('TextDelta', 2));
    const enqueue = async (text: string) =>
      (await a.ok(CONV_SEND, { id: session, text, ifBusy: 'ENQUEUE' }, frank.key)).sendMessage;
    const waiting = await enqueue('then the narwhal question');
    const dropped = await enqueue('and the narwhal afterthought');
    expect([waiting?.turn.status, dropped?.turn.status]).toEqual(['QUEUED', 'QUEUED']);
    expect((await search(frank.key, { query: 'narwhal' })).edges).toEqual([]);
    await a.ok(CONV_STOP, { id: session, turnId: dropped?.turn.id as string }, frank.key);
    g.open();
    await f.waitFor(ended(waiting?.turn.id as string));
    f.stop();
    // The answer repeats the question: the questions are the USER messages.
    const questions = await search(frank.key, { query: 'narwhal', filter: { role: 'USER' } });
    expect(nodeIds(questions)).toEqual([waiting?.userMessage.id]);
  });

  it('refuses paging backwards, an empty or huge query, and a bad page size or cursor', async () => {
    const fail = (vars: Vars, field?: string) =>
      a.fail(SEARCH, vars, alice.key, 'BAD_USER_INPUT', field);
    await fail({ query: 'fox', last: 5 }, 'last');
    await fail({ query: 'fox', before: 'abc' });
    await fail({ query: '' }, 'query');
    await fail({ query: '   ' }, 'query');
    await fail({ query: 'fox '.repeat(2000) }, 'query');
    await fail({ query: 'fox', first: 0 }, 'first');
    await fail({ query: 'fox', first: 51 }, 'first');
    await fail({ query: 'fox', after: 'not-a-cursor' }, 'after');
  });
});
