import type { LanguageModelV3CallOptions, LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';

type Chunk = LanguageModelV3StreamPart;

export const usage = (input: number, output: number) => ({
  inputTokens: { total: input, noCache: input, cacheRead: undefined, cacheWrite: undefined },
  outputTokens: { total: output, text: output, reasoning: undefined },
});

/** Provider chunks of a text answer, one delta per word. */
export function textChunks(text: string, id = 't1'): Chunk[] {
  const words = text.match(/\S+\s*/g) ?? [];
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'text-start', id },
    ...words.map((delta) => ({ type: 'text-delta' as const, id, delta })),
    { type: 'text-end', id },
    {
      type: 'finish',
      finishReason: { unified: 'stop', raw: undefined },
      usage: usage(10, words.length),
    },
  ];
}

export function toolCallChunks(toolName: string, input: unknown, toolCallId = 'call-1'): Chunk[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) },
    {
      type: 'finish',
      finishReason: { unified: 'tool-calls', raw: undefined },
      usage: usage(12, 5),
    },
  ];
}

/**
 * The AI SDK's mock model answering each model call (step) with the next script; `delayMs`
 * between chunks. Records every call's options so tests can read the prompt the model got.
 */
export function scriptedModel(scripts: Chunk[][], delayMs = 0) {
  const calls: LanguageModelV3CallOptions[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      calls.push(options);
      const chunks = scripts[Math.min(calls.length - 1, scripts.length - 1)] ?? [];
      return {
        stream: simulateReadableStream({ chunks, chunkDelayInMs: delayMs, initialDelayInMs: 0 }),
      };
    },
  });
  return { model, calls };
}

/** What a routed model answers to one model call (one step). */
export interface Reply {
  chunks: Chunk[];
  /** Delay before every chunk but the first, in ms. */
  delayMs?: number;
  /** After the chunks, the stream fails with this error (a provider dropping mid-answer). */
  error?: unknown;
}

export interface RoutedCall {
  /** The text of the prompt's last user message. */
  userText: string;
  /** 0 for the first model call of a turn, 1 after one tool round trip, … */
  step: number;
  options: LanguageModelV3CallOptions;
}

type Prompt = LanguageModelV3CallOptions['prompt'];

const lastUserIndex = (prompt: Prompt) => prompt.findLastIndex((m) => m.role === 'user');

function userTextOf(prompt: Prompt): string {
  const message = prompt[lastUserIndex(prompt)];
  if (message?.role !== 'user') return '';
  return message.content
    .map((p) => (p.type === 'text' ? p.text : ''))
    .join('')
    .trim();
}

/** A stream of the reply's chunks that stops with an AbortError when the call is aborted, as fetch does. */
function replyStream(reply: Reply, signal: AbortSignal | undefined): ReadableStream<Chunk> {
  let index = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let closed = false;
  return new ReadableStream<Chunk>({
    start(controller) {
      signal?.addEventListener(
        'abort',
        () => {
          if (closed) return;
          closed = true;
          if (timer) clearTimeout(timer);
          wake?.();
          controller.error(new DOMException('The operation was aborted', 'AbortError'));
        },
        { once: true },
      );
    },
    async pull(controller) {
      if (closed) return;
      if (index > 0 && reply.delayMs) {
        await new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, reply.delayMs);
        });
        if (closed) return;
      }
      const chunk = reply.chunks[index];
      if (chunk) {
        index += 1;
        controller.enqueue(chunk);
        return;
      }
      closed = true;
      if (reply.error !== undefined) controller.error(reply.error);
      else controller.close();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}

/**
 * A mock model that answers each call by what it is about (`route` sees the last user text and
 * the step), so one app can serve many tests, even concurrent ones. Title requests (generateText)
 * are answered with the first words of the user message and are not recorded as calls.
 */
export function routedModel(route: (call: RoutedCall) => Reply | Chunk[]) {
  const calls: RoutedCall[] = [];
  const titles: string[] = [];
  const model = new MockLanguageModelV3({
    doStream: async (options) => {
      const { prompt } = options;
      const call: RoutedCall = {
        userText: userTextOf(prompt),
        step: prompt.slice(lastUserIndex(prompt) + 1).filter((m) => m.role === 'assistant').length,
        options,
      };
      calls.push(call);
      const answer = route(call);
      const reply = Array.isArray(answer) ? { chunks: answer } : answer;
      return { stream: replyStream(reply, options.abortSignal) };
    },
    doGenerate: async (options) => {
      const userText = userTextOf(options.prompt);
      titles.push(userText);
      return {
        content: [{ type: 'text', text: `"${userText.split(/\s+/).slice(0, 4).join(' ')}"` }],
        finishReason: { unified: 'stop', raw: undefined },
        usage: usage(5, 4),
        warnings: [],
      };
    },
  });
  /** The calls made for one user message, in order. */
  const callsFor = (userText: string) => calls.filter((c) => c.userText === userText);
  return { model, calls, titles, callsFor };
}
