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
    { type: 'finish', finishReason: { unified: 'stop', raw: undefined }, usage: usage(10, words.length) },
  ];
}

export function toolCallChunks(toolName: string, input: unknown, toolCallId = 'call-1'): Chunk[] {
  return [
    { type: 'stream-start', warnings: [] },
    { type: 'tool-call', toolCallId, toolName, input: JSON.stringify(input) },
    { type: 'finish', finishReason: { unified: 'tool-calls', raw: undefined }, usage: usage(12, 5) },
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
