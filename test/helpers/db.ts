import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import pg from 'pg';
import { inject } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';

export interface TestDatabase extends Database {
  /** Every SQL statement run so far (tests reset it and count). */
  queries: string[];
  /** The postgres:// URL of this database, when it is a real PostgreSQL one. */
  url?: string;
}

/**
 * A migrated and seeded database of its own for one test file: a copy of the run's template
 * (test/global-setup.ts), as an in-memory PGlite or, with TEST_DATABASE_URL, a new database on
 * that PostgreSQL server (dropped again on close).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const queries: string[] = [];
  const onQuery = (q: string) => queries.push(q);
  const base = process.env.TEST_DATABASE_URL;
  if (base) {
    const template = inject('postgresTemplate');
    const name = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    // Two files cloning the template at the same moment collide ("being accessed by other users").
    for (let attempt = 0; ; attempt += 1) {
      try {
        await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${template}"`);
        break;
      } catch (error) {
        if (attempt >= 50 || !/being accessed by other users/.test(String(error))) throw error;
        await new Promise((r) => setTimeout(r, 100 + Math.random() * 200));
      }
    }
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    const url = u.toString();
    const db = await openDatabase({ url, onQuery });
    return {
      ...db,
      queries,
      url,
      async close() {
        await db.close();
        const c = new pg.Client({ connectionString: base });
        await c.connect();
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
        await c.end();
      },
    };
  }
  const tarball = await readFile(inject('pgliteTemplate'));
  const db = await openDatabase({ loadDataDir: tarball, onQuery });
  return { ...db, queries };
}
