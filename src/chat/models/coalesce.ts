import type {
  LanguageModelV3,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';

type Delta = LanguageModelV3StreamPart & { type: 'text-delta' | 'reasoning-delta' };

const isDelta = (part: LanguageModelV3StreamPart): part is Delta =>
  part.type === 'text-delta' || part.type === 'reasoning-delta';

/**
 * The model's stream with the text and reasoning deltas arriving within `windowMs` merged into
 * one. Any other part flushes the pending text first, so the order of parts never changes; a
 * stream that breaks delivers what it had before its error, and a cancelled one stops its timer.
 */
export function coalesceStream(
  source: ReadableStream<LanguageModelV3StreamPart>,
  windowMs: number,
): ReadableStream<LanguageModelV3StreamPart> {
  const reader = source.getReader();
  let pending: Delta | null = null;
  let timer: NodeJS.Timeout | undefined;
  let out: ReadableStreamDefaultController<LanguageModelV3StreamPart>;
  let done = false;
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending && !done) out.enqueue(pending);
    pending = null;
  };
  const pump = async () => {
    for (;;) {
      const { done: ended, value } = await reader.read();
      if (ended) break;
      if (!isDelta(value)) {
        flush();
        out.enqueue(value);
      } else if (pending && pending.type === value.type && pending.id === value.id) {
        pending = { ...pending, delta: pending.delta + value.delta };
      } else {
        flush();
        pending = { ...value };
        timer = setTimeout(flush, windowMs);
      }
    }
    flush();
    done = true;
    out.close();
  };
  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      out = controller;
      pump().catch((error) => {
        flush();
        if (!done) controller.error(error);
        done = true;
      });
    },
    cancel(reason) {
      done = true;
      clearTimeout(timer);
      pending = null;
      return reader.cancel(reason);
    },
  });
}

/**
 * A language-model middleware that merges text and reasoning deltas arriving within `windowMs`
 * into one delta, before they enter streamText. streamText's cost is per chunk (each crosses a
 * chain of web TransformStreams), so fewer, larger chunks cut the CPU of the whole token path;
 * a reader sees text at most `windowMs` later.
 */
export function coalesceDeltas(windowMs: number): LanguageModelV3Middleware {
  return {
    specificationVersion: 'v3',
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      return { ...rest, stream: coalesceStream(stream, windowMs) };
    },
  };
}

/** The model with delta coalescing when `windowMs` > 0. */
export function withCoalescing(model: LanguageModelV3, windowMs: number): LanguageModelV3 {
  if (windowMs <= 0) return model;
  return wrapLanguageModel({ model, middleware: coalesceDeltas(windowMs) });
}
