import type { Db } from '../../db/client.js';
import { toDollars } from './money.js';

export interface CartLine {
  productId: string;
  name: string;
  size: string | null;
  quantity: number;
  /** Unit price in dollars. */
  price: number;
}

export interface CartView {
  items: CartLine[];
  /** Sum of price × quantity, in dollars. */
  totalPrice: number;
}

/** The caller's cart, oldest line first. */
export async function loadCart(db: Db, userId: string): Promise<CartView> {
  const rows = await db.cartItem.findMany({
    where: { userId },
    include: { product: { select: { name: true, priceCents: true } } },
    orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
  });
  let totalCents = 0;
  const items = rows.map((row) => {
    totalCents += row.product.priceCents * row.quantity;
    return {
      productId: row.productId,
      name: row.product.name,
      size: row.size || null,
      quantity: row.quantity,
      price: toDollars(row.product.priceCents),
    };
  });
  return { items, totalPrice: toDollars(totalCents) };
}
