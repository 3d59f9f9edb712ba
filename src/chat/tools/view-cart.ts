import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { loadCart } from './cart.js';
import type { ToolContext } from './context.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(z.object({}));

export const viewCart = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "Show the user's cart: each line with its product, size, quantity and unit price, and the total.",
    inputSchema,
    execute: () => loadCart(db, userId),
  });
