import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createUserWithKey } from './auth/api-keys.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { seedDatabase } from './seed.js';

/** Opens the configured database (embedded PGlite under DATA_DIR, or DATABASE_URL) and migrates it. */
export async function openConfiguredDatabase(
  config: Config,
): Promise<{ database: Database; applied: string[] }> {
  const database = await openDatabase({ url: config.databaseUrl, dataDir: config.dataDir });
  try {
    const applied = await database.migrate();
    return { database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const devKeyPath = (config: Config) => path.join(config.dataDir, 'dev-api-key');

/**
 * Development only: an empty database gets a user "local" and an API key, saved under DATA_DIR
 * so GraphiQL and `npm run chat` can use it. Never in production.
 */
export async function ensureDevelopmentKey(
  config: Config,
  database: Database,
): Promise<{ key: string; created: boolean } | null> {
  if (config.isProduction) return null;
  const users = await database.prisma.user.count();
  if (users === 0) {
    const { key } = await createUserWithKey(database.prisma, 'local', 'development');
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(devKeyPath(config), `${key}\n`, { mode: 0o600 });
    return { key, created: true };
  }
  const key = await readDevelopmentKey(config);
  return key ? { key, created: false } : null;
}

export async function readDevelopmentKey(config: Pick<Config, 'dataDir'>): Promise<string | null> {
  const text = await readFile(path.join(config.dataDir, 'dev-api-key'), 'utf8').catch(() => null);
  return text?.trim() || null;
}

export { seedDatabase };
