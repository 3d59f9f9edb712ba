import type { Tool, ToolSet } from 'ai';
import type { Db } from '../../db/client.js';
import { addToCart } from './add-to-cart.js';
import { checkout } from './checkout.js';
import type { ToolContext } from './context.js';
import { getProduct } from './get-product.js';
import { rememberPreference } from './remember-preference.js';
import { removeFromCart } from './remove-from-cart.js';
import { searchProducts } from './search-products.js';
import { viewCart } from './view-cart.js';

export type { ToolContext } from './context.js';

const factories = {
  searchProducts,
  getProduct,
  addToCart,
  viewCart,
  removeFromCart,
  checkout,
  rememberPreference,
} satisfies Record<string, (ctx: ToolContext) => Tool>;

export type ToolName = keyof typeof factories;

export const toolNames = [
  'searchProducts',
  'getProduct',
  'addToCart',
  'viewCart',
  'removeFromCart',
  'checkout',
  'rememberPreference',
] as const satisfies readonly ToolName[];

function isToolName(name: string): name is ToolName {
  return Object.hasOwn(factories, name);
}

/** The named tools bound to the caller; names this server does not know are ignored. */
export function createTools(ctx: ToolContext, names: readonly string[]): ToolSet {
  const tools: ToolSet = {};
  for (const name of names) {
    if (isToolName(name)) tools[name] = factories[name](ctx);
  }
  return tools;
}

/** The user's remembered preferences for the system prompt: the latest 50, oldest first. */
export async function loadPreferences(db: Db, userId: string): Promise<string[]> {
  const rows = await db.preference.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: 50,
    select: { text: true },
  });
  return rows.reverse().map((r) => r.text);
}
