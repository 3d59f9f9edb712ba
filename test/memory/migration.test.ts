import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrationsDir } from '../../src/db/migrate.js';

/**
 * The memories migration keeps what users were remembered by before it: the database is built
 * with the migrations before it, holds a preference (by SQL: the services of today no longer
 * write that schema), and then gets the memories migration.
 */

let db: PGlite;
let memories: string;
beforeAll(async () => {
  const dirs = (await readdir(migrationsDir)).filter((d) => /^\d+_/.test(d)).sort();
  const index = dirs.findIndex((d) => d.endsWith('_memories'));
  expect(index).toBeGreaterThan(0);
  const sql = (dir: string) => readFile(path.join(migrationsDir, dir, 'migration.sql'), 'utf8');
  db = new PGlite();
  for (const dir of dirs.slice(0, index)) await db.exec(await sql(dir));
  memories = await sql(dirs[index] as string);
});
afterAll(async () => {
  await db?.close();
});

describe('the memories migration', () => {
  it('keeps existing preferences as memories without a source session, memory on', async () => {
    await db.exec(`
      INSERT INTO "User" ("id", "name") VALUES ('0190f5d8-0000-7000-8000-000000000001', 'old');
      INSERT INTO "Preference" ("id", "userId", "text", "createdAt")
      VALUES ('0190f5d8-0000-7000-8000-000000000002', '0190f5d8-0000-7000-8000-000000000001',
              'wears shoe size 10', '2026-01-02T03:04:05Z');`);
    await db.exec(memories);
    const rows = await db.query<Record<string, unknown>>(
      `SELECT p."text", p."sourceSessionId", p."createdAt", u."memoryEnabled"
       FROM "Preference" p JOIN "User" u ON u."id" = p."userId"`,
    );
    expect(rows.rows).toEqual([
      {
        text: 'wears shoe size 10',
        sourceSessionId: null,
        createdAt: new Date('2026-01-02T03:04:05Z'),
        memoryEnabled: true,
      },
    ]);
  });
});
