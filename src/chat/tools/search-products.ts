import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import { categories } from '../../db/catalog.js';
import { Prisma } from '../../generated/prisma/client.js';
import type { ToolContext } from './context.js';
import { toCents, toDollars } from './money.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    query: z
      .string()
      .trim()
      .max(200)
      .describe(
        'What the user is looking for in plain words, e.g. "red running shoes" or "denim jacket". ' +
          'Leave prices and sizes out of it: they have their own fields. Empty to browse by the other filters.',
      ),
    minPrice: z
      .number()
      .min(0)
      .optional()
      .describe('Lowest price in US dollars, e.g. 50 for "over $50"'),
    maxPrice: z
      .number()
      .positive()
      .optional()
      .describe('Highest price in US dollars, e.g. 120 for "under $120"'),
    category: z.enum(categories).optional().describe('Only products of this category'),
    size: z
      .string()
      .trim()
      .min(1)
      .max(10)
      .optional()
      .describe(
        'Only products available in this size: "10" for shoes, "M" for clothes, "32" for jeans',
      ),
    limit: z
      .number()
      .int()
      .min(1)
      .max(20)
      .default(10)
      .describe('How many products to return (1-20)'),
  }),
);

interface ProductRow {
  id: string;
  name: string;
  brand: string;
  category: string;
  priceCents: number;
  sizes: string[];
  colors: string[];
  inStock: boolean;
  total: bigint | number;
}

const document = Prisma.sql`"name" || ' ' || "description" || ' ' || "category" || ' ' || "brand"`;
const vector = Prisma.sql`to_tsvector('english', ${document})`;
const columns = Prisma.sql`"id", "name", "brand", "category", "priceCents", "sizes", "colors", "inStock"`;

const fillerWords = new Set(
  'a an and any are for from i in is it me my of on or some the to with'.split(' '),
);

/**
 * Words for the fallback search: lower case, letters and digits only (nothing LIKE treats as a
 * wildcard), no filler, plural "s" dropped so that "%shoe%" also finds "shoes".
 */
function searchWords(query: string): string[] {
  const words = query
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !fillerWords.has(w))
    .map((w) => (w.length > 3 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w));
  return [...new Set(words)].slice(0, 8);
}

export const searchProducts = ({ db }: ToolContext) =>
  tool({
    description:
      'Search the store catalog by keywords, price range, category and size. Use it whenever the user ' +
      'wants to find, compare or get recommendations for products. Prices are in US dollars.',
    inputSchema,
    execute: async ({ query, minPrice, maxPrice, category, size, limit }) => {
      const filters: Prisma.Sql[] = [];
      if (minPrice != null) filters.push(Prisma.sql`"priceCents" >= ${toCents(minPrice)}`);
      if (maxPrice != null) filters.push(Prisma.sql`"priceCents" <= ${toCents(maxPrice)}`);
      if (category) filters.push(Prisma.sql`"category" = ${category}`);
      if (size) filters.push(Prisma.sql`${size.toUpperCase()} = ANY("sizes")`);
      const and = (conditions: Prisma.Sql[]) =>
        conditions.length > 0 ? Prisma.join(conditions, ' AND ') : Prisma.sql`TRUE`;

      const select = (where: Prisma.Sql, orderBy: Prisma.Sql) =>
        db.$queryRaw<ProductRow[]>`
          SELECT ${columns}, COUNT(*) OVER () AS "total"
          FROM "Product"
          WHERE ${where} AND ${and(filters)}
          ORDER BY ${orderBy}, "inStock" DESC, "priceCents" ASC, "id" ASC
          LIMIT ${limit}`;

      const words = searchWords(query);
      let rows: ProductRow[];
      let note: string | undefined;
      if (words.length === 0) {
        rows = await select(Prisma.sql`TRUE`, Prisma.sql`"category" ASC`);
      } else {
        const tsquery = Prisma.sql`websearch_to_tsquery('english', ${query})`;
        rows = await select(
          Prisma.sql`${vector} @@ ${tsquery}`,
          Prisma.sql`ts_rank(${vector}, ${tsquery}) DESC`,
        );
        if (rows.length === 0) {
          // Full-text search needs every word; fall back to products that contain some of them.
          const hits = words.map(
            (w) => Prisma.sql`(CASE WHEN ${document} ILIKE ${`%${w}%`} THEN 1 ELSE 0 END)`,
          );
          const score = Prisma.sql`(${Prisma.join(hits, ' + ')})`;
          rows = await select(Prisma.sql`${score} > 0`, Prisma.sql`${score} DESC`);
          if (rows.length > 0) {
            note = 'Nothing matched every word; these products match some of them.';
          }
        }
      }
      return {
        products: rows.map((r) => ({
          id: r.id,
          name: r.name,
          brand: r.brand,
          category: r.category,
          price: toDollars(r.priceCents),
          sizes: r.sizes,
          colors: r.colors,
          inStock: r.inStock,
        })),
        total: Number(rows[0]?.total ?? 0),
        ...(note ? { note } : {}),
      };
    },
  });
