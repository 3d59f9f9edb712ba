import type { PGlite } from '@electric-sql/pglite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { databaseBefore } from '../helpers/migrations.js';

/**
 * MessageSearch, the narrow table searchMessages reads, holds for every message exactly what
 * Message and its Session say (the tsvector of the text, the session, its workspace, the role,
 * whether it is an inactive root): after the migration's backfill of existing messages, and after
 * every kind of write its triggers follow. The migration is applied as the PostgreSQL driver
 * adapter applies it: statement by statement, split at every semicolon.
 */

const U = '00000000-0000-7000-8000-0000000000';
const ALICE = `${U}01`;
const AGENT = `${U}02`;
const W1 = `${U}03`;
const W2 = `${U}04`;
const S1 = `${U}05`;
const S2 = `${U}06`;
const M1 = `${U}11`;
const M2 = `${U}12`;
const M3 = `${U}13`;
const M4 = `${U}14`;
const M5 = `${U}15`;
const M6 = `${U}16`;

let db: PGlite;
let migration: string;
beforeAll(async () => {
  ({ db, migration } = await databaseBefore('message_search'));
});
afterAll(async () => {
  await db?.close();
});

/** What MessageSearch holds, and what it should hold according to Message and Session. */
async function inStep() {
  const rows = (sql: string) => db.query<Record<string, unknown>>(sql).then((r) => r.rows);
  const actual = await rows(`
    SELECT "messageId", "sessionId", "workspaceId", "role", "rootInactive", "search"::text AS search
    FROM "MessageSearch" ORDER BY "messageId"`);
  const expected = await rows(`
    SELECT m."id" AS "messageId", m."sessionId", s."workspaceId", m."role",
           (m."parentId" IS NULL AND NOT m."active") AS "rootInactive",
           to_tsvector('english', m."text")::text AS search
    FROM "Message" m JOIN "Session" s ON s."id" = m."sessionId" ORDER BY m."id"`);
  expect(actual).toEqual(expected);
  return actual;
}

const found = async (words: string) =>
  (
    await db.query<{ id: string }>(
      `SELECT "messageId" AS id FROM "MessageSearch"
       WHERE "search" @@ websearch_to_tsquery('english', $1) ORDER BY 1`,
      [words],
    )
  ).rows.map((r) => r.id);

describe('the message search migration and its triggers', () => {
  it('copies the existing messages, then follows inserts, edits, moves and deletes', async () => {
    await db.exec(`
      INSERT INTO "User" ("id", "name") VALUES ('${ALICE}', 'alice');
      INSERT INTO "Agent" ("id", "slug", "name", "instructions") VALUES ('${AGENT}', 'a', 'A', 'be kind');
      INSERT INTO "Workspace" ("id", "name", "personalOfId") VALUES
        ('${W1}', 'alice', '${ALICE}'), ('${W2}', 'team', NULL);
      INSERT INTO "Session" ("id", "userId", "workspaceId", "agentId") VALUES
        ('${S1}', '${ALICE}', '${W1}', '${AGENT}'), ('${S2}', '${ALICE}', '${W2}', '${AGENT}');
      INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "parentId", "active") VALUES
        ('${M1}', '${S1}', 'USER', '[]', 'The quick brown fox', NULL, true),
        ('${M2}', '${S1}', 'ASSISTANT', '[]', 'Foxes are quick', '${M1}', true),
        ('${M3}', '${S2}', 'USER', '[]', 'A queued question', NULL, false);
    `);
    const statements = migration
      .split(';')
      .map((s) => s.trim())
      .filter(Boolean);
    for (const statement of statements) await db.exec(statement);

    expect(await inStep()).toHaveLength(3);
    expect(await found('fox')).toEqual([M1, M2]);

    // Inserts: several rows in one statement, and one inside a data-modifying CTE.
    await db.exec(`
      INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "parentId") VALUES
        ('${M4}', '${S1}', 'USER', '[]', 'Tell me about zebras', '${M2}'),
        ('${M5}', '${S2}', 'ASSISTANT', '[]', 'Zebras have stripes', '${M3}');
      WITH m AS (
        INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text")
        VALUES ('${M6}', '${S2}', 'USER', '[]', 'And okapis?') RETURNING "sessionId"
      )
      UPDATE "Session" SET "messageCount" = "messageCount" + 1 WHERE "id" IN (SELECT "sessionId" FROM m);
    `);
    expect(await inStep()).toHaveLength(6);
    expect(await found('zebra')).toEqual([M4, M5]);

    // A text replaced (an answer stored over its checkpoint), parts alone changed.
    await db.exec(
      `UPDATE "Message" SET "text" = 'Foxes are quick and clever' WHERE "id" = '${M2}'`,
    );
    await db.exec(`UPDATE "Message" SET "parts" = '[{"type":"text"}]' WHERE "id" = '${M1}'`);
    await inStep();
    expect(await found('clever')).toEqual([M2]);

    // Inactive roots: a queued message claimed (a parent, active), a first message edited away.
    await db.exec(
      `UPDATE "Message" SET "parentId" = '${M5}', "active" = true WHERE "id" = '${M3}'`,
    );
    await db.exec(`UPDATE "Message" SET "active" = false WHERE "id" IN ('${M1}', '${M2}')`);
    const rows = await inStep();
    const inactive = rows.filter((r) => r.rootInactive).map((r) => r.messageId);
    expect(inactive).toEqual([M1]);

    // A session in another workspace, then deletes (a message, a session and its messages).
    await db.exec(`UPDATE "Session" SET "workspaceId" = '${W2}' WHERE "id" = '${S1}'`);
    expect((await inStep()).every((r) => r.workspaceId === W2)).toBe(true);
    await db.exec(`DELETE FROM "Message" WHERE "id" = '${M4}'`);
    await db.exec(`DELETE FROM "Session" WHERE "id" = '${S2}'`);
    expect((await inStep()).map((r) => r.messageId)).toEqual([M1, M2]);
    expect(await found('zebra')).toEqual([]);
  });
});
