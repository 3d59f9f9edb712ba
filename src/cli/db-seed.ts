// npm run db:seed: the demo agents and product catalog, into an empty database only.
import 'dotenv/config';
import { openConfiguredDatabase, seedDatabase } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { runCommand } from './run.js';

await runCommand(async () => {
  const { database } = await openConfiguredDatabase(loadConfig());
  const seeded = await seedDatabase(database.prisma);
  console.log(`seeded ${seeded.agents} agents and ${seeded.products} products`);
  await database.close();
});
