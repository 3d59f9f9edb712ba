// npm run -s user:create -- --name NAME [--key-name NAME]
// Creates a user and an API key; the key is printed once, alone on the last line of stdout.
import 'dotenv/config';
import { parseArgs } from 'node:util';
import { createApiKey, createUserWithKey } from '../auth/api-keys.js';
import { openConfiguredDatabase } from '../bootstrap.js';
import { loadConfig } from '../config.js';

const { values } = parseArgs({
  options: { name: { type: 'string' }, 'key-name': { type: 'string', default: 'default' } },
});
const name = values.name?.trim();
if (!name || name.length > 100) {
  console.error('usage: npm run -s user:create -- --name NAME   (1..100 characters)');
  process.exit(2);
}
const config = loadConfig();
const { database } = await openConfiguredDatabase(config);
try {
  const existing = await database.prisma.user.findUnique({ where: { name } });
  const { key } = existing
    ? await createApiKey(database.prisma, existing.id, values['key-name'])
    : await createUserWithKey(database.prisma, name, values['key-name']);
  console.error(
    existing ? `new API key for existing user "${name}":` : `created user "${name}"; API key:`,
  );
  console.log(key);
} finally {
  await database.close();
}
