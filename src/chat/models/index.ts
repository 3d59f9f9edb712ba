import { createOpenAI } from '@ai-sdk/openai';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { withCoalescing } from './coalesce.js';
import { coalescingFetch } from './coalesce-fetch.js';
import { createLocalModel } from './local.js';

export interface ModelConfig {
  /** "local" or "openai:<model id>". */
  model: string;
  openaiApiKey?: string;
  openaiBaseUrl?: string;
  localModelDelayMs: number;
  /** Merge text deltas arriving within this window (0 or unset: off). */
  streamCoalesceMs?: number;
}

/**
 * The language model named by the configuration, and the name logs and `health.model` show,
 * with its text deltas coalesced: on the wire for OpenAI and OpenAI-compatible servers (before
 * the SDK parses them), by a model middleware otherwise.
 */
export function resolveModel(config: ModelConfig): { model: LanguageModelV3; name: string } {
  if (config.model === 'local') {
    const local = createLocalModel({ delayMs: config.localModelDelayMs });
    return { model: withCoalescing(local, config.streamCoalesceMs ?? 0), name: 'local' };
  }
  const openaiId = /^openai:(.+)$/.exec(config.model)?.[1]?.trim();
  if (openaiId) {
    const provider = createOpenAI({
      // Ollama, vLLM and llama.cpp need no key, but the SDK refuses to call without one.
      apiKey: config.openaiApiKey ?? (config.openaiBaseUrl ? 'not-needed' : undefined),
      baseURL: config.openaiBaseUrl,
      fetch: coalescingFetch(config.streamCoalesceMs ?? 0),
    });
    // Those servers only speak Chat Completions; OpenAI itself gets the Responses API.
    const model = config.openaiBaseUrl ? provider.chat(openaiId) : provider(openaiId);
    return { model, name: config.model };
  }
  throw new Error(`unknown model "${config.model}": use "local" or "openai:<model id>"`);
}
