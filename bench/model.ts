import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
} from '@ai-sdk/provider';
import { wrapLanguageModel } from 'ai';
import { nowMs } from './lib/stats.js';
import { BENCH_TOOL, benchResults, parseBenchPrompt } from './lib/text.js';

/**
 * Emission times of the model's text deltas per bench stream (tag), on the machine-wide monotonic
 * clock (bench/lib/stats.ts nowMs), so the client process can compute delivery latency.
 */
export class EmitTrace {
  private readonly streams = new Map<string, number[]>();

  record(tag: string): void {
    let list = this.streams.get(tag);
    if (!list) {
      list = [];
      this.streams.set(tag, list);
    }
    list.push(nowMs());
  }

  reset(): void {
    this.streams.clear();
  }

  toJSON(): Record<string, number[]> {
    return Object.fromEntries(this.streams);
  }
}

function lastUserText(prompt: LanguageModelV3Prompt): string {
  for (let i = prompt.length - 1; i >= 0; i--) {
    const m = prompt[i];
    if (m?.role !== 'user') continue;
    return m.content
      .map((p) => (p.type === 'text' ? p.text : ''))
      .join(' ')
      .trim();
  }
  return '';
}

/**
 * A bench request ("bench <tokens> <tag>") becomes a prompt that ends with tool results the
 * local model echoes word for word: exactly <tokens> words (see bench/lib/text.ts).
 */
function rewrite(params: LanguageModelV3CallOptions): LanguageModelV3CallOptions {
  const bench = parseBenchPrompt(lastUserText(params.prompt));
  if (!bench) return params;
  const userIndex = params.prompt.findLastIndex((m) => m.role === 'user');
  const results = benchResults(bench.tokens);
  const prompt: LanguageModelV3Prompt = [
    ...params.prompt.slice(0, userIndex + 1),
    {
      role: 'assistant',
      content: results.map((_, i) => ({
        type: 'tool-call' as const,
        toolCallId: `bench-${i}`,
        toolName: BENCH_TOOL,
        input: {},
      })),
    },
    {
      role: 'tool',
      content: results.map((value, i) => ({
        type: 'tool-result' as const,
        toolCallId: `bench-${i}`,
        toolName: BENCH_TOOL,
        output: { type: 'text' as const, value },
      })),
    },
  ];
  return { ...params, prompt };
}

/**
 * Calls `create` (which builds a ReadableStream synchronously) with the global ReadableStream
 * constructor swapped for one whose controller timestamps every text delta as it is enqueued:
 * the moment the model emits it, at the cost of one clock read per delta and no extra stream
 * stage (an extra TransformStream would add measurable CPU per token on Node 20).
 */
function withEmitTimestamps<T>(onDelta: () => void, create: () => T): T {
  const Original = globalThis.ReadableStream;
  function Traced(
    source: UnderlyingDefaultSource<LanguageModelV3StreamPart>,
    strategy?: QueuingStrategy<LanguageModelV3StreamPart>,
  ) {
    let wrapped: ReadableStreamDefaultController<LanguageModelV3StreamPart> | undefined;
    const wrap = (c: ReadableStreamDefaultController<LanguageModelV3StreamPart>) => {
      wrapped ??= {
        enqueue(chunk) {
          if (chunk?.type === 'text-delta') onDelta();
          c.enqueue(chunk);
        },
        close: () => c.close(),
        error: (e) => c.error(e),
        get desiredSize() {
          return c.desiredSize;
        },
      };
      return wrapped;
    };
    return new Original<LanguageModelV3StreamPart>(
      {
        start: source.start && ((c) => source.start?.(wrap(c))),
        pull: source.pull && ((c) => source.pull?.(wrap(c))),
        cancel: source.cancel && ((r) => source.cancel?.(r)),
      },
      strategy,
    );
  }
  globalThis.ReadableStream = Traced as unknown as typeof ReadableStream;
  try {
    return create();
  } finally {
    globalThis.ReadableStream = Original;
  }
}

/**
 * The `local` model as the benchmark drives it: bench prompts rewritten (once per call), and
 * the emission time of each text delta recorded in `trace` under the request's tag. Any other
 * request (titles, ordinary messages) reaches the local model unchanged.
 */
export function createBenchModel(local: LanguageModelV3, trace?: EmitTrace): LanguageModelV3 {
  const traced: LanguageModelV3 = {
    ...local,
    doGenerate: (call) => local.doGenerate(call),
    doStream(call) {
      const bench = trace ? parseBenchPrompt(lastUserText(call.prompt)) : null;
      if (!bench || !trace) return local.doStream(call);
      // local.doStream builds its stream synchronously, before its first await.
      return withEmitTimestamps(
        () => trace.record(bench.tag),
        () => local.doStream(call),
      );
    },
  };
  return wrapLanguageModel({
    model: traced,
    middleware: {
      specificationVersion: 'v3',
      transformParams: async ({ params }) => rewrite(params),
    },
  });
}
