import type { LanguageModelV3StreamPart } from '@ai-sdk/provider';
import { simulateReadableStream, streamText } from 'ai';
import { MockLanguageModelV3 } from 'ai/test';
import { describe, expect, it } from 'vitest';
import { coalesceStream, withCoalescing } from '../../src/chat/models/coalesce.js';
import { textChunks } from '../helpers/mock-model.js';

const WORDS = Array.from({ length: 40 }, (_, i) => `word${i}`).join(' ');

function model(chunkDelayInMs: number) {
  return new MockLanguageModelV3({
    doStream: async () => ({
      stream: simulateReadableStream({
        chunks: textChunks(WORDS),
        chunkDelayInMs,
        initialDelayInMs: 0,
      }),
    }),
  });
}

async function deltas(m: Parameters<typeof streamText>[0]['model']) {
  const out: string[] = [];
  const result = streamText({ model: m, prompt: 'hi' });
  for await (const part of result.fullStream) if (part.type === 'text-delta') out.push(part.text);
  return { out, text: await result.text };
}

describe('delta coalescing', () => {
  it('merges deltas within the window into fewer, larger ones without changing the text', async () => {
    const plain = await deltas(model(2));
    const merged = await deltas(withCoalescing(model(2), 25));
    expect(plain.out).toHaveLength(40);
    expect(merged.out.join('')).toBe(WORDS);
    expect(merged.text).toBe(WORDS);
    expect(merged.out.length).toBeLessThan(20);
  });

  it('changes nothing when off, or when deltas are further apart than the window', async () => {
    expect((await deltas(withCoalescing(model(0), 0))).out).toHaveLength(40);
    const slow = await deltas(withCoalescing(model(15), 2));
    expect(slow.out.join('')).toBe(WORDS);
    expect(slow.out.length).toBeGreaterThan(30);
  });
});

describe('delta coalescing when the stream breaks', () => {
  it('delivers the text it held before the error, then the error, and nothing after it', async () => {
    const source = new ReadableStream<LanguageModelV3StreamPart>({
      start(controller) {
        for (const chunk of textChunks('partial answer').slice(0, -2)) controller.enqueue(chunk);
        setTimeout(() => controller.error(new Error('connection reset')), 5);
      },
    });
    const seen: string[] = [];
    const reader = coalesceStream(source, 200).getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        seen.push(value.type === 'text-delta' ? value.delta : value.type);
      }
    } catch (error) {
      seen.push(`<${(error as Error).message}>`);
    }
    expect(seen).toEqual(['stream-start', 'text-start', 'partial answer', '<connection reset>']);
    // The window's timer must not fire into the errored stream (it would throw, uncaught).
    await new Promise((r) => setTimeout(r, 250));
  });
});
