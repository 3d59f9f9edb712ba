import { lastAssistantMessageIsCompleteWithApprovalResponses, type UIMessage } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphQLChatTransport } from '../../client/chat-transport.js';
import { graphql } from '../../client/generated/gql.js';
import { SendMessageDocument } from '../../client/generated/graphql.js';
import { MemoryChat } from '../../client/memory-chat.js';
import { type Api, api } from '../api/support.js';
import {
  answerChunks,
  CONV_SESSION,
  convModel,
  ended,
  feed,
  type Gate,
  gate,
  reasoningChunks,
} from '../conversations/support.js';
import { startTestApp, type TestApp, type TestUser } from '../helpers/app.js';
import { toolCallChunks } from '../helpers/mock-model.js';

/**
 * The AI SDK's own chat state (AbstractChat, what useChat runs on) driven through
 * GraphQLChatTransport against the real server: sending, regenerating, stopping, resuming.
 */

const ECO_SESSION_BY_KEY = graphql(`
  query EcoSessionByKey($key: String!) {
    session(key: $key) {
      id
      messageCount
      messages(last: 20) {
        edges {
          node {
            id
            role
            text
            siblings {
              id
            }
          }
        }
      }
    }
  }
`);

const holds = new Map<string, Gate>();
const hold = (text: string) => {
  const g = gate();
  holds.set(text, g);
  return g;
};

/** "find …": a tool call, then a reasoned answer; anything else: "answer <n> to <text>". */
const mock = convModel(({ userText, step }) => {
  if (userText.startsWith('find') && step === 0)
    return toolCallChunks('searchProducts', { query: 'shoes' });
  if (userText.startsWith('find')) return reasoningChunks('the tool found some', 'Here they are.');
  if (userText === 'check out please') {
    return step === 0 ? toolCallChunks('checkout', {}) : answerChunks('checkout answered');
  }
  if (userText === 'break') {
    return [
      { type: 'stream-start', warnings: [] },
      { type: 'error', error: new Error('provider down: secret detail') },
    ];
  }
  const n = mock.callsFor(userText).length;
  const chunks = answerChunks(`answer ${n} to ${userText}`);
  const held = holds.get(userText);
  return held ? { chunks, holdAt: 4, gate: held.opened } : chunks;
});

let t: TestApp;
let a: Api;
let alice: TestUser;
const transports: GraphQLChatTransport[] = [];
const chatFor = (id: string, user = alice, messages: UIMessage[] = []) => {
  const transport = new GraphQLChatTransport({ url: t.url, token: user.key });
  transports.push(transport);
  return new MemoryChat({ id, transport, messages });
};
/** Sends over the API (not the chat): the new session's id and the turn's. */
async function send(text: string, key = alice.key) {
  const sent = (await a.ok(SendMessageDocument, { text }, key)).sendMessage;
  expect(sent).toBeTruthy();
  const { session, turn } = sent as NonNullable<typeof sent>;
  return { sessionId: session.id, turnId: turn.id };
}
const textOf = (message: UIMessage | undefined) =>
  message?.parts.map((p) => (p.type === 'text' ? p.text : '')).join('') ?? '';

beforeAll(async () => {
  t = await startTestApp({ model: mock.model });
  a = api(t);
  alice = await t.user();
});
afterAll(async () => {
  for (const g of holds.values()) g.open();
  await Promise.all(transports.map((x) => x.close()));
  await t?.close();
});

describe('GraphQLChatTransport with the AI SDK chat', () => {
  it('sends into the session named by its key and streams reasoning, tool and text parts', async () => {
    const chat = chatFor('support-ticket-1');
    await chat.sendMessage({ text: 'find me shoes' });
    expect(chat.status).toBe('ready');
    expect(chat.error).toBeUndefined();
    const [user, answer] = chat.messages;
    expect(user?.role).toBe('user');
    expect(answer?.role).toBe('assistant');
    const kinds = answer?.parts.map((p) => p.type);
    expect(kinds).toEqual(['step-start', 'tool-searchProducts', 'step-start', 'reasoning', 'text']);
    const tool = answer?.parts[1] as { state: string; input: unknown; output: unknown };
    expect(tool.state).toBe('output-available');
    expect(tool.input).toMatchObject({ query: 'shoes' });
    expect(tool.output).toBeTruthy();
    expect(answer?.parts[3]).toMatchObject({ type: 'reasoning', text: 'the tool found some' });
    expect(textOf(answer)).toBe('Here they are.');

    // A second message goes into the same session: the key is get-or-create.
    await chat.sendMessage({ text: 'thanks' });
    expect(textOf(chat.lastMessage)).toBe('answer 1 to thanks');
    const stored = await a.ok(ECO_SESSION_BY_KEY, { key: 'support-ticket-1' }, alice.key);
    expect(stored.session?.messageCount).toBe(4);
    const texts = stored.session?.messages.edges.map((e) => e.node.text);
    expect(texts).toEqual(['find me shoes', 'Here they are.', 'thanks', 'answer 1 to thanks']);
  });

  it('uses a session id as it is, and regenerate answers again as a sibling', async () => {
    const { sessionId, turnId } = await send('hello');
    const events = feed(t.ws(alice.key), sessionId);
    await events.waitFor(ended(turnId));
    events.stop();
    const chat = chatFor(sessionId);
    await chat.sendMessage({ text: 'again' });
    expect(textOf(chat.lastMessage)).toBe('answer 1 to again');

    await chat.regenerate();
    expect(chat.status).toBe('ready');
    expect(chat.messages).toHaveLength(2);
    expect(textOf(chat.lastMessage)).toBe('answer 2 to again');
    // The regenerated answer is named by its turn: regenerate accepts that name as well.
    await chat.regenerate({ messageId: chat.lastMessage?.id as string });
    expect(textOf(chat.lastMessage)).toBe('answer 3 to again');

    const stored = await a.ok(CONV_SESSION, { id: sessionId }, alice.key);
    const branch = stored.session?.messages.edges.map((e) => e.node) ?? [];
    expect(branch.map((m) => m.text)).toEqual([
      'hello',
      'answer 1 to hello',
      'again',
      'answer 3 to again',
    ]);
    expect(branch[3]?.siblings).toHaveLength(3);
  });

  it('stop() stops the turn on the server and keeps the partial answer', async () => {
    const g = hold('tell me slowly');
    const chat = chatFor('stop-me');
    const sending = chat.sendMessage({ text: 'tell me slowly' });
    await until(() => chat.lastMessage?.role === 'assistant' && textOf(chat.lastMessage) !== '');
    await chat.stop();
    await sending;
    expect(chat.status).toBe('ready');
    expect(textOf(chat.lastMessage)).toBe('answer 1 ');

    const stored = await a.ok(ECO_SESSION_BY_KEY, { key: 'stop-me' }, alice.key);
    const events = feed(t.ws(alice.key), stored.session?.id as string);
    await events.waitFor((all) => all.some((e) => e.__typename === 'TurnCancelled'));
    events.stop();
    g.open();
    // The session is free again: the next message runs.
    await chat.sendMessage({ text: 'next' });
    expect(textOf(chat.lastMessage)).toBe('answer 1 to next');
  });

  it('resumeStream picks up a running turn from its start, without gaps or repeats', async () => {
    const g = hold('a long story');
    const { sessionId, turnId } = await send('a long story');
    const events = feed(t.ws(alice.key), sessionId);
    await events.waitFor((all) => all.some((e) => e.__typename === 'TextDelta'));

    // A page opened while the answer streams: the chat knows the user message only.
    const userMessage: UIMessage = {
      id: 'u1',
      role: 'user',
      parts: [{ type: 'text', text: 'a long story' }],
    };
    const chat = chatFor(sessionId, alice, [userMessage]);
    const resuming = chat.resumeStream();
    await until(() => chat.lastMessage?.role === 'assistant' && textOf(chat.lastMessage) !== '');
    g.open();
    await resuming;
    expect(chat.messages).toHaveLength(2);
    expect(textOf(chat.lastMessage)).toBe('answer 1 to a long story');
    await events.waitFor(ended(turnId));
    events.stop();

    // Nothing runs now: resuming changes nothing.
    await chat.resumeStream();
    expect(chat.status).toBe('ready');
    expect(chat.messages).toHaveLength(2);
  });

  it('a failed turn ends the chat request with the error the API reports, and the chat goes on', async () => {
    const errors: Error[] = [];
    const transport = new GraphQLChatTransport({ url: t.url, token: alice.key });
    transports.push(transport);
    const chat = new MemoryChat({ id: 'breaks', transport, onError: (e) => errors.push(e) });
    await chat.sendMessage({ text: 'break' });
    expect(chat.status).toBe('error');
    expect(errors[0]?.message).toBe('The model call failed');
    chat.clearError();
    await chat.sendMessage({ text: 'fine now' });
    expect(chat.status).toBe('ready');
    expect(textOf(chat.lastMessage)).toBe('answer 1 to fine now');
  });

  it('an approval given in the chat lets the waiting turn go on, in the same answer', async () => {
    const transport = new GraphQLChatTransport({ url: t.url, token: alice.key });
    transports.push(transport);
    const chat = new MemoryChat({
      id: 'approve-me',
      transport,
      sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
    });
    await chat.sendMessage({ text: 'check out please' });
    expect(chat.status).toBe('ready');
    const asked = chat.lastMessage?.parts.find((p) => p.type === 'tool-checkout') as
      | { state: string; approval?: { id: string } }
      | undefined;
    expect(asked?.state).toBe('approval-requested');

    await chat.addToolApprovalResponse({ id: asked?.approval?.id as string, approved: true });
    await until(() => chat.status === 'ready' && textOf(chat.lastMessage) !== '');
    expect(chat.messages).toHaveLength(2);
    const answer = chat.lastMessage;
    const tool = answer?.parts.find((p) => p.type === 'tool-checkout') as { state: string };
    expect(['output-available', 'output-error']).toContain(tool.state);
    expect(textOf(answer)).toBe('checkout answered');
    const stored = await a.ok(ECO_SESSION_BY_KEY, { key: 'approve-me' }, alice.key);
    expect(stored.session?.messages.edges.map((e) => e.node.text)).toEqual([
      'check out please',
      'checkout answered',
    ]);
  });

  it("cannot reach another user's session: the chat reports NOT_FOUND", async () => {
    const bob = await t.user();
    const { sessionId } = await send('mine');
    const errors: Error[] = [];
    const transport = new GraphQLChatTransport({ url: t.url, token: bob.key });
    transports.push(transport);
    const chat = new MemoryChat({
      id: sessionId,
      transport,
      onError: (e) => errors.push(e),
    });
    await chat.sendMessage({ text: 'hi' });
    expect(chat.status).toBe('error');
    // Not bob's id: taken as a key, which a session id's characters are not allowed in.
    expect(errors[0]?.message).toMatch(/key|not found/i);
  });
});

async function until(ready: () => boolean, timeoutMs = 10_000) {
  const deadline = Date.now() + timeoutMs;
  while (!ready()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}
