import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { type Api, api } from '../api/support.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { answerChunks, convModel, exchange, newSession } from './support.js';

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

const mock = convModel(({ userText }) =>
  answerChunks(`The aardvark eats ants at night, you asked: ${userText}`),
);

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
  filter?: { sessionId?: string; role?: 'USER' | 'ASSISTANT' };
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
