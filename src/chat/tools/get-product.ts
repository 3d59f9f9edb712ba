import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { productIdSchema, type ToolContext } from './context.js';
import { toDollars } from './money.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    productId: productIdSchema('The product id from a search, e.g. "p-012"'),
  }),
);

export const getProduct = ({ db }: ToolContext) =>
  tool({
    description:
      'Get the full details of one product (description, price, sizes, colors, stock) by its id, ' +
      'e.g. before answering a detailed question or adding it to the cart.',
    inputSchema,
    execute: async ({ productId }) => {
      const product = await db.product.findUnique({ where: { id: productId } });
      if (!product) return { error: `No product with id "${productId}"` };
      const { priceCents, ...rest } = product;
      return { ...rest, price: toDollars(priceCents) };
    },
  });
