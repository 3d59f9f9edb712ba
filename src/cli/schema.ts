// npm run schema:print   writes schema.graphql from the code
// npm run schema:check   fails when schema.graphql differs from the code
import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { printSchema } from 'graphql';
import { ROOT } from '../paths.js';
import { schema } from '../schema/index.js';

const file = path.join(ROOT, 'schema.graphql');
const printed = `${printSchema(schema)}\n`;
if (process.argv[2] === 'check') {
  const committed = await readFile(file, 'utf8').catch(() => '');
  if (committed !== printed) {
    console.error('schema.graphql is stale: run `npm run schema:print` and commit it');
    process.exit(1);
  }
  console.log('schema.graphql is up to date');
} else {
  await writeFile(file, printed);
  console.log(`wrote ${path.relative(process.cwd(), file)}`);
}
