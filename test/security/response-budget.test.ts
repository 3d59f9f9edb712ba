import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.js';
import {
  expectOneError,
  type GqlResponse,
  gql,
  initialisedWs,
  median,
  ok,
  request,
} from './support.js';

/**
 * Issue 12, point 1: what one user's response, subscription payload and storage may cost.
 *
 * The contract the fix must meet:
 * - `RESPONSE_MAX_BYTES` (default 10 MB, 10485760): no HTTP response and no subscription payload
 *   is larger. It is enforced while the operation executes (not by building the whole result and
 *   measuring it). An over-budget operation answers HTTP 200 with one error BAD_USER_INPUT whose
 *   message names the budget (the number of bytes or `RESPONSE_MAX_BYTES`), and no data. Over
 *   graphql-ws the over-budget event becomes a message for that subscription carrying that error
 *   (`next` with `errors` and no data, or `error`); the socket and its other subscriptions go on.
 * - The static query cost counts message text by its size: a text field under a page counts
 *   page size × text, so 20 aliases × `messages(first: 500) { …text }` are refused before they
 *   run (BAD_USER_INPUT, a message about the cost), while one page of 30 messages with their text
 *   (what the web page loads) passes.
 * - A per-user storage quota: `STORAGE_QUOTA_MESSAGES` (default 100,000 messages) and
 *   `STORAGE_QUOTA_BYTES` (default 100 MB, counted as the UTF-8 bytes of the text of the user's
 *   stored messages). A write that would pass either is refused with `QUOTA_EXCEEDED` (API.md,
 *   second round) and a message naming the quota; appendMessage stores nothing, sendMessage
 *   stores nothing, starts no turn and creates no session. Deleting sessions frees the quota.
 * - While one user runs over-budget operations, another user's small query answers (median of
 *   five) within 10× its idle latency measured in the same run (with a floor of 500 ms for very
 *   fast baselines) and under 2 s.
 */

const BUDGET = 300_000;
const TEXT_CHARS = 100_000;
const MESSAGES = 8;
const BUDGET_NAMED = /RESPONSE_MAX_BYTES|300[,. _]?000/;

const CREATE = 'mutation { createSession(input: {}) { session { id } } }';
const APPEND = `mutation($id: ID!, $text: String!) {
  appendMessage(input: { sessionId: $id, text: $text }) { message { id } }
}`;
const PAGE_OF_TEXT = 'messages(first: $n) { edges { node { text } } }';
const MESSAGES_QUERY = `query($id: ID!, $n: Int!) { session(id: $id) { ${PAGE_OF_TEXT} } }`;
const aliasedPages = (aliases: number) =>
  `query($id: ID!, $n: Int!) { session(id: $id) { ${Array.from(
    { length: aliases },
    (_, i) => `p${i}: ${PAGE_OF_TEXT}`,
  ).join(' ')} } }`;

/** The texts of a session, read a page of two at a time (each page well under the budget). */
async function storedTexts(t: TestApp, id: string, token: string): Promise<string[]> {
  const texts: string[] = [];
  let after: string | null = null;
  for (;;) {
    const data = await ok(
      t.url,
      `query($id: ID!, $after: String) { session(id: $id) {
        messages(first: 2, after: $after) { edges { node { text } } pageInfo { hasNextPage endCursor } }
      } }`,
      { id, after },
      { token },
    );
    const page = data.session.messages;
    texts.push(...page.edges.map((e: { node: { text: string } }) => e.node.text));
    if (!page.pageInfo.hasNextPage) return texts;
    after = page.pageInfo.endCursor;
  }
}

function expectRefusedForBudget(res: GqlResponse) {
  expect(res.status).toBe(200);
  expect(res.bytes).toBeLessThanOrEqual(BUDGET);
  const error = expectOneError(res, 'BAD_USER_INPUT');
  expect(error.message).toMatch(BUDGET_NAMED);
  expect(res.data ?? null).toBeNull();
}

describe('RESPONSE_MAX_BYTES and the query cost of message text', () => {
  let t: TestApp;
  let owner: string;
  let other: string;
  let heavy: string;
  let empty: string;
  const texts = Array.from({ length: MESSAGES }, (_, i) =>
    `${String(i)}`.padEnd(TEXT_CHARS, 'abcdefghij'),
  );

  beforeAll(async () => {
    t = await startTestApp({ env: { RESPONSE_MAX_BYTES: String(BUDGET) } });
    owner = (await t.user()).key;
    other = (await t.user()).key;
    heavy = (await ok(t.url, CREATE, {}, { token: owner })).createSession.session.id;
    empty = (await ok(t.url, CREATE, {}, { token: owner })).createSession.session.id;
    for (const text of texts) await ok(t.url, APPEND, { id: heavy, text }, { token: owner });
  });
  afterAll(async () => {
    await t?.close();
  });

  it('serves a response under the budget whole', async () => {
    const data = await ok(t.url, MESSAGES_QUERY, { id: heavy, n: 2 }, { token: owner });
    expect(data.session.messages.edges.map((e: { node: { text: string } }) => e.node.text)).toEqual(
      texts.slice(0, 2),
    );
  });

  it('refuses one page over the budget with BAD_USER_INPUT naming it; the messages stay intact', async () => {
    const res = await gql(t.url, MESSAGES_QUERY, { id: heavy, n: MESSAGES }, { token: owner });
    expectRefusedForBudget(res);
    expect(await storedTexts(t, heavy, owner)).toEqual(texts);
  });

  it('refuses aliased pages (8 MB asked) the same way', async () => {
    const res = await gql(t.url, aliasedPages(10), { id: heavy, n: MESSAGES }, { token: owner });
    expect(res.status).toBe(200);
    expect(res.bytes).toBeLessThanOrEqual(BUDGET);
    const error = expectOneError(res, 'BAD_USER_INPUT');
    // Refused by the budget while running, or by the cost of the text before running.
    expect(error.message).toMatch(new RegExp(`${BUDGET_NAMED.source}|cost`, 'i'));
    expect(res.data ?? null).toBeNull();
  });

  it('counts message text by page size in the query cost: 20 × 500 texts refused before running, one page of 30 passes', async () => {
    // The session is empty: only a static cost can refuse this.
    const res = await gql(t.url, aliasedPages(20), { id: empty, n: 500 }, { token: owner });
    expect(res.status).toBe(200);
    const error = expectOneError(res, 'BAD_USER_INPUT');
    expect(error.message).toMatch(/cost/i);
    expect(res.data ?? null).toBeNull();

    const page = await ok(t.url, MESSAGES_QUERY, { id: empty, n: 30 }, { token: owner });
    expect(page.session.messages.edges).toEqual([]);
  });

  it('holds for a subscription payload: SessionUpdated selecting long messages', async () => {
    const ws = await initialisedWs(t.url, owner);
    ws.send({
      id: 'big',
      type: 'subscribe',
      payload: {
        query: `subscription($id: ID!) { sessionEvents(sessionId: $id) {
          __typename ... on SessionUpdated { session { title a: messages(first: 8) { edges { node { text } } }
            b: messages(first: 8) { edges { node { text } } } } } } }`,
        variables: { id: heavy },
      },
    });
    ws.send({
      id: 'small',
      type: 'subscribe',
      payload: {
        query: `subscription($id: ID!) { sessionEvents(sessionId: $id) {
          __typename ... on SessionUpdated { session { title } } } }`,
        variables: { id: heavy },
      },
    });
    // Subscriptions are set up asynchronously: rename until both have answered.
    const received: Record<string, any>[] = [];
    const seen = (id: string) => received.some((m) => m.id === id);
    for (let i = 0; !(seen('big') && seen('small')); i += 1) {
      if (i >= 40) throw new Error(`not both subscriptions answered: ${JSON.stringify(ws.frames)}`);
      await ok(
        t.url,
        'mutation($id: ID!, $title: String!) { renameSession(input: { id: $id, title: $title }) { session { id } } }',
        { id: heavy, title: `renamed ${i}` },
        { token: owner },
      );
      for (;;) {
        const message = await ws.nextWithin(i < 10 ? 300 : 3000);
        if (!message) break;
        received.push(message);
      }
    }
    for (const small of received.filter((m) => m.id === 'small')) {
      expect(small).toMatchObject({
        type: 'next',
        payload: { data: { sessionEvents: { __typename: 'SessionUpdated' } } },
      });
    }
    for (const big of received.filter((m) => m.id === 'big')) {
      const errors = big.type === 'error' ? big.payload : big.payload?.errors;
      expect(errors?.[0]?.extensions?.code, JSON.stringify(big).slice(0, 300)).toBe(
        'BAD_USER_INPUT',
      );
      expect(errors[0].message).toMatch(BUDGET_NAMED);
      expect(big.payload?.data ?? null).toBeNull();
    }
    for (const frame of ws.frames) expect(frame.bytes).toBeLessThanOrEqual(BUDGET);
    expect(ws.socket.readyState).toBe(ws.socket.OPEN);
    ws.socket.close(1000);
    // Another user is still served.
    expect((await ok(t.url, '{ viewer { id } }', {}, { token: other })).viewer.id).toBeTruthy();
  });

  it("keeps another user's latency normal while six over-budget queries run", async () => {
    const victimQuery = '{ viewer { id } sessions(first: 5) { totalCount } }';
    const timed = async () => {
      const started = performance.now();
      await ok(t.url, victimQuery, {}, { token: other });
      return performance.now() - started;
    };
    for (let i = 0; i < 3; i += 1) await timed();
    const idle: number[] = [];
    for (let i = 0; i < 7; i += 1) idle.push(await timed());
    const baseline = median(idle);

    const attack = Array.from({ length: 6 }, () =>
      request(t.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${owner}` },
        body: JSON.stringify({ query: aliasedPages(10), variables: { id: heavy, n: MESSAGES } }),
      }),
    );
    const loaded: number[] = [];
    for (let i = 0; i < 5; i += 1) loaded.push(await timed());
    const answers = await Promise.all(attack);

    // The median of the samples: one may land on the moment the six requests arrive; before the
    // budget the victim waited seconds (13 s measured) for every one of them.
    const bound = Math.min(2000, Math.max(10 * baseline, 500));
    expect(
      median(loaded),
      `idle median ${baseline.toFixed(1)} ms, under attack ${loaded.map((v) => v.toFixed(1)).join(', ')} ms`,
    ).toBeLessThan(bound);
    for (const answer of answers) expect(answer.bytes).toBeLessThanOrEqual(BUDGET);
  });
});

describe('per-user storage quota (STORAGE_QUOTA_MESSAGES, STORAGE_QUOTA_BYTES)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp({
      env: { STORAGE_QUOTA_MESSAGES: '4', STORAGE_QUOTA_BYTES: '250000' },
    });
  });
  afterAll(async () => {
    await t?.close();
  });

  const SEND = `mutation($id: ID, $text: String!) {
    sendMessage(input: { sessionId: $id, text: $text }) { session { id } turn { id } }
  }`;
  const COUNTS = `query($id: ID!) {
    session(id: $id) { messageCount activeTurn { id } }
    sessions { totalCount }
  }`;

  it('refuses messages past the message quota with QUOTA_EXCEEDED; nothing is half-written', async () => {
    const { key } = await t.user();
    const otherUser = (await t.user()).key;
    const id = (await ok(t.url, CREATE, {}, { token: key })).createSession.session.id;
    for (let i = 0; i < 4; i += 1)
      await ok(t.url, APPEND, { id, text: `note ${i}` }, { token: key });
    const before = await ok(t.url, COUNTS, { id }, { token: key });
    expect(before.session.messageCount).toBe(4);

    const appended = expectOneError(
      await gql(t.url, APPEND, { id, text: 'one too many' }, { token: key }),
      'QUOTA_EXCEEDED',
    );
    expect(appended.message).toMatch(/message/i);
    expect(appended.message).toMatch(/\b4\b/);
    expectOneError(await gql(t.url, SEND, { id, text: 'hello' }, { token: key }), 'QUOTA_EXCEEDED');
    expectOneError(
      await gql(t.url, SEND, { text: 'in a new session' }, { token: key }),
      'QUOTA_EXCEEDED',
    );
    expect(await ok(t.url, COUNTS, { id }, { token: key })).toEqual(before);

    // Someone else is not limited by this user's storage.
    const theirs = (await ok(t.url, CREATE, {}, { token: otherUser })).createSession.session.id;
    await ok(t.url, APPEND, { id: theirs, text: 'mine' }, { token: otherUser });

    // Deleting frees the quota.
    await ok(
      t.url,
      'mutation($id: ID!) { deleteSession(input: { id: $id }) { deletedSessionId } }',
      { id },
      { token: key },
    );
    const fresh = (await ok(t.url, CREATE, {}, { token: key })).createSession.session.id;
    await ok(t.url, APPEND, { id: fresh, text: 'room again' }, { token: key });
  });

  it('counts stored text in UTF-8 bytes against the byte quota', async () => {
    const { key } = await t.user();
    const id = (await ok(t.url, CREATE, {}, { token: key })).createSession.session.id;
    await ok(t.url, APPEND, { id, text: 'x'.repeat(100_000) }, { token: key });
    await ok(t.url, APPEND, { id, text: 'y'.repeat(100_000) }, { token: key });
    // 30,000 characters but 60,000 bytes: 260,000 bytes in all, over 250,000.
    const error = expectOneError(
      await gql(t.url, APPEND, { id, text: 'é'.repeat(30_000) }, { token: key }),
      'QUOTA_EXCEEDED',
    );
    expect(error.message).toMatch(/byte|storage|MB|KB/i);
    expect((await ok(t.url, COUNTS, { id }, { token: key })).session.messageCount).toBe(2);
    // 240,000 bytes fit.
    await ok(t.url, APPEND, { id, text: 'z'.repeat(40_000) }, { token: key });
    expect((await ok(t.url, COUNTS, { id }, { token: key })).session.messageCount).toBe(3);
  });
});
