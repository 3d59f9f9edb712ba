import { randomBytes } from 'node:crypto';
import { rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { openDatabase } from '../src/db/client.js';
import { preparedPGlite } from '../src/embedded-template.js';
import { seedDatabase } from '../src/seed.js';

declare module 'vitest' {
  export interface ProvidedContext {
    /** A tarball of a migrated, seeded PGlite data folder (PGlite runs). */
    pgliteTemplate: string;
    /** A migrated, seeded PostgreSQL database to clone (TEST_DATABASE_URL runs). */
    postgresTemplate: string;
  }
}

/**
 * Migrates and seeds one template database for the whole run; every test file then starts from
 * a copy instead of running the migrations again (a copy takes well under a second).
 */
export default async function setup(project: TestProject) {
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const name = `template_${randomBytes(5).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    const url = new URL(base);
    url.pathname = `/${name}`;
    const db = await openDatabase({ url: url.toString() });
    await db.migrate();
    await seedDatabase(db.prisma);
    await db.close();
    // The migration engine keeps a pooled connection of its own; a template must have none.
    await admin.query(
      'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
      [name],
    );
    project.provide('postgresTemplate', name);
    project.provide('pgliteTemplate', '');
    return async () => {
      await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await admin.end();
    };
  }
  const file = path.join(os.tmpdir(), `chat-sessions-template-${process.pid}.tar.gz`);
  const { pglite, close } = await preparedPGlite();
  const dump = await pglite.dumpDataDir('gzip');
  await writeFile(file, Buffer.from(await dump.arrayBuffer()));
  await close();
  project.provide('pgliteTemplate', file);
  project.provide('postgresTemplate', '');
  return async () => {
    await rm(file, { force: true });
  };
}
