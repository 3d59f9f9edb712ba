import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createOpenAI } from '@ai-sdk/openai';
import { streamText, tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { coalesceServerSentEvents, coalescingFetch } from '../../src/chat/models/coalesce-fetch.js';

/**
 * An OpenAI-compatible server over real HTTP: chat-completions chunks, one word each, written
 * `gapMs` apart (0: in one burst), then a tool call split across chunks, a finish and usage.
 */
const WORDS = Array.from({ length: 40 }, (_, i) => `w${i} `);
const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'm' };
const chunk = (delta: object, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta, finish_reason: finish }],
});
let server: Server;
let baseURL: string;
let gapMs = 0;

async function stream(res: ServerResponse) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  const send = (event: unknown) => res.write(`data: ${JSON.stringify(event)}\n\n`);
  send(chunk({ role: 'assistant', content: '' }));
  for (const word of WORDS) {
    send(chunk({ content: word }));
    if (gapMs) await new Promise((r) => setTimeout(r, gapMs));
  }
  const call = {
    index: 0,
    id: 'call_1',
    type: 'function',
    function: { name: 'echo', arguments: '' },
  };
  send(chunk({ tool_calls: [call] }));
  send(chunk({ tool_calls: [{ index: 0, function: { arguments: '{"text":' } }] }));
  send(chunk({ tool_calls: [{ index: 0, function: { arguments: '"hi"}' } }] }));
  send(chunk({}, 'tool_calls'));
  send({
    ...base,
    choices: [],
    usage: { prompt_tokens: 7, completion_tokens: 40, total_tokens: 47 },
  });
  res.end('data: [DONE]\n\n');
}

beforeAll(async () => {
  server = createServer((req, res) => {
    req.resume();
    req.on('end', () => void stream(res));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  baseURL = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  server?.close();
});

async function run(windowMs: number) {
  const provider = createOpenAI({ baseURL, apiKey: 'k', fetch: coalescingFetch(windowMs) });
  const result = streamText({
    model: provider.chat('m'),
    prompt: 'hi',
    tools: { echo: tool({ inputSchema: z.object({ text: z.string() }) }) },
  });
  const deltas: string[] = [];
  const calls: unknown[] = [];
  for await (const part of result.fullStream) {
    if (part.type === 'text-delta') deltas.push(part.text);
    if (part.type === 'tool-call') calls.push({ name: part.toolName, input: part.input });
  }
  return { deltas, calls, usage: await result.usage, finishReason: await result.finishReason };
}

describe('wire-level delta coalescing (OpenAI-compatible providers)', () => {
  it('merges a burst of text chunks into a few, keeping the text, the tool call and the usage', async () => {
    gapMs = 0;
    const plain = await run(0);
    const merged = await run(30);
    expect(plain.deltas.filter(Boolean)).toHaveLength(40);
    expect(merged.deltas.join('')).toBe(WORDS.join(''));
    expect(merged.deltas.filter(Boolean).length).toBeLessThan(5);
    expect(merged.calls).toEqual([{ name: 'echo', input: { text: 'hi' } }]);
    expect(merged.calls).toEqual(plain.calls);
    expect(merged.usage).toMatchObject({ inputTokens: 7, outputTokens: 40, totalTokens: 47 });
    expect(merged.finishReason).toBe('tool-calls');
  });

  it('leaves chunks further apart than the window as they are', async () => {
    gapMs = 15;
    const paced = await run(2);
    expect(paced.deltas.join('')).toBe(WORDS.join(''));
    expect(paced.deltas.filter(Boolean).length).toBeGreaterThan(30);
  });

  it('merges Responses API text deltas of one content part, keeping their event lines', async () => {
    const events = [
      { type: 'response.created', sequence_number: 0 },
      ...['a', 'b', 'c'].map((delta, i) => ({
        type: 'response.output_text.delta',
        sequence_number: i + 1,
        item_id: 'msg_1',
        output_index: 0,
        content_index: 0,
        delta,
      })),
      { type: 'response.completed', sequence_number: 4 },
    ];
    const text = events.map((e) => `event: ${e.type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
    const body = new Response(text).body as ReadableStream<Uint8Array>;
    const out = await new Response(coalesceServerSentEvents(body, 20)).text();
    const blocks = out.trim().split('\n\n');
    expect(blocks).toHaveLength(3);
    expect(blocks[1]?.split('\n')[0]).toBe('event: response.output_text.delta');
    expect(JSON.parse(blocks[1]?.split('\n')[1]?.slice(6) ?? '')).toMatchObject({
      delta: 'abc',
      sequence_number: 1,
    });
  });
});
