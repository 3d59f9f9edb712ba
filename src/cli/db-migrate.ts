// npm run db:migrate: applies prisma/migrations to the configured database (embedded or DATABASE_URL).
import 'dotenv/config';
import { openConfiguredDatabase } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { runCommand } from './run.js';

await runCommand(async () => {
  const { database, applied } = await openConfiguredDatabase(loadConfig());
  console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
  await database.close();
});
