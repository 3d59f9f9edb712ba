import type {
  LanguageModelV3,
  LanguageModelV3Middleware,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';

/**
 * A language-model middleware that merges text and reasoning deltas arriving within `windowMs`
 * into one delta, before they enter streamText. streamText's cost is per chunk (each crosses a
 * chain of web TransformStreams), so fewer, larger chunks cut the CPU of the whole token path;
 * a reader sees text at most `windowMs` later. Any other chunk flushes the pending text first,
 * so the order of parts never changes.
 */
export function coalesceDeltas(windowMs: number): LanguageModelV3Middleware {
  return {
    specificationVersion: 'v3',
    wrapStream: async ({ doStream }) => {
      const { stream, ...rest } = await doStream();
      let pending: (LanguageModelV3StreamPart & { type: 'text-delta' | 'reasoning-delta' }) | null =
        null;
      let timer: NodeJS.Timeout | undefined;
      let controllerRef: TransformStreamDefaultController<LanguageModelV3StreamPart> | undefined;
      const flush = () => {
        if (timer) clearTimeout(timer);
        timer = undefined;
        if (pending && controllerRef) {
          controllerRef.enqueue(pending);
          pending = null;
        }
      };
      return {
        ...rest,
        stream: stream.pipeThrough(
          new TransformStream<LanguageModelV3StreamPart, LanguageModelV3StreamPart>({
            start(controller) {
              controllerRef = controller;
            },
            transform(chunk, controller) {
              if (chunk.type === 'text-delta' || chunk.type === 'reasoning-delta') {
                if (pending && pending.type === chunk.type && pending.id === chunk.id) {
                  pending = { ...pending, delta: pending.delta + chunk.delta };
                  return;
                }
                flush();
                pending = { ...chunk };
                timer = setTimeout(flush, windowMs);
                return;
              }
              flush();
              controller.enqueue(chunk);
            },
            flush() {
              flush();
              controllerRef = undefined;
            },
          }),
        ),
      };
    },
  };
}

/** The model with delta coalescing when `windowMs` > 0. */
export function withCoalescing(model: LanguageModelV3, windowMs: number): LanguageModelV3 {
  if (windowMs <= 0) return model;
  return wrapLanguageModel({ model, middleware: coalesceDeltas(windowMs) });
}
