import { createApp } from './app.js';
import { ensureDevelopmentKey, seedDatabase } from './bootstrap.js';
import type { Config } from './config.js';
import type { Database } from './db/client.js';
import { createLogger } from './logger.js';

/** Seeds an empty database, creates the development key, serves, and stops on SIGINT/SIGTERM. */
export async function serve(config: Config, opened: { database: Database; applied: string[] }) {
  const { database } = opened;
  const logger = createLogger(config);
  if (opened.applied.length) logger.info({ migrations: opened.applied }, 'database migrated');
  // Independent (agents and products; the development user and key): one waits for the other's
  // round trips to the database otherwise.
  const [seeded, devKey] = await Promise.all([
    seedDatabase(database.prisma),
    ensureDevelopmentKey(config, database),
  ]);
  if (seeded.agents || seeded.products) logger.info(seeded, 'database seeded');
  if (devKey?.created) {
    console.log(
      `\nDevelopment API key for user "local" (also saved in ${config.dataDir}/dev-api-key):\n\n  ${devKey.key}\n`,
    );
  }
  // Loaded only when a collector is configured: the SDK adds to the start time.
  const tracing = config.otelEndpoint
    ? await (await import('./http/tracing.js')).startTracing({ endpoint: config.otelEndpoint })
    : undefined;
  const app = createApp({ config, database, logger, graphiqlApiKey: devKey?.key, tracing });
  const url = await app.listen(config.port, config.host);
  const pubsub = config.redisUrl ? 'redis' : 'memory';
  logger.info({ database: database.kind, model: app.services.modelName, pubsub }, 'server ready');
  console.log(`listening on http://${config.host}:${new URL(url).port}/graphql`);

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    await app.close();
    await tracing?.shutdown();
    await database.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}
