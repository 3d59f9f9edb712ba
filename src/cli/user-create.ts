// npm run -s user:create -- --name NAME [--key-name NAME]
// Creates a user and an API key; the key is printed once, alone on the last line of stdout.
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { createApiKey, createUserWithKey } from '../auth/api-keys.js';
import { openConfiguredDatabase } from '../bootstrap.js';
import { loadConfig } from '../config.js';
import { runCommand, UsageError } from './run.js';

const USAGE =
  'usage: npm run -s user:create -- --name NAME [--key-name NAME]   (NAME: 1..100 characters)';

await runCommand(async () => {
  let values: { name?: string; 'key-name'?: string };
  try {
    ({ values } = parseArgs({
      options: { name: { type: 'string' }, 'key-name': { type: 'string', default: 'default' } },
    }));
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n${USAGE}`);
  }
  const name = values.name?.trim();
  if (!name || name.length > 100) throw new UsageError(USAGE);
  const keyName = values['key-name'] ?? 'default';
  const { database } = await openConfiguredDatabase(loadConfig());
  try {
    const existing = await database.prisma.user.findUnique({ where: { name } });
    const { key } = existing
      ? await createApiKey(database.prisma, existing.id, keyName)
      : await createUserWithKey(database.prisma, name, keyName);
    console.error(
      existing ? `new API key for existing user "${name}":` : `created user "${name}"; API key:`,
    );
    console.log(key);
  } finally {
    await database.close();
  }
});
