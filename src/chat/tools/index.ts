import type { Tool, ToolSet } from 'ai';
import { addToCart } from './add-to-cart.js';
import { checkout } from './checkout.js';
import type { ToolContext } from './context.js';
import { getProduct } from './get-product.js';
import { listOrders } from './list-orders.js';
import { rememberPreference } from './remember-preference.js';
import { removeFromCart } from './remove-from-cart.js';
import { searchProducts } from './search-products.js';
import { viewCart } from './view-cart.js';

export type { ToolContext } from './context.js';

/** Every tool the server knows, by the name agents list it under. A new tool: one line here. */
const factories = {
  searchProducts,
  getProduct,
  addToCart,
  viewCart,
  removeFromCart,
  checkout,
  listOrders,
  rememberPreference,
} satisfies Record<string, (ctx: ToolContext) => Tool>;

export type ToolName = keyof typeof factories;

export const toolNames = Object.keys(factories) as ToolName[];

function isToolName(name: string): name is ToolName {
  return Object.hasOwn(factories, name);
}

/** The tools that read or write the user's memories: not offered while memory is off. */
const memoryTools: ReadonlySet<string> = new Set<ToolName>(['rememberPreference']);

/**
 * The named tools bound to the caller; names this server does not know are ignored, and so are
 * the memory tools when `memory` is false.
 */
export function createTools(
  ctx: ToolContext,
  names: readonly string[],
  options: { memory?: boolean } = {},
): ToolSet {
  const tools: ToolSet = {};
  for (const name of names) {
    if (options.memory === false && memoryTools.has(name)) continue;
    if (isToolName(name)) tools[name] = factories[name](ctx);
  }
  return tools;
}
