import { randomUUID } from 'node:crypto';
import type {
  LanguageModelV3,
  LanguageModelV3CallOptions,
  LanguageModelV3FinishReason,
  LanguageModelV3Prompt,
  LanguageModelV3StreamPart,
  LanguageModelV3Text,
  LanguageModelV3ToolCall,
  LanguageModelV3Usage,
} from '@ai-sdk/provider';
import { TITLE_INSTRUCTIONS } from '../title.js';
import { answerFor, clip, titleFrom } from './local-answers.js';
import {
  addToCartInput,
  chooseProduct,
  detectIntent,
  isAddToCart,
  knownProducts,
  lastIndexOfRole,
  messageText,
} from './local-intents.js';

/**
 * The offline `local` model: not a language model but a deterministic stand-in that reads the
 * prompt with a few rules, calls the agent's tools when the user asks for what they do, and
 * answers from the tool results. Everything runs with nothing installed and no key.
 */

type Plan =
  | { type: 'text'; text: string }
  | { type: 'tool-call'; toolName: string; input: Record<string, unknown> };

// ---------------------------------------------------------------------------------------------
// Deciding what to do

function availableTools(options: LanguageModelV3CallOptions): Set<string> {
  const choice = options.toolChoice;
  if (choice?.type === 'none') return new Set();
  const names = (options.tools ?? []).filter((t) => t.type === 'function').map((t) => t.name);
  return new Set(choice?.type === 'tool' ? names.filter((n) => n === choice.toolName) : names);
}

function plan(options: LanguageModelV3CallOptions): Plan {
  const { prompt } = options;
  const systemMessages = prompt.filter((m) => m.role === 'system').map((m) => m.content);
  if (systemMessages.includes(TITLE_INSTRUCTIONS)) return { type: 'text', text: titleFrom(prompt) };
  const system = systemMessages.join('\n');
  const tools = availableTools(options);
  const last = prompt.at(-1);
  const userText = messageText(prompt[lastIndexOfRole(prompt, 'user')]);

  if (last?.role === 'tool') {
    const results = last.content.filter((p) => p.type === 'tool-result');
    // "add … to my cart" with nothing listed yet searched first; now add the best match.
    const userIndex = lastIndexOfRole(prompt, 'user');
    const addedSince = prompt
      .slice(userIndex + 1)
      .some(
        (m) =>
          m.role === 'assistant' &&
          m.content.some((p) => p.type === 'tool-call' && p.toolName === 'addToCart'),
      );
    if (
      isAddToCart(userText.toLowerCase()) &&
      !addedSince &&
      tools.has('addToCart') &&
      results.some((r) => r.toolName === 'searchProducts')
    ) {
      const product = chooseProduct(userText, knownProducts(prompt));
      if (product) {
        return {
          type: 'tool-call',
          toolName: 'addToCart',
          input: addToCartInput(userText, product, system),
        };
      }
    }
    if (results.length > 0) return { type: 'text', text: results.map(answerFor).join(' ') };
  }

  if (last?.role === 'user') {
    const intent = detectIntent(userText, prompt, system);
    if (intent && tools.has(intent.toolName)) {
      return { type: 'tool-call', toolName: intent.toolName, input: intent.input };
    }
    if (intent) {
      return {
        type: 'text',
        text: `I am the offline local model and this assistant has no ${intent.toolName} tool, so I cannot do that here. You said: "${clip(userText, 25)}"`,
      };
    }
  }
  if (!userText) {
    return { type: 'text', text: 'Hello! I am the offline local model. How can I help?' };
  }
  return {
    type: 'text',
    text: `I am the offline local model, not a real language model. You said: "${clip(userText, 25)}"`,
  };
}

// ---------------------------------------------------------------------------------------------
// Speaking the LanguageModelV3 protocol

function countWords(text: string): number {
  return text.match(/\S+/g)?.length ?? 0;
}

function promptWords(prompt: LanguageModelV3Prompt): number {
  let count = 0;
  for (const message of prompt) {
    if (message.role === 'system') {
      count += countWords(message.content);
      continue;
    }
    for (const part of message.content) {
      if (part.type === 'text' || part.type === 'reasoning') count += countWords(part.text);
      else if (part.type === 'tool-call') count += countWords(JSON.stringify(part.input ?? {}));
      else if (part.type === 'tool-result') count += countWords(JSON.stringify(part.output));
    }
  }
  return count;
}

function usageOf(prompt: LanguageModelV3Prompt, outputWords: number): LanguageModelV3Usage {
  const input = promptWords(prompt);
  return {
    inputTokens: { total: input, noCache: input, cacheRead: 0, cacheWrite: 0 },
    outputTokens: { total: outputWords, text: outputWords, reasoning: 0 },
  };
}

function contentOf(p: Plan): {
  content: LanguageModelV3Text | LanguageModelV3ToolCall;
  finishReason: LanguageModelV3FinishReason;
  words: number;
} {
  if (p.type === 'text') {
    return {
      content: { type: 'text', text: p.text },
      finishReason: { unified: 'stop', raw: undefined },
      words: countWords(p.text),
    };
  }
  const input = JSON.stringify(p.input);
  return {
    content: { type: 'tool-call', toolCallId: `call_${randomUUID()}`, toolName: p.toolName, input },
    finishReason: { unified: 'tool-calls', raw: undefined },
    words: countWords(input.replace(/[{}":,]/g, ' ')),
  };
}

/** An error streamText recognises as an abort (an `abort` part rather than an `error` part). */
function abortError(signal: AbortSignal): unknown {
  const reason: unknown = signal.reason;
  if (reason instanceof Error && (reason.name === 'AbortError' || reason.name === 'TimeoutError')) {
    return reason;
  }
  const message =
    reason instanceof Error ? reason.message : typeof reason === 'string' ? reason : 'aborted';
  return new DOMException(message, 'AbortError');
}

function streamParts(
  parts: LanguageModelV3StreamPart[],
  delayMs: number,
  signal: AbortSignal | undefined,
): ReadableStream<LanguageModelV3StreamPart> {
  let index = 0;
  let finished = false;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let wake: (() => void) | undefined;
  let onAbort: (() => void) | undefined;

  const stop = () => {
    finished = true;
    if (timer) clearTimeout(timer);
    timer = undefined;
    wake?.();
    if (onAbort) signal?.removeEventListener('abort', onAbort);
  };

  const pause = (ms: number) =>
    ms > 0
      ? new Promise<void>((resolve) => {
          wake = resolve;
          timer = setTimeout(resolve, ms);
        })
      : Promise.resolve();

  return new ReadableStream<LanguageModelV3StreamPart>({
    start(controller) {
      if (!signal) return;
      onAbort = () => {
        if (finished) return;
        stop();
        controller.error(abortError(signal));
      };
      if (signal.aborted) onAbort();
      else signal.addEventListener('abort', onAbort, { once: true });
    },
    async pull(controller) {
      const part = parts[index];
      if (finished) return;
      if (!part) {
        stop();
        controller.close();
        return;
      }
      // One pause between words; delay 0 still yields, so an abort can land between any two chunks.
      const previous = parts[index - 1];
      await pause(part.type === 'text-delta' && previous?.type === 'text-delta' ? delayMs : 0);
      timer = undefined;
      wake = undefined;
      if (finished) return;
      index++;
      controller.enqueue(part);
    },
    cancel() {
      stop();
    },
  });
}

export function createLocalModel(options: { delayMs: number }): LanguageModelV3 {
  const delayMs = Math.max(0, options.delayMs);
  return {
    specificationVersion: 'v3',
    provider: 'local',
    modelId: 'local',
    supportedUrls: {},

    async doGenerate(call) {
      if (call.abortSignal?.aborted) throw abortError(call.abortSignal);
      const { content, finishReason, words } = contentOf(plan(call));
      return {
        content: [content],
        finishReason,
        usage: usageOf(call.prompt, words),
        response: { modelId: 'local', timestamp: new Date() },
        warnings: [],
      };
    },

    async doStream(call) {
      const { content, finishReason, words } = contentOf(plan(call));
      const parts: LanguageModelV3StreamPart[] = [
        { type: 'stream-start', warnings: [] },
        { type: 'response-metadata', modelId: 'local', timestamp: new Date() },
      ];
      if (content.type === 'text') {
        const id = 'text-0';
        parts.push({ type: 'text-start', id });
        for (const word of content.text.match(/\S+\s*/g) ?? []) {
          parts.push({ type: 'text-delta', id, delta: word });
        }
        parts.push({ type: 'text-end', id });
      } else {
        parts.push(content);
      }
      parts.push({ type: 'finish', finishReason, usage: usageOf(call.prompt, words) });
      return { stream: streamParts(parts, delayMs, call.abortSignal) };
    },
  };
}
