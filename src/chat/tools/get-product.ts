import { tool } from 'ai';
import { z } from 'zod';
import { productIdSchema, type ToolContext } from './context.js';
import { toDollars } from './money.js';

export const getProduct = ({ db }: ToolContext) =>
  tool({
    description:
      'Get the full details of one product (description, price, sizes, colors, stock) by its id, ' +
      'e.g. before answering a detailed question or adding it to the cart.',
    inputSchema: z.object({
      productId: productIdSchema('The product id from a search, e.g. "p-012"'),
    }),
    execute: async ({ productId }) => {
      const product = await db.product.findUnique({ where: { id: productId } });
      if (!product) return { error: `No product with id "${productId}"` };
      const { priceCents, ...rest } = product;
      return { ...rest, price: toDollars(priceCents) };
    },
  });
