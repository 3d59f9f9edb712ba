import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { createUserWithKey } from './auth/api-keys.js';
import type { Config } from './config.js';
import { type Database, openDatabase } from './db/client.js';
import { type EmbeddedDatabase, startEmbeddedIn } from './db/embedded.js';
import { seedDatabase } from './seed.js';

/**
 * Opens the configured database (embedded PGlite under DATA_DIR, or DATABASE_URL) and migrates it;
 * a new embedded one starts from the build's template (embedded-template.ts) when there is one.
 */
export async function openConfiguredDatabase(
  config: Config,
  started?: EmbeddedDatabase,
): Promise<{ database: Database; applied: string[] }> {
  const embedded =
    started ?? (config.databaseUrl ? undefined : await startEmbeddedIn(config.dataDir));
  const database = await openDatabase({
    url: config.databaseUrl,
    preparedStatements: config.databasePreparedStatements,
    embedded,
  });
  try {
    const applied = await database.migrate();
    return { database, applied };
  } catch (error) {
    await database.close();
    throw error;
  }
}

const devKeyPath = (config: Config) => path.join(config.dataDir, 'dev-api-key');

/** The name of the key a development server creates for the user "local". */
export const DEVELOPMENT_KEY_NAME = 'development';

/**
 * Development only: an empty database gets a user "local" and an API key, saved under DATA_DIR
 * so GraphiQL and `npm run chat` can use it. In production that key is revoked: a database that
 * has run in production never answers to the development key again.
 */
export async function ensureDevelopmentKey(
  config: Config,
  database: Database,
): Promise<{ key: string; created: boolean } | null> {
  if (config.isProduction) {
    await revokeDevelopmentKeys(database);
    return null;
  }
  const users = await database.prisma.user.count();
  if (users === 0) {
    const { key } = await createUserWithKey(database.prisma, 'local', DEVELOPMENT_KEY_NAME);
    await mkdir(config.dataDir, { recursive: true });
    await writeFile(devKeyPath(config), `${key}\n`, { mode: 0o600 });
    return { key, created: true };
  }
  const key = await readDevelopmentKey(config);
  return key ? { key, created: false } : null;
}

/** Revokes the development keys of the user "local" (nothing else is touched). */
async function revokeDevelopmentKeys(database: Database) {
  const { count } = await database.prisma.apiKey.updateMany({
    where: { name: DEVELOPMENT_KEY_NAME, revokedAt: null, user: { name: 'local' } },
    data: { revokedAt: new Date() },
  });
  if (count) {
    console.log(
      'NODE_ENV=production: the development API key of user "local" is revoked; create keys with npm run user:create',
    );
  }
}

export async function readDevelopmentKey(config: Pick<Config, 'dataDir'>): Promise<string | null> {
  const text = await readFile(path.join(config.dataDir, 'dev-api-key'), 'utf8').catch(() => null);
  return text?.trim() || null;
}

export { seedDatabase };
