// npm start: open the database (the embedded one starts in its own thread while the rest of the
// server loads), migrate and seed it when needed, then serve.
import 'dotenv/config';
import { explain } from './cli/run.js';
import { loadConfig } from './config.js';
import type { Database } from './db/client.js';
import { type EmbeddedDatabase, startEmbeddedIn } from './db/embedded.js';

let database: Database | undefined;
let embedded: EmbeddedDatabase | undefined;

async function main() {
  const config = loadConfig();
  // The embedded database's thread starts before the rest of the server is even loaded (Prisma,
  // GraphQL, the AI SDK): PGlite boots meanwhile.
  if (!config.databaseUrl) embedded = await startEmbeddedIn(config.dataDir);
  const opening = import('./bootstrap.js').then((b) => b.openConfiguredDatabase(config, embedded));
  const [{ serve }, opened] = await Promise.all([import('./serve.js'), opening]);
  database = opened.database;
  await serve(config, opened);
}

try {
  await main();
} catch (error) {
  // One line saying what to do (a bad variable, a port in use, a data folder in use), no stack.
  if (process.env.DEBUG) console.error(error);
  console.error(explain(error));
  await (database ?? embedded)?.close().catch(() => {});
  process.exit(1);
}
