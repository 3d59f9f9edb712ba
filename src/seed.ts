import { demoAgents } from './chat/agents.js';
import { catalog } from './db/catalog.js';
import type { Db } from './db/client.js';

/**
 * Inserts the demo agents and the product catalog into an empty database. Each part is only
 * written when its table is empty, so running it on every start is safe.
 */
export async function seedDatabase(db: Db): Promise<{ agents: number; products: number }> {
  let agents = 0;
  let products = 0;
  if ((await db.agent.count()) === 0) {
    agents = (await db.agent.createMany({ data: demoAgents, skipDuplicates: true })).count;
  }
  if ((await db.product.count()) === 0) {
    const result = await db.product.createMany({
      data: catalog.map((p) => ({ ...p, sizes: [...p.sizes], colors: [...p.colors] })),
      skipDuplicates: true,
    });
    products = result.count;
  }
  return { agents, products };
}
