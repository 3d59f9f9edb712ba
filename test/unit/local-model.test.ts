import {
  generateText,
  type ModelMessage,
  stepCountIs,
  streamText,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLocalModel } from '../../src/chat/models/local.js';
import { loadPreferences } from '../../src/chat/prompt.js';
import { generateTitle } from '../../src/chat/title.js';
import type { ToolContext } from '../../src/chat/tools/context.js';
import { createTools, toolNames } from '../../src/chat/tools/index.js';
import { seedDatabase } from '../../src/seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

const model = createLocalModel({ delayMs: 0 });
const system = 'You are the shopping assistant.';

let db: TestDatabase;
let ctx: ToolContext;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
  const user = await db.prisma.user.create({ data: { name: 'alice' } });
  ctx = { db: db.prisma, userId: user.id };
}, 60_000);

afterAll(async () => {
  await db?.close();
});

/** One agent turn through the real streamText loop, as the turn runner drives it. */
async function turn(messages: ModelMessage[], tools: ToolSet = createTools(ctx, toolNames)) {
  const result = streamText({ model, system, messages, tools, stopWhen: stepCountIs(5) });
  const parts: TextStreamPart<ToolSet>[] = [];
  for await (const part of result.fullStream) parts.push(part);
  const response = await result.response;
  return { parts, text: await result.text, messages: response.messages };
}

function partsOf<T extends TextStreamPart<ToolSet>['type']>(
  parts: TextStreamPart<ToolSet>[],
  type: T,
): Extract<TextStreamPart<ToolSet>, { type: T }>[] {
  return parts.filter((p): p is Extract<TextStreamPart<ToolSet>, { type: T }> => p.type === type);
}

const user = (text: string): ModelMessage => ({ role: 'user', content: text });

describe('local model through streamText', () => {
  it('searches for "running shoes under $120" and answers from the results', async () => {
    const { parts, text } = await turn([user('find me running shoes under $120')]);

    const [call] = partsOf(parts, 'tool-call');
    expect(call?.toolName).toBe('searchProducts');
    expect(call?.input).toMatchObject({ query: 'running shoes', maxPrice: 120 });

    const [result] = partsOf(parts, 'tool-result');
    const { products } = result!.output as { products: { name: string; price: number }[] };
    expect(products.length).toBeGreaterThan(0);
    for (const p of products) expect(p.price).toBeLessThanOrEqual(120);

    // The second step is text that names products from the tool result, with their prices.
    const first = products[0]!;
    expect(text).toContain(first.name);
    expect(text).toContain(`$${first.price.toFixed(2)}`);
    expect(partsOf(parts, 'finish-step').map((p) => p.finishReason)).toEqual([
      'tool-calls',
      'stop',
    ]);
  });

  it('streams the answer word by word', async () => {
    const { parts, text } = await turn([user('hello there, how are you?')]);
    const deltas = partsOf(parts, 'text-delta').map((p) => p.text);
    expect(deltas.length).toBe(text.split(' ').length);
    expect(deltas.join('')).toBe(text);
    expect(text).toContain('hello there, how are you?');
    expect(partsOf(parts, 'tool-call')).toEqual([]);
  });

  it('reads price, size and category from the request', async () => {
    const result = await generateText({
      model,
      prompt: 'Show me denim jackets over $70 in size M',
      tools: createTools(ctx, ['searchProducts']),
    });
    expect(result.toolCalls[0]?.input).toEqual({
      query: 'denim jackets',
      minPrice: 70,
      category: 'jackets',
      size: 'M',
      limit: 10,
    });
  });

  it('adds the product the user names from the previous results to the cart', async () => {
    const first = await turn([user('find me running shoes under $120')]);
    const history = [user('find me running shoes under $120'), ...first.messages];
    const { parts, text } = await turn([
      ...history,
      user('add the Northpeak ones to my cart in size 10'),
    ]);

    const [call] = partsOf(parts, 'tool-call');
    expect(call?.toolName).toBe('addToCart');
    const line = await db.prisma.cartItem.findFirstOrThrow({
      where: { userId: ctx.userId },
      include: { product: true },
    });
    expect(line.product.brand).toBe('Northpeak');
    expect(line.size).toBe('10');
    expect(text).toContain(`Added 1 × ${line.product.name} (size 10)`);
  });

  it('searches first when asked to add something not listed yet, then adds the best match', async () => {
    await db.prisma.cartItem.deleteMany({ where: { userId: ctx.userId } });
    const { parts, text } = await turn([user('add a denim jacket in size M to my cart')]);
    expect(partsOf(parts, 'tool-call').map((c) => c.toolName)).toEqual([
      'searchProducts',
      'addToCart',
    ]);
    const line = await db.prisma.cartItem.findFirstOrThrow({
      where: { userId: ctx.userId },
      include: { product: true },
    });
    expect(line.product.name).toContain('Denim Jacket');
    expect(line.size).toBe('M');
    expect(text).toContain(line.product.name);
  });

  it('stores a preference when asked to remember something', async () => {
    const { parts, text } = await turn([user('remember I wear size 10')]);
    expect(partsOf(parts, 'tool-call')[0]?.input).toEqual({ text: 'I wear size 10' });
    expect(await loadPreferences(db.prisma, ctx.userId)).toContain('I wear size 10');
    expect(text).toContain('I wear size 10');
  });

  it('answers in text when the agent lacks the tool', async () => {
    const tools = createTools(ctx, ['rememberPreference']);
    const { parts, text } = await turn([user('find me running shoes')], tools);
    expect(partsOf(parts, 'tool-call')).toEqual([]);
    expect(text).toContain('find me running shoes');
  });

  it('checks out only after approval, across two streamText calls', async () => {
    await db.prisma.cartItem.deleteMany({ where: { userId: ctx.userId } });
    await db.prisma.cartItem.create({
      data: { userId: ctx.userId, productId: 'p-001', size: '9', quantity: 2 },
    });
    const history: ModelMessage[] = [user('checkout please')];
    const asked = await turn(history);
    const [request] = partsOf(asked.parts, 'tool-approval-request');
    expect(request?.toolCall.toolName).toBe('checkout');
    expect(asked.text).toBe('');
    expect(await db.prisma.order.count()).toBe(0);

    // Denied: nothing is ordered, the model is told so.
    const denied = await turn([
      ...history,
      ...asked.messages,
      {
        role: 'tool',
        content: [
          {
            type: 'tool-approval-response',
            approvalId: request!.approvalId,
            approved: false,
            reason: 'not now',
          },
        ],
      },
    ]);
    expect(partsOf(denied.parts, 'tool-output-denied')).toHaveLength(1);
    expect(denied.text).toContain('denied (not now)');
    expect(await db.prisma.order.count()).toBe(0);

    // Approved: the SDK runs the tool first, then asks the model for the answer.
    const approved = await turn([
      ...history,
      ...asked.messages,
      {
        role: 'tool',
        content: [
          { type: 'tool-approval-response', approvalId: request!.approvalId, approved: true },
        ],
      },
    ]);
    const order = await db.prisma.order.findFirstOrThrow({ where: { userId: ctx.userId } });
    const unit = (await db.prisma.product.findUniqueOrThrow({ where: { id: 'p-001' } })).priceCents;
    expect(order.totalCents).toBe(unit * 2);
    expect(approved.text).toContain(`Your order ${order.id} is placed`);
    expect(approved.text).toContain(`$${((unit * 2) / 100).toFixed(2)}`);
    expect(await db.prisma.cartItem.count({ where: { userId: ctx.userId } })).toBe(0);
  });

  it('stops streaming when aborted', async () => {
    const prompt =
      'tell me a long story about a dragon who liked to run through the hills at night';
    const full = await turn([user(prompt)]);
    const totalWords = partsOf(full.parts, 'text-delta').length;

    const controller = new AbortController();
    const result = streamText({ model, prompt, abortSignal: controller.signal });
    const types: string[] = [];
    for await (const part of result.fullStream) {
      types.push(part.type);
      if (part.type === 'text-delta' && types.filter((t) => t === 'text-delta').length === 2) {
        controller.abort();
      }
    }
    const received = types.filter((t) => t === 'text-delta').length;
    expect(received).toBeLessThan(totalWords);
    expect(types.at(-1)).toBe('abort');
    expect(types).not.toContain('finish');
    await expect(result.text).rejects.toThrow(/abort/i);
  });

  it('errors its own stream with an AbortError when the signal fires', async () => {
    const slow = createLocalModel({ delayMs: 10_000 });
    const controller = new AbortController();
    const { stream } = await slow.doStream({
      prompt: [{ role: 'user', content: [{ type: 'text', text: 'one two three' }] }],
      abortSignal: controller.signal,
    });
    const reader = stream.getReader();
    const seen: string[] = [];
    for (;;) {
      const { value } = await reader.read();
      seen.push(value!.type);
      if (value?.type === 'text-delta') break;
    }
    const pending = reader.read();
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    expect(seen).toEqual(['stream-start', 'response-metadata', 'text-start', 'text-delta']);
  });
});

describe('titles', () => {
  it('titles a session with the first words of its first message', async () => {
    expect(
      await generateTitle({ model, userText: 'Find me running shoes under $120, please!' }),
    ).toBe('Find me running shoes under $120');
    expect(await generateTitle({ model, userText: 'Hello!!' })).toBe('Hello');
  });

  it('returns null instead of throwing when the model fails', async () => {
    const controller = new AbortController();
    controller.abort();
    expect(
      await generateTitle({ model, userText: 'hi', abortSignal: controller.signal }),
    ).toBeNull();
  });
});
