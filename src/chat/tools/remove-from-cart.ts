import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import type { Prisma } from '../../generated/prisma/client.js';
import { loadCart } from './cart.js';
import { productIdSchema, type ToolContext } from './context.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    productId: productIdSchema('The id of the product to remove, e.g. "p-012"'),
    size: z
      .string()
      .trim()
      .max(10)
      .optional()
      .describe('Only remove the line with this size; leave out to remove all sizes'),
  }),
);

export const removeFromCart = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "Remove a product from the user's cart. Without a size, every size of that product is removed.",
    inputSchema,
    execute: async ({ productId, size }) => {
      // userId in the filter: the model can only ever remove the caller's own lines.
      const where: Prisma.CartItemWhereInput = { userId, productId };
      if (size) where.size = { equals: size, mode: 'insensitive' };
      const { count } = await db.cartItem.deleteMany({ where });
      if (count === 0) {
        return {
          error: `Product "${productId}"${size ? ` in size ${size}` : ''} is not in your cart`,
        };
      }
      return { removed: count, ...(await loadCart(db, userId)) };
    },
  });
