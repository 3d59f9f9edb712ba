import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { toDollars } from './money.js';

class CartChangedError extends Error {}

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    note: z
      .string()
      .trim()
      .max(500)
      .optional()
      .describe('An optional note from the user for the order, e.g. delivery instructions'),
  }),
);

export const checkout = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "Place an order for everything in the user's cart and empty the cart. Only when the user asks " +
      'to check out; the user must approve the order before it is placed.',
    inputSchema,
    needsApproval: true,
    execute: async ({ note }) => {
      try {
        return await db.$transaction(async (tx) => {
          const lines = await tx.cartItem.findMany({
            where: { userId },
            include: { product: { select: { name: true, priceCents: true } } },
            orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          });
          if (lines.length === 0) return { error: 'Your cart is empty' };
          const items = lines.map((l) => ({
            productId: l.productId,
            name: l.product.name,
            size: l.size || null,
            quantity: l.quantity,
            priceCents: l.product.priceCents,
          }));
          const totalCents = items.reduce((sum, i) => sum + i.priceCents * i.quantity, 0);
          // Deleting exactly the lines read makes a concurrent checkout of the same cart fail here.
          const { count } = await tx.cartItem.deleteMany({
            where: { userId, id: { in: lines.map((l) => l.id) } },
          });
          if (count !== lines.length) throw new CartChangedError();
          const order = await tx.order.create({ data: { userId, items, totalCents } });
          return {
            orderId: order.id,
            items: items.map(({ priceCents, ...i }) => ({ ...i, price: toDollars(priceCents) })),
            totalPrice: toDollars(totalCents),
            ...(note ? { note } : {}),
          };
        });
      } catch (error) {
        if (error instanceof CartChangedError) {
          return { error: 'Your cart changed during checkout; please review it and try again' };
        }
        throw error;
      }
    },
  });
