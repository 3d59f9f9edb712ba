import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { graphql } from '../../client/generated/gql.js';
import { collect, startTestApp, type TestApp } from '../helpers/app.js';
import { type Ev, eventsOf } from '../helpers/events.js';
import { TestSessionEvents } from '../helpers/operations.js';

/**
 * A local server speaking the OpenAI chat-completions streaming format, as Ollama, vLLM and
 * llama.cpp do: step 1 streams a tool call whose id, name and arguments arrive split across
 * chunks; step 2 streams text. Usage comes in the last chunk (stream_options.include_usage).
 */
const requests: any[] = [];
let server: Server;
let t: TestApp;

function sse(res: import('node:http').ServerResponse, chunks: unknown[]) {
  res.writeHead(200, { 'content-type': 'text/event-stream' });
  for (const chunk of chunks) res.write(`data: ${JSON.stringify(chunk)}\n\n`);
  res.end('data: [DONE]\n\n');
}

const base = { id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1, model: 'wire-model' };
const delta = (d: object, finish: string | null = null) => ({
  ...base,
  choices: [{ index: 0, delta: d, finish_reason: finish }],
});

beforeAll(async () => {
  server = createServer(async (req: IncomingMessage, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const request = JSON.parse(body);
    requests.push({ url: req.url, auth: req.headers.authorization, body: request });
    const last = request.messages.at(-1);
    if (!request.stream) {
      // The title call after the first exchange (generateText, not streamed).
      res.setHeader('content-type', 'application/json');
      res.end(
        JSON.stringify({
          id: 'chatcmpl-2',
          object: 'chat.completion',
          created: 1,
          model: 'wire-model',
          choices: [
            {
              index: 0,
              message: { role: 'assistant', content: '"Running shoes under $120."' },
              finish_reason: 'stop',
            },
          ],
          usage: { prompt_tokens: 20, completion_tokens: 5, total_tokens: 25 },
        }),
      );
    } else if (last.role !== 'tool') {
      sse(res, [
        delta({ role: 'assistant', content: null }),
        delta({
          tool_calls: [
            {
              index: 0,
              id: 'call_abc',
              type: 'function',
              function: { name: 'searchProducts', arguments: '' },
            },
          ],
        }),
        delta({ tool_calls: [{ index: 0, function: { arguments: '{"query":"running ' } }] }),
        delta({ tool_calls: [{ index: 0, function: { arguments: 'shoes","maxPrice":' } }] }),
        delta({ tool_calls: [{ index: 0, function: { arguments: '120}' } }] }),
        delta({}, 'tool_calls'),
        {
          ...base,
          choices: [],
          usage: { prompt_tokens: 50, completion_tokens: 12, total_tokens: 62 },
        },
      ]);
    } else {
      const found = JSON.parse(last.content).products.map((p: any) => p.name);
      const words = `I found ${found[0]} for you.`.split(/(?<= )/);
      sse(res, [
        delta({ role: 'assistant', content: '' }),
        ...words.map((w) => delta({ content: w })),
        delta({}, 'stop'),
        {
          ...base,
          choices: [],
          usage: { prompt_tokens: 80, completion_tokens: 9, total_tokens: 89 },
        },
      ]);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  t = await startTestApp({
    env: {
      MODEL: 'openai:wire-model',
      OPENAI_BASE_URL: `http://127.0.0.1:${port}/v1`,
      OPENAI_API_KEY: 'sk-wire',
    },
    modelFromConfig: true,
  });
});
afterAll(async () => {
  await t?.close();
  server?.close();
});

describe('an OpenAI-compatible server through @ai-sdk/openai', () => {
  it('runs a two-step tool turn from the streamed wire format and stores its usage', async () => {
    const alice = await t.user();
    const sent = await t.gql(
      graphql(`
        mutation WireSendMessage {
          sendMessage(input: { text: "find me running shoes under $120" }) {
            session { id }
            turn { id model }
          }
        }
      `),
      {},
      alice.key,
    );
    expect(sent.errors).toBeUndefined();
    expect(sent.data?.sendMessage?.turn.model).toBe('openai:wire-model');
    const sessionId = sent.data!.sendMessage!.session.id;
    const sub = collect(t.ws(alice.key), TestSessionEvents, { id: sessionId, after: 0 }, (e) =>
      ['TurnFinished', 'TurnFailed'].includes(e.sessionEvents.__typename),
    );
    const events = eventsOf(await sub.done, 'TurnFinished');
    const called = events.find((e) => e.__typename === 'ToolCalled');
    expect(called).toMatchObject({
      toolCallId: 'call_abc',
      toolName: 'searchProducts',
      input: { query: 'running shoes', maxPrice: 120 },
    });
    const result = events.find((e) => e.__typename === 'ToolResulted') as Ev;
    const firstProduct = result.output.products[0].name;
    expect(result.output.products.every((p: any) => p.price <= 120)).toBe(true);
    const finished = events.at(-1) as Ev;
    expect(finished.__typename).toBe('TurnFinished');
    expect(finished.message.text).toBe(`I found ${firstProduct} for you.`);
    expect(
      events
        .filter((e) => e.__typename === 'TextDelta')
        .map((e) => e.delta)
        .join(''),
    ).toBe(finished.message.text);
    expect(finished.message.parts.find((p: any) => p.__typename === 'ToolPart')).toMatchObject({
      toolCallId: 'call_abc',
      state: 'OUTPUT_AVAILABLE',
    });
    // Usage of both steps, summed and stored.
    expect(finished.turn.usage).toEqual({ inputTokens: 130, outputTokens: 21, totalTokens: 151 });

    // What the server received: chat-completions with the agent's tools, then the tool result.
    const chat = requests.filter((r) => r.url === '/v1/chat/completions' && r.body.stream);
    expect(chat).toHaveLength(2);
    const first = chat[0].body;
    expect(chat[0].auth).toBe('Bearer sk-wire');
    expect(first.model).toBe('wire-model');
    expect(first.stream).toBe(true);
    expect(first.messages[0].role).toBe('system');
    expect(first.messages.at(-1)).toEqual({
      role: 'user',
      content: 'find me running shoes under $120',
    });
    expect(first.tools.map((tool: any) => tool.function.name).sort()).toEqual([
      'addToCart',
      'checkout',
      'getProduct',
      'listOrders',
      'rememberPreference',
      'removeFromCart',
      'searchProducts',
      'viewCart',
    ]);
    const second = chat[1].body.messages;
    expect(second.at(-2)).toMatchObject({
      role: 'assistant',
      tool_calls: [{ id: 'call_abc', type: 'function', function: { name: 'searchProducts' } }],
    });
    expect(second.at(-1)).toMatchObject({ role: 'tool', tool_call_id: 'call_abc' });

    // Then a short title call titles the session, cleaned of quotes and the final period.
    await expect
      .poll(
        async () => (await t.db.prisma.session.findFirst({ where: { userId: alice.id } }))?.title,
      )
      .toBe('Running shoes under $120');
  });
});
