import { createHash } from 'node:crypto';
import type { Client } from 'graphql-ws';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLChatTransport } from '../../client/chat-transport.js';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument, SessionEventsDocument } from '../../client/generated/graphql.js';
import { MemoryChat } from '../../client/memory-chat.js';
import { request, subscribe } from '../../client/request.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';

/**
 * Trusted documents (PERSISTED_DOCUMENTS): the codegen manifest's operations run by their hash
 * over HTTP and graphql-ws; `only` refuses any other text, `allow` runs it too.
 */

const ECO_VIEWER = graphql(`
  query EcoViewer {
    viewer {
      id
      name
    }
  }
`);

const hashOf = (document: { __meta__?: Record<string, unknown> }) =>
  String(document.__meta__?.hash).replace(/^sha256:/, '');
const OTHER_TEXT = 'query Anything { viewer { name } }';
const persistedQuery = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

interface Body {
  data?: Record<string, any> | null;
  errors?: { message: string; extensions?: Record<string, unknown> }[];
}

async function post(t: TestApp, user: TestUser, body: Record<string, unknown>): Promise<Body> {
  const res = await fetch(t.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${user.key}` },
    body: JSON.stringify(body),
  });
  return (await res.json()) as Body;
}

/** The first result (or error) of one graphql-ws operation sent as it is given. */
function firstResult(client: Client, payload: Record<string, unknown>): Promise<Body> {
  return new Promise((resolve, reject) => {
    const stop = client.subscribe(payload as { query: string }, {
      next: (result) => {
        stop();
        resolve(result as Body);
      },
      error: (error) =>
        Array.isArray(error) ? resolve({ errors: error as Body['errors'] }) : reject(error),
      complete: () => {},
    });
  });
}

const codeOf = (body: Body) => body.errors?.[0]?.extensions?.code;

describe('PERSISTED_DOCUMENTS=only', () => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { PERSISTED_DOCUMENTS: 'only' } });
    alice = await t.user();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs a manifest document by sha256Hash or documentId alone, over HTTP', async () => {
    const byHash = await post(t, alice, { extensions: persistedQuery(hashOf(ECO_VIEWER)) });
    expect(byHash.errors).toBeUndefined();
    expect(byHash.data?.viewer.id).toBeTruthy();
    const byId = await post(t, alice, { documentId: `sha256:${hashOf(ECO_VIEWER)}` });
    expect(byId.data?.viewer).toEqual(byHash.data?.viewer);
  });

  it('refuses other text (FORBIDDEN) and unknown hashes (NOT_FOUND), and runs the manifest text for a known hash', async () => {
    expect(codeOf(await post(t, alice, { query: OTHER_TEXT }))).toBe('FORBIDDEN');
    const unknown = createHash('sha256').update(OTHER_TEXT).digest('hex');
    const missing = await post(t, alice, {
      query: OTHER_TEXT,
      extensions: persistedQuery(unknown),
    });
    expect(codeOf(missing)).toBe('NOT_FOUND');
    // A known hash with other text: the manifest's document runs, not the text sent.
    const swapped = await post(t, alice, {
      query: OTHER_TEXT,
      extensions: persistedQuery(hashOf(ECO_VIEWER)),
    });
    expect(Object.keys(swapped.data?.viewer ?? {})).toEqual(['id', 'name']);
  });

  it('serves the useChat transport, whose operations are all in the manifest', async () => {
    const transport = new GraphQLChatTransport({ url: t.url, token: alice.key });
    const chat = new MemoryChat({ id: 'trusted-only', transport });
    try {
      await chat.sendMessage({ text: 'hello' });
      expect(chat.status).toBe('ready');
      expect(chat.lastMessage?.role).toBe('assistant');
      expect(chat.lastMessage?.parts.some((p) => p.type === 'text' && p.text)).toBe(true);
    } finally {
      await transport.close();
    }
  });

  it('runs subscriptions by hash over graphql-ws and refuses other text there', async () => {
    const ws = t.ws(alice.key);
    const created = await request(t.url, CreateSessionDocument, { input: {} }, auth(alice));
    const sessionId = created.createSession.session.id;
    const refused = await firstResult(ws, {
      query: 'subscription { sessionEvents(sessionId: "x") { seq } }',
    });
    expect(codeOf(refused)).toBe('FORBIDDEN');
    const unknown = await firstResult(ws, { query: '', extensions: persistedQuery('00') });
    expect(codeOf(unknown)).toBe('NOT_FOUND');

    // The generated client sends the hash: a whole turn streams.
    const types: string[] = [];
    const finished = new Promise<void>((resolve, reject) => {
      subscribe(
        ws,
        SessionEventsDocument,
        { sessionId, afterSeq: 0 },
        {
          next: ({ data, errors }) => {
            if (errors) reject(new Error(errors[0]?.message));
            const type = data?.sessionEvents.__typename ?? '';
            types.push(type);
            if (type === 'TurnFinished') resolve();
          },
          error: reject,
          complete: () => {},
        },
      );
    });
    const send = graphql(`
      mutation EcoSend($sessionId: ID!) {
        sendMessage(input: { sessionId: $sessionId, text: "hello" }) {
          turn {
            id
          }
        }
      }
    `);
    await request(t.url, send, { sessionId }, auth(alice));
    await finished;
    expect(types).toContain('TextDelta');
  });
});

describe('PERSISTED_DOCUMENTS=allow', () => {
  let t: TestApp;
  let alice: TestUser;
  beforeAll(async () => {
    t = await startTestApp({ env: { PERSISTED_DOCUMENTS: 'allow' } });
    alice = await t.user();
  });
  afterAll(async () => {
    await t?.close();
  });

  it('runs manifest documents by hash and any other text, over HTTP and graphql-ws', async () => {
    const byHash = await post(t, alice, { extensions: persistedQuery(hashOf(ECO_VIEWER)) });
    expect(byHash.data?.viewer.id).toBeTruthy();
    const text = await post(t, alice, { query: OTHER_TEXT });
    expect(text.data?.viewer.name).toBe(alice.name);
    // An unknown hash with its text runs the text; without text it is NOT_FOUND.
    const unknown = createHash('sha256').update(OTHER_TEXT).digest('hex');
    const withText = await post(t, alice, {
      query: OTHER_TEXT,
      extensions: persistedQuery(unknown),
    });
    expect(withText.data?.viewer.name).toBe(alice.name);
    expect(codeOf(await post(t, alice, { extensions: persistedQuery(unknown) }))).toBe('NOT_FOUND');

    const ws = t.ws(alice.key);
    const overWs = await firstResult(ws, {
      query: '',
      extensions: persistedQuery(hashOf(ECO_VIEWER)),
    });
    expect(overWs.data?.viewer.id).toBe(byHash.data?.viewer.id);
    const textOverWs = await firstResult(ws, { query: OTHER_TEXT });
    expect(textOverWs.data?.viewer.name).toBe(alice.name);
  });
});

describe('PERSISTED_DOCUMENTS=off', () => {
  it('does not know hashes: a request needs its text', async () => {
    const t = await startTestApp({ env: { PERSISTED_DOCUMENTS: 'off' } });
    try {
      const alice = await t.user();
      const byHash = await post(t, alice, { extensions: persistedQuery(hashOf(ECO_VIEWER)) });
      expect(byHash.data ?? null).toBeNull();
      expect(byHash.errors?.[0]?.message).toMatch(/query/i);
      // The generated client sends its text too, so it works with every mode.
      const data = await request(t.url, ECO_VIEWER, {}, auth(alice));
      expect(data.viewer.name).toBe(alice.name);
    } finally {
      await t.close();
    }
  });
});

const auth = (user: TestUser) => ({ authorization: `Bearer ${user.key}` });
