import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from '../helpers/migrations.js';

/**
 * The memories migration keeps what users were remembered by before it: the database is built
 * with the migrations before it, holds a preference (by SQL: the services of today no longer
 * write that schema), and then gets the memories migration.
 */

let db: PGlite;
let memories: string;
beforeAll(async () => {
  ({ db, migration: memories } = await databaseBefore('memories'));
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
