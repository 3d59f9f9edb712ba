import { describe, expect, it } from 'vitest';
import { databaseBefore } from '../helpers/migrations.js';

/**
 * The workspaces migration keeps existing data: a database at the migration before it, with a
 * user, their sessions and messages, comes out with a personal workspace per user that holds
 * their sessions, USER messages that name their author, and each session's creator and agent as
 * its participants.
 */

const U = '00000000-0000-7000-8000-00000000000';
const ALICE = `${U}1`;
const BOB = `${U}2`;
const AGENT = `${U}3`;
const S1 = `${U}4`;
const S2 = `${U}5`;

describe('the workspaces migration', () => {
  it('moves existing sessions into their owner’s personal workspace', async () => {
    const { db, migration: workspaces } = await databaseBefore('workspaces_projects_participants');
    await db.exec(`
      INSERT INTO "User" ("id", "name") VALUES ('${ALICE}', 'alice'), ('${BOB}', 'bob');
      INSERT INTO "Agent" ("id", "slug", "name", "instructions") VALUES ('${AGENT}', 'a', 'A', 'be kind');
      INSERT INTO "Session" ("id", "userId", "agentId", "title") VALUES
        ('${S1}', '${ALICE}', '${AGENT}', 'one'), ('${S2}', '${ALICE}', '${AGENT}', 'two');
      INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text") VALUES
        (gen_random_uuid(), '${S1}', 'USER', '[]', 'hi'),
        (gen_random_uuid(), '${S1}', 'ASSISTANT', '[]', 'hello');
    `);
    await db.exec(workspaces);

    const members = await db.query<{ name: string; role: string; sessions: number }>(`
      SELECT u."name", m."role",
             (SELECT count(*)::int FROM "Session" s WHERE s."workspaceId" = w."id") AS sessions
      FROM "Workspace" w JOIN "WorkspaceMember" m ON m."workspaceId" = w."id"
      JOIN "User" u ON u."id" = m."userId" WHERE w."personalOfId" = u."id" ORDER BY u."name"`);
    expect(members.rows).toEqual([
      { name: 'alice', role: 'OWNER', sessions: 2 },
      { name: 'bob', role: 'OWNER', sessions: 0 },
    ]);
    const sessions = await db.query<{ title: string; status: string }>(
      `SELECT "title", "status" FROM "Session" ORDER BY "title"`,
    );
    expect(sessions.rows).toEqual([
      { title: 'one', status: 'ACTIVE' },
      { title: 'two', status: 'ACTIVE' },
    ]);
    const authors = await db.query<{ role: string; authorId: string | null }>(
      `SELECT "role", "authorId" FROM "Message" ORDER BY "role"`,
    );
    expect(authors.rows).toEqual([
      { role: 'USER', authorId: ALICE },
      { role: 'ASSISTANT', authorId: null },
    ]);
    const participants = await db.query<{ kind: string; who: string }>(`
      SELECT "kind", coalesce("userId", "agentId")::text AS who FROM "Participant"
      WHERE "sessionId" = '${S1}' ORDER BY "kind"`);
    expect(participants.rows).toEqual([
      { kind: 'USER', who: ALICE },
      { kind: 'AGENT', who: AGENT },
    ]);
    await db.close();
  });
});
