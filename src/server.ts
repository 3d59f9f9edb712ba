// npm start: migrate, seed an empty database, serve.
import 'dotenv/config';
import { createApp } from './app.js';
import { ensureDevelopmentKey, openConfiguredDatabase, seedDatabase } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';

let config: ReturnType<typeof loadConfig>;
try {
  config = loadConfig();
} catch (error) {
  if (error instanceof ConfigError) {
    console.error(error.message);
    process.exit(1);
  }
  throw error;
}
const logger = createLogger(config);

const { database, applied } = await openConfiguredDatabase(config);
if (applied.length) logger.info({ migrations: applied }, 'database migrated');
const seeded = await seedDatabase(database.prisma);
if (seeded.agents || seeded.products) logger.info(seeded, 'database seeded');
const devKey = await ensureDevelopmentKey(config, database);
if (devKey?.created) {
  console.log(
    `\nDevelopment API key for user "local" (also saved in ${config.dataDir}/dev-api-key):\n\n  ${devKey.key}\n`,
  );
}

const app = createApp({ config, database, logger, graphiqlApiKey: devKey?.key });
const url = await app.listen(config.port, config.host);
logger.info(
  {
    database: database.kind,
    model: app.services.modelName,
    pubsub: config.redisUrl ? 'redis' : 'memory',
  },
  'server ready',
);
console.log(`listening on http://${config.host}:${new URL(url).port}/graphql`);

let stopping = false;
async function shutdown(signal: string) {
  if (stopping) return;
  stopping = true;
  logger.info({ signal }, 'shutting down');
  await app.close();
  await database.close();
  process.exit(0);
}
process.on('SIGINT', () => void shutdown('SIGINT'));
process.on('SIGTERM', () => void shutdown('SIGTERM'));
