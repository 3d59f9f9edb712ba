import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import type { ToolContext } from './context.js';
import { toDollars } from './money.js';

interface OrderItem {
  name: string;
  size: string | null;
  quantity: number;
  priceCents: number;
}

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    limit: z.number().int().min(1).max(20).default(5).describe('How many orders to list (1-20)'),
  }),
);

export const listOrders = ({ db, userId }: ToolContext) =>
  tool({
    description:
      "List the user's past orders, newest first: when each was placed, its items and its total. " +
      'Use it when the user asks about an order they placed or what they bought before.',
    inputSchema,
    execute: async ({ limit }) => {
      const orders = await db.order.findMany({
        where: { userId },
        orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
        take: limit,
      });
      return {
        orders: orders.map((o) => ({
          orderId: o.id,
          placedAt: o.createdAt.toISOString(),
          items: (o.items as unknown as OrderItem[]).map((i) => ({
            name: i.name,
            size: i.size,
            quantity: i.quantity,
            price: toDollars(i.priceCents),
          })),
          totalPrice: toDollars(o.totalCents),
        })),
      };
    },
  });
