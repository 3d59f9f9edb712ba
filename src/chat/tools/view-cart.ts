import { tool } from 'ai';
import { z } from 'zod';
import { loadCart } from './cart.js';
import type { ToolContext } from './context.js';

export const viewCart = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "Show the user's cart: each line with its product, size, quantity and unit price, and the total.",
    inputSchema: z.object({}),
    execute: () => loadCart(db, userId),
  });
