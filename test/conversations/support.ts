// What the conversation tests share: their operations, a subscription feed to wait on, and a
// mock model whose answers can be held mid-stream until a test lets them go (so "while a turn
// runs" is a state the test controls, not a race it hopes to win).
import type {
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { MockLanguageModelV3 } from 'ai/test';
import type { Client } from 'graphql-ws';
import { expect } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { CreateSessionDocument } from '../../client/generated/graphql.js';
import type { Api } from '../api/support.js';
import type { TestApp } from '../helpers/app.js';
import type { Ev } from '../helpers/events.js';
import { usage } from '../helpers/mock-model.js';

type Chunk = LanguageModelV3StreamPart;

export const CONV_EVENTS = graphql(`
  subscription ConvEvents($id: ID!, $after: Int) {
    sessionEvents(sessionId: $id, afterSeq: $after) {
      __typename
      seq
      turnId
      ... on TurnStarted {
        turn { id status }
        userMessage { id role text parentId }
      }
      ... on TurnQueued {
        turn { id status userMessage { id text } }
      }
      ... on QueuedTurnCancelled {
        turn { id status }
      }
      ... on BranchSwitched {
        leafMessageId
      }
      ... on TextDelta {
        delta
        messageId
      }
      ... on ReasoningDelta {
        delta
      }
      ... on TurnFinished {
        turn { id status usage { inputTokens outputTokens totalTokens } }
        message { id role text parentId }
      }
      ... on TurnCancelled {
        turn { id status }
        message { id role text parentId }
      }
      ... on TurnFailed {
        turn { id status }
        error { code message }
      }
    }
  }
`);

export const CONV_SESSION = graphql(`
  query ConvSession($id: ID!) {
    session(id: $id) {
      id title state messageCount lastEventSeq
      activeTurn { id }
      lastMessage { id role text }
      usage { inputTokens outputTokens totalTokens turns }
      messages(first: 100) {
        edges {
          node {
            id role text parentId
            siblings { id role text }
            turn { id status }
          }
        }
      }
    }
  }
`);

export const CONV_SEND = graphql(`
  mutation ConvSend($id: ID, $text: String!, $ifBusy: IfBusy) {
    sendMessage(input: { sessionId: $id, text: $text, ifBusy: $ifBusy }) {
      session { id state }
      userMessage { id role text parentId }
      turn { id status userMessage { id } }
    }
  }
`);

export const CONV_EDIT = graphql(`
  mutation ConvEdit($messageId: ID!, $text: String!) {
    editMessage(input: { messageId: $messageId, text: $text }) {
      session { id state }
      userMessage { id role text parentId }
      turn { id status userMessage { id } }
    }
  }
`);

export const CONV_REGENERATE = graphql(`
  mutation ConvRegenerate($messageId: ID!) {
    regenerate(input: { messageId: $messageId }) {
      session { id state }
      turn { id status userMessage { id role text } }
    }
  }
`);

export const CONV_SWITCH = graphql(`
  mutation ConvSwitch($messageId: ID!) {
    switchBranch(input: { messageId: $messageId }) {
      session { id messageCount lastMessage { id } }
    }
  }
`);

export const CONV_FORK = graphql(`
  mutation ConvFork($messageId: ID!, $title: String) {
    forkSession(input: { messageId: $messageId, title: $title }) {
      session { id title messageCount lastMessage { id text } }
    }
  }
`);

export const CONV_STOP = graphql(`
  mutation ConvStop($id: ID!, $turnId: ID) {
    stopTurn(input: { sessionId: $id, turnId: $turnId }) {
      turn { id status finishReason assistantMessage { id text } }
    }
  }
`);

export const CONV_TURN = graphql(`
  query ConvTurn($id: ID!) {
    node(id: $id) {
      __typename
      ... on Turn {
        id status
        userMessage { id text }
        assistantMessage { id text }
        usage { inputTokens outputTokens totalTokens }
        startedAt
      }
    }
  }
`);

export const CONV_MESSAGE = graphql(`
  query ConvMessage($id: ID!) {
    node(id: $id) {
      __typename
      ... on Message { id role text }
    }
  }
`);

export const END_TYPES = ['TurnFinished', 'TurnFailed', 'TurnCancelled'];

/** The first event of a turn's end (finished, failed or cancelled) in a list of events. */
export const endOf = (events: Ev[], turnId: string) =>
  events.find((e) => END_TYPES.includes(e.__typename) && e.turnId === turnId);

export const ended =
  (turnId: string) =>
  (events: Ev[]): boolean =>
    endOf(events, turnId) !== undefined;

export const countOf = (type: string, n: number) => (events: Ev[]) =>
  events.filter((e) => e.__typename === type).length >= n;

/** The index of the first event matching, for order assertions (-1 when absent). */
export const indexOf = (events: Ev[], type: string, turnId?: string) =>
  events.findIndex((e) => e.__typename === type && (turnId === undefined || e.turnId === turnId));

export interface Feed {
  /** Every sessionEvents event so far, in arrival order. */
  events: Ev[];
  errors: unknown[];
  /** Resolves with the events once `ready` holds for them; fails after the timeout. */
  waitFor(ready: (events: Ev[]) => boolean, timeoutMs?: number): Promise<Ev[]>;
  stop(): void;
}

/** A session's events from `after` on, kept as they arrive. */
export function feed(client: Client, sessionId: string, after = 0): Feed {
  const events: Ev[] = [];
  const errors: unknown[] = [];
  let wake: () => void = () => {};
  const stop = client.subscribe<Record<string, any>>(
    { query: CONV_EVENTS.toString(), variables: { id: sessionId, after } },
    {
      next: (result) => {
        if (result.errors) errors.push(...result.errors);
        if (result.data) events.push(result.data.sessionEvents as Ev);
        wake();
      },
      error: (error) => {
        errors.push(error);
        wake();
      },
      complete: () => wake(),
    },
  );
  return {
    events,
    errors,
    stop,
    async waitFor(ready, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (!ready(events)) {
        if (errors.length) throw new Error(`subscription failed: ${JSON.stringify(errors)}`);
        const left = deadline - Date.now();
        if (left <= 0) {
          const tail = events.slice(-4).map((e) => e.__typename);
          throw new Error(`timed out after ${events.length} events (last: ${tail.join(', ')})`);
        }
        await new Promise<void>((resolve) => {
          const timer = setTimeout(resolve, Math.min(left, 200));
          wake = () => {
            clearTimeout(timer);
            resolve();
          };
        });
      }
      return events;
    },
  };
}

/** seq grows by one per event and none arrives twice. */
export function expectExactSeqs(events: Ev[], first?: number) {
  const seqs = events.map((e) => e.seq as number);
  expect(seqs.length).toBeGreaterThan(0);
  const start = first ?? (seqs[0] as number);
  expect(seqs).toEqual(seqs.map((_, i) => start + i));
}

/** The TextDeltas joined: what a client shows. */
export const textOf = (events: Ev[], turnId?: string) =>
  events
    .filter((e) => e.__typename === 'TextDelta' && (turnId === undefined || e.turnId === turnId))
    .map((e) => e.delta)
    .join('');

// --- the mock model --------------------------------------------------------------------------

/** A gate a held answer waits at, mid-stream, until the test opens it. */
export interface Gate {
  open(): void;
  readonly opened: Promise<void>;
}

export function gate(): Gate {
  let open: () => void = () => {};
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, opened };
}

/**
 * Answers held by question text: `hold(text)` makes the answer to `text` wait after its first
 * words (see Reply.holdAt) until the returned gate opens; `openAll` releases every one.
 */
export function holdable(holdAt = 4) {
  const gates = new Map<string, Gate>();
  return {
    hold(text: string): Gate {
      const g = gate();
      gates.set(text, g);
      return g;
    },
    /** The chunks of the answer to `text`, held when `hold(text)` was called. */
    reply(text: string, chunks: Chunk[]): Reply | Chunk[] {
      const held = gates.get(text);
      return held ? { chunks, holdAt, gate: held.opened } : chunks;
    },
    openAll() {
      for (const g of gates.values()) g.open();
    },
  };
}

export interface Reply {
  chunks: Chunk[];
  /** Before sending chunk `holdAt`, the stream waits for `gate` (or for the call's abort). */
  holdAt?: number;
  gate?: Promise<void>;
}

/** A prompt message as the model got it: role and text (reasoning and tool calls left out). */
export interface PromptLine {
  role: string;
  text: string;
}

export interface ConvCall {
  /** The text of the prompt's last user message. */
  userText: string;
  /** 0 for a turn's first model call, 1 after one tool round trip, … */
  step: number;
  /** The conversation the model read, system prompt left out. */
  prompt: PromptLine[];
  options: LanguageModelV3CallOptions;
}

function linesOf(prompt: LanguageModelV3Prompt): PromptLine[] {
  return prompt
    .filter((m) => m.role === 'user' || m.role === 'assistant')
    .map((m) => ({
      role: m.role,
      text: (m.content as { type: string; text?: string }[])
        .map((p) => (p.type === 'text' ? (p.text ?? '') : ''))
        .join(''),
    }));
}

function replyStream(reply: Reply, signal: AbortSignal | undefined): ReadableStream<Chunk> {
  let index = 0;
  let closed = false;
  const aborted = new Promise<void>((resolve) => {
    if (signal?.aborted) resolve();
    signal?.addEventListener('abort', () => resolve(), { once: true });
  });
  return new ReadableStream<Chunk>({
    async pull(controller) {
      if (closed) return;
      if (index === reply.holdAt && reply.gate) await Promise.race([reply.gate, aborted]);
      if (signal?.aborted) {
        closed = true;
        controller.error(new DOMException('The operation was aborted', 'AbortError'));
        return;
      }
      const chunk = reply.chunks[index];
      index += 1;
      if (chunk) controller.enqueue(chunk);
      else {
        closed = true;
        controller.close();
      }
    },
    cancel() {
      closed = true;
    },
  });
}

/**
 * The AI SDK's mock model answering each call through `route`, with every call's prompt kept.
 * Title requests (generateText) get a short title and are not recorded.
 */
export function convModel(route: (call: ConvCall) => Reply | Chunk[]) {
  const calls: ConvCall[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      const prompt = linesOf(options.prompt);
      const lastUser = options.prompt.findLastIndex((m) => m.role === 'user');
      const call: ConvCall = {
        userText:
          [...prompt]
            .reverse()
            .find((l) => l.role === 'user')
            ?.text.trim() ?? '',
        step: options.prompt.slice(lastUser + 1).filter((m) => m.role === 'assistant').length,
        prompt,
        options,
      };
      calls.push(call);
      const answer = route(call);
      const reply = Array.isArray(answer) ? { chunks: answer } : answer;
      return { stream: replyStream(reply, options.abortSignal) };
    },
    doGenerate: async () => ({
      content: [{ type: 'text', text: 'A title' }],
      finishReason: { unified: 'stop', raw: undefined },
      usage: usage(1, 1),
      warnings: [],
    }),
  });
  const callsFor = (userText: string) => calls.filter((c) => c.userText === userText);
  return { model, calls, callsFor };
}

/** Provider chunks of a text answer, one delta per word, with the given token usage. */
export function answerChunks(text: string, input = 10, output?: number): Chunk[] {
  const words = text.match(/\S+\s*/g) ?? [];
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id: 't1' },
    ...words.map((delta) => ({ type: 'text-delta' as const, id: 't1', delta })),
    { type: 'text-end', id: 't1' },
    {
      type: 'finish',
      finishReason: { unified: 'stop', raw: undefined },
      usage: usage(input, output ?? words.length),
    },
  ];
}

/** Chunks that reason first, then answer. */
export function reasoningChunks(reasoning: string, text: string): Chunk[] {
  const [start, ...rest] = answerChunks(text);
  return [
    start as Chunk,
    { type: 'reasoning-start', id: 'r1' },
    ...(reasoning.match(/\S+\s*/g) ?? []).map((delta) => ({
      type: 'reasoning-delta' as const,
      id: 'r1',
      delta,
    })),
    { type: 'reasoning-end', id: 'r1' },
    ...rest,
  ];
}

// --- requests ------------------------------------------------------------------------------

export async function newSession(a: Api, key: string): Promise<string> {
  const data = await a.ok(CreateSessionDocument, { input: {} }, key);
  return data.createSession.session.id;
}

export async function loadSession(a: Api, key: string, id: string) {
  const data = await a.ok(CONV_SESSION, { id }, key);
  const session = data.session;
  expect(session).toBeTruthy();
  const s = session as NonNullable<typeof session>;
  return { ...s, branch: s.messages.edges.map((e) => e.node) };
}

/**
 * Runs `act` (a mutation that starts a turn and returns its id) and waits for that turn's end;
 * returns the turn id and every event of the session seen meanwhile.
 */
export async function turnOf(
  t: TestApp,
  key: string,
  sessionId: string,
  act: () => Promise<string>,
) {
  const f = feed(t.ws(key), sessionId);
  try {
    const turnId = await act();
    const events = await f.waitFor(ended(turnId));
    return { turnId, events, end: endOf(events, turnId) as Ev };
  } finally {
    f.stop();
  }
}

/** Sends a message and waits for its answer; returns the user message and the answer. */
export async function exchange(t: TestApp, a: Api, key: string, sessionId: string, text: string) {
  let question = '';
  const { turnId, end, events } = await turnOf(t, key, sessionId, async () => {
    const data = await a.ok(CONV_SEND, { id: sessionId, text }, key);
    const sent = data.sendMessage;
    expect(sent?.turn.status).toBe('RUNNING');
    question = sent?.userMessage.id as string;
    return sent?.turn.id as string;
  });
  expect(end.__typename).toBe('TurnFinished');
  return { turnId, question, answer: end.message.id as string, text: end.message.text, events };
}
