import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Database, openDatabase } from '../../src/db/client.js';
import { statementNames } from '../../src/db/statement-names.js';
import { createTestDatabase, type TestDatabase } from '../helpers/db.js';

/**
 * Prisma's statements on PostgreSQL run as named prepared statements (src/db/statement-names.ts):
 * which texts get a name, how many, and, on a real PostgreSQL (TEST_DATABASE_URL), that a
 * connection really keeps them, that DATABASE_PREPARED_STATEMENTS=0 turns them off and that a
 * column added while the server runs breaks nothing.
 */
describe('statement names', () => {
  const q = (sql: string) => ({ sql });

  it('names a text from its second execution on, the same name every time after', () => {
    const name = statementNames(10);
    if (!name) throw new Error('statementNames(10) must name statements');
    const sql = 'SELECT "id" FROM "Agent" WHERE "id" = $1';
    expect(name(q(sql))).toBe('');
    const second = name(q(sql));
    expect(second).toMatch(/^prisma_\d+$/);
    expect(name(q(sql))).toBe(second);
    expect(name(q(`WITH x AS (SELECT 1) ${sql}`))).toBe('');
    expect(name(q(`WITH x AS (SELECT 1) ${sql}`))).not.toBe(second);
  });

  it('never names DDL or statements whose columns come from a star', () => {
    const name = statementNames(10);
    if (!name) throw new Error('statementNames(10) must name statements');
    for (const sql of [
      'ALTER TABLE "Agent" ADD COLUMN "x" int',
      'CREATE INDEX "i" ON "Agent" ("slug")',
      'SELECT * FROM "Agent"',
      'WITH s AS (INSERT INTO "Session" ("id") VALUES ($1) RETURNING *) SELECT * FROM s',
      'SELECT a.* FROM "Agent" a',
      'SELECT "s".* FROM "Session" "s"',
    ]) {
      for (let i = 0; i < 3; i += 1) expect(name(q(sql)), sql).toBe('');
    }
    // count(*) is not a star list of columns.
    const count = 'SELECT count(*)::int AS n FROM "Message" WHERE "sessionId" = $1';
    name(q(count));
    expect(name(q(count))).toMatch(/^prisma_/);
  });

  it('gives at most max names, and none at all with 0', () => {
    expect(statementNames(0)).toBeUndefined();
    const name = statementNames(3);
    if (!name) throw new Error('statementNames(3) must name statements');
    const names = new Set<string>();
    for (let i = 0; i < 10; i += 1) {
      const sql = `SELECT "id" FROM "Agent" WHERE "id" IN (${Array.from({ length: i + 1 }, (_, j) => `$${j + 1}`).join(',')})`;
      name(q(sql));
      const n = name(q(sql));
      if (n) names.add(n);
    }
    expect(names.size).toBe(3);
  });
});

describe.skipIf(!process.env.TEST_DATABASE_URL)('prepared statements on PostgreSQL', () => {
  let db: TestDatabase;
  let unprepared: Database;
  // Sequential queries reuse the pool's most recently released connection, so this reads the
  // statements of the connection the queries before it ran on.
  const preparedOn = async (d: Database) =>
    (
      await d.prisma.$queryRaw<{ statement: string }[]>`
        SELECT statement FROM pg_prepared_statements WHERE name LIKE 'prisma_%'`
    ).map((r) => r.statement);
  const agents = (d: Database) =>
    d.prisma.agent.findMany({ select: { id: true, slug: true }, orderBy: { slug: 'asc' } });

  beforeAll(async () => {
    db = await createTestDatabase();
    unprepared = await openDatabase({ url: db.url, preparedStatements: 0 });
  });
  afterAll(async () => {
    await unprepared?.close();
    await db?.close();
  });

  it('keeps a repeated statement prepared on its connection, with the same rows each time', async () => {
    const first = await agents(db);
    expect(first.length).toBeGreaterThan(0);
    for (let i = 0; i < 6; i += 1) expect(await agents(db)).toEqual(first);
    for (let i = 0; i < 3; i += 1) await db.prisma.$queryRaw`SELECT * FROM "Agent"`;
    const statements = await preparedOn(db);
    expect(statements.some((s) => s.includes('FROM "public"."Agent"'))).toBe(true);
    expect(statements.some((s) => /SELECT \* FROM "Agent"/.test(s))).toBe(false);
  });

  it('prepares nothing with DATABASE_PREPARED_STATEMENTS=0', async () => {
    const first = await agents(unprepared);
    for (let i = 0; i < 6; i += 1) expect(await agents(unprepared)).toEqual(first);
    expect(await preparedOn(unprepared)).toEqual([]);
  });

  it('goes on serving when a migration adds a column while it runs', async () => {
    const before = await agents(db);
    const star = async () => db.prisma.$queryRaw<Record<string, unknown>[]>`SELECT * FROM "Agent"`;
    await star();
    await unprepared.prisma.$executeRawUnsafe('ALTER TABLE "Agent" ADD COLUMN "extra" int');
    try {
      for (let i = 0; i < 3; i += 1) {
        expect(await agents(db)).toEqual(before);
        expect(Object.keys((await star())[0] ?? {})).toContain('extra');
      }
    } finally {
      await unprepared.prisma.$executeRawUnsafe('ALTER TABLE "Agent" DROP COLUMN "extra"');
    }
  });
});
