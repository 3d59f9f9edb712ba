import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { loadCart } from './cart.js';
import { productIdSchema, type ToolContext } from './context.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    productId: productIdSchema('The product id from a search, e.g. "p-012"'),
    size: z
      .string()
      .trim()
      .max(10)
      .optional()
      .describe('One of the product\'s sizes, e.g. "10" or "M"; leave out for one-size products'),
    quantity: z.number().int().min(1).max(10).default(1).describe('How many to add (1-10)'),
  }),
);

export const addToCart = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "Add a product to the user's cart. Needs the product id (from a search) and, for products " +
      'that come in sizes, one of its sizes. Adding the same product and size again adds to the quantity.',
    inputSchema,
    execute: async ({ productId, size, quantity }) => {
      const product = await db.product.findUnique({ where: { id: productId } });
      if (!product) return { error: `No product with id "${productId}"` };
      if (!product.inStock) return { error: `${product.name} is out of stock` };
      let lineSize = '';
      if (product.sizes.length > 0) {
        const wanted = size?.toUpperCase();
        const match = product.sizes.find((s) => s.toUpperCase() === wanted);
        if (!match) {
          const choices = product.sizes.join(', ');
          return {
            error: size
              ? `${product.name} does not come in size ${size}; choose one of: ${choices}`
              : `${product.name} comes in sizes ${choices}; say which one`,
          };
        }
        lineSize = match;
      }
      await db.cartItem.upsert({
        where: { userId_productId_size: { userId, productId, size: lineSize } },
        create: { userId, productId, size: lineSize, quantity },
        update: { quantity: { increment: quantity } },
      });
      return {
        added: { productId, name: product.name, size: lineSize || null, quantity },
        ...(await loadCart(db, userId)),
      };
    },
  });
