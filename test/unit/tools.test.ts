import { asSchema, type InferToolOutput, type Tool } from 'ai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadPreferences } from '../../src/chat/prompt.js';
import { addToCart } from '../../src/chat/tools/add-to-cart.js';
import { checkout } from '../../src/chat/tools/checkout.js';
import type { ToolContext } from '../../src/chat/tools/context.js';
import { getProduct } from '../../src/chat/tools/get-product.js';
import { createTools, toolNames } from '../../src/chat/tools/index.js';
import { listOrders } from '../../src/chat/tools/list-orders.js';
import { rememberPreference } from '../../src/chat/tools/remember-preference.js';
import { removeFromCart } from '../../src/chat/tools/remove-from-cart.js';
import { searchProducts } from '../../src/chat/tools/search-products.js';
import { viewCart } from '../../src/chat/tools/view-cart.js';
import { catalog } from '../../src/db/catalog.js';
import { seedDatabase } from '../../src/seed.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/** Runs a tool the way the AI SDK does: the input goes through the tool's schema first. */
async function run<T extends Tool>(tool: T, input: unknown): Promise<InferToolOutput<T>> {
  const parsed = await asSchema(tool.inputSchema).validate!(input);
  if (!parsed.success) throw parsed.error;
  return tool.execute!(parsed.value, { toolCallId: 'call-1', messages: [] });
}

let db: TestDatabase;
let alice: ToolContext;
let bob: ToolContext;

beforeAll(async () => {
  db = await createTestDatabase();
  await seedDatabase(db.prisma);
  const a = await db.prisma.user.create({ data: { name: 'alice' } });
  const b = await db.prisma.user.create({ data: { name: 'bob' } });
  alice = { db: db.prisma, userId: a.id };
  bob = { db: db.prisma, userId: b.id };
}, 60_000);

afterAll(async () => {
  await db?.close();
});

const priceOf = (id: string) => catalog.find((p) => p.id === id)!.priceCents;

describe('seedDatabase', () => {
  it('seeds the agents and the catalog once', async () => {
    expect(catalog.length).toBeGreaterThanOrEqual(120);
    expect(await db.prisma.product.count()).toBe(catalog.length);
    const agents = await db.prisma.agent.findMany({ orderBy: { slug: 'asc' } });
    expect(agents.map((a) => [a.slug, a.isDefault])).toEqual([
      ['general', false],
      ['shopping', true],
    ]);
    expect(agents[1]?.tools).toEqual([...toolNames]);
    expect(await seedDatabase(db.prisma)).toEqual({ agents: 0, products: 0 });
  });
});

describe('searchProducts', () => {
  it('finds running shoes under a price bound, and only those', async () => {
    const result = await run(searchProducts(alice), { query: 'running shoes', maxPrice: 120 });
    const expected = catalog.filter(
      (p) =>
        p.category === 'shoes' && /running/i.test(p.name + p.description) && p.priceCents <= 12000,
    );
    expect(expected.length).toBeGreaterThan(2);
    expect(result.total).toBe(expected.length);
    expect(result.products.map((p) => p.id).sort()).toEqual(expected.map((p) => p.id).sort());
    for (const product of result.products) expect(product.price).toBeLessThanOrEqual(120);
    // Dearer running shoes exist; the bound is what kept them out.
    const all = await run(searchProducts(alice), { query: 'running shoes' });
    expect(all.products.some((p) => p.price > 120)).toBe(true);
  });

  it('filters by size', async () => {
    const result = await run(searchProducts(alice), { query: 'running', size: '10' });
    expect(result.products.length).toBeGreaterThan(0);
    for (const product of result.products) expect(product.sizes).toContain('10');
    expect(result.products.some((p) => p.name.includes('Running Tee'))).toBe(false);

    const xxl = await run(searchProducts(alice), { query: '', size: 'xxl', limit: 20 });
    expect(xxl.products.length).toBeGreaterThan(0);
    for (const product of xxl.products) expect(product.category).toBe('shirts');
  });

  it('filters by category and minimum price', async () => {
    const result = await run(searchProducts(alice), {
      query: 'winter coat',
      category: 'jackets',
      minPrice: 200,
    });
    expect(result.products.length).toBeGreaterThan(0);
    for (const product of result.products) {
      expect(product.name).toContain('Winter Coat');
      expect(product.price).toBeGreaterThanOrEqual(200);
    }
  });

  it('falls back to matching some words when full-text search finds nothing', async () => {
    const result = await run(searchProducts(alice), { query: 'runnin shoe' });
    expect(result.products.length).toBeGreaterThan(0);
    expect(result.products[0]?.name).toMatch(/Running/);
    expect(result.note).toBeDefined();
  });

  it('treats the query as data, not SQL', async () => {
    const result = await run(searchProducts(alice), { query: `'); DROP TABLE "Product"; --` });
    expect(result.products).toEqual([]);
    expect(await db.prisma.product.count()).toBe(catalog.length);
  });
});

describe('getProduct', () => {
  it('returns a product or an error object', async () => {
    expect(await run(getProduct(alice), { productId: 'p-001' })).toMatchObject({
      id: 'p-001',
      price: priceOf('p-001') / 100,
    });
    expect(await run(getProduct(alice), { productId: 'p-999' })).toEqual({
      error: 'No product with id "p-999"',
    });
  });
});

describe('cart', () => {
  it('rejects a size the product does not come in', async () => {
    const result = await run(addToCart(alice), { productId: 'p-001', size: '15' });
    expect(result).toEqual({ error: expect.stringContaining('does not come in size 15') });
    expect(await run(addToCart(alice), { productId: 'p-001' })).toEqual({
      error: expect.stringContaining('say which one'),
    });
    expect(await run(viewCart(alice), {})).toEqual({ items: [], totalPrice: 0 });
  });

  it('adds quantities of the same product and size together', async () => {
    await run(addToCart(alice), { productId: 'p-001', size: '10' });
    const cart = await run(addToCart(alice), { productId: 'p-001', size: '10', quantity: 2 });
    expect(cart).toMatchObject({
      items: [{ productId: 'p-001', size: '10', quantity: 3 }],
      totalPrice: (priceOf('p-001') * 3) / 100,
    });
  });

  it("never touches another user's cart line", async () => {
    const denied = await run(removeFromCart(bob), { productId: 'p-001' });
    expect(denied).toEqual({ error: expect.stringContaining('not in your cart') });
    expect(await db.prisma.cartItem.count({ where: { userId: alice.userId } })).toBe(1);
    expect(await run(viewCart(bob), {})).toEqual({ items: [], totalPrice: 0 });
  });

  it('removes the caller’s own line', async () => {
    await run(addToCart(alice), { productId: 'p-002', size: '9' });
    const cart = await run(removeFromCart(alice), { productId: 'p-002' });
    expect(cart).toMatchObject({ removed: 1, items: [{ productId: 'p-001' }] });
  });
});

describe('checkout', () => {
  it('needs approval', () => {
    expect(checkout(alice).needsApproval).toBe(true);
  });

  it('creates an order with the right total and empties the cart', async () => {
    const bag = catalog.find((p) => p.category === 'bags' && p.inStock)!;
    await run(addToCart(alice), { productId: bag.id });
    await run(addToCart(bob), { productId: bag.id });
    const expectedCents = priceOf('p-001') * 3 + bag.priceCents;

    const result = await run(checkout(alice), { note: 'leave it at the door' });
    expect(result).toMatchObject({ totalPrice: expectedCents / 100, note: 'leave it at the door' });
    if (!('orderId' in result)) throw new Error('expected an order');

    const order = await db.prisma.order.findUniqueOrThrow({ where: { id: result.orderId } });
    expect(order.userId).toBe(alice.userId);
    expect(order.totalCents).toBe(expectedCents);
    expect(order.items).toEqual([
      expect.objectContaining({ productId: 'p-001', size: '10', quantity: 3 }),
      expect.objectContaining({ productId: bag.id, size: null, quantity: 1 }),
    ]);
    expect(await run(viewCart(alice), {})).toEqual({ items: [], totalPrice: 0 });
    // Bob's cart is his own.
    expect((await run(viewCart(bob), {})).items).toHaveLength(1);
  });

  it('refuses an empty cart', async () => {
    expect(await run(checkout(alice), {})).toEqual({ error: 'Your cart is empty' });
    expect(await db.prisma.order.count({ where: { userId: alice.userId } })).toBe(1);
  });
});

describe('listOrders', () => {
  it("lists the caller's own orders, newest first, with their items and totals", async () => {
    const shoes = catalog.find((p) => p.id === 'p-001')!;
    await run(addToCart(alice), { productId: shoes.id, size: '10' });
    await run(checkout(alice), {});
    const { orders } = await run(listOrders(alice), {});
    expect(orders).toHaveLength(2);
    expect(orders[0]).toMatchObject({
      items: [{ name: shoes.name, size: '10', quantity: 1, price: shoes.priceCents / 100 }],
      totalPrice: shoes.priceCents / 100,
    });
    expect(Date.parse(orders[0]!.placedAt)).toBeGreaterThanOrEqual(Date.parse(orders[1]!.placedAt));
    expect(await run(listOrders(alice), { limit: 1 })).toMatchObject({ orders: [orders[0]] });
    expect(await run(listOrders(bob), {})).toEqual({ orders: [] });
  });
});

describe('rememberPreference', () => {
  it('stores a preference once per text', async () => {
    expect(await run(rememberPreference(alice), { text: ' wears shoe size 10 ' })).toEqual({
      remembered: 'wears shoe size 10',
    });
    await run(rememberPreference(alice), { text: 'wears shoe size 10' });
    await run(rememberPreference(alice), { text: 'likes navy' });
    expect(await loadPreferences(db.prisma, alice.userId)).toEqual([
      'wears shoe size 10',
      'likes navy',
    ]);
    expect(await loadPreferences(db.prisma, bob.userId)).toEqual([]);
  });
});

describe('createTools', () => {
  it('builds only the named tools and ignores unknown names', () => {
    const tools = createTools(alice, ['viewCart', 'rememberPreference', 'launchRockets']);
    expect(Object.keys(tools).sort()).toEqual(['rememberPreference', 'viewCart']);
    expect(Object.keys(createTools(alice, toolNames))).toEqual([...toolNames]);
  });
});
