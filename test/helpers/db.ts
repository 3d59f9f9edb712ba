import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { type Database, openDatabase } from '../../src/db/client.js';

export interface TestDatabase extends Database {
  /** Every SQL statement run so far (tests reset it and count). */
  queries: string[];
  /** The postgres:// URL of this database, when it is a real PostgreSQL one. */
  url?: string;
}

/**
 * A migrated, empty database for one test file: an in-memory PGlite, or a fresh database on the
 * PostgreSQL server named by TEST_DATABASE_URL (dropped again on close).
 */
export async function createTestDatabase(): Promise<TestDatabase> {
  const queries: string[] = [];
  const base = process.env.TEST_DATABASE_URL;
  let url: string | undefined;
  let drop: (() => Promise<void>) | undefined;
  if (base) {
    const name = `test_${randomBytes(6).toString('hex')}`;
    const admin = new pg.Client({ connectionString: base });
    await admin.connect();
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
  }
  const db = await openDatabase({ url, onQuery: (q) => queries.push(q) });
  await db.migrate();
  return {
    ...db,
    queries,
    url,
    async close() {
      await db.close();
      await drop?.();
    },
  };
}
