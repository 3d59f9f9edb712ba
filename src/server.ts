// npm start: open the database (the embedded one starts in its own thread while the rest of the
// server loads), migrate and seed it when needed, then serve.
import 'dotenv/config';
import { openConfiguredDatabase } from './bootstrap.js';
import { explain } from './cli/run.js';
import { loadConfig } from './config.js';
import type { Database } from './db/client.js';

let database: Database | undefined;

async function main() {
  const config = loadConfig();
  const opening = openConfiguredDatabase(config);
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
  await database?.close().catch(() => {});
  process.exit(1);
}
