import type { Db } from '../db/client.js';
import { utc } from '../db/sql.js';
import { AppError, ErrorCode } from '../errors.js';
import type { EventLog } from '../events/log.js';
import type { Message, Session } from '../generated/prisma/client.js';
import { parseField, titleSchema } from '../validation.js';
import type { SessionService } from './service.js';
import { NEVER_ON_A_BRANCH_SQL } from './tree.js';

/**
 * The message tree of a session: every message follows its parent; edits and regenerations are
 * siblings; the active branch (Message.active, Session.lastMessageId at its end) is what
 * Session.messages lists and the model reads.
 */
export class BranchService {
  constructor(private readonly deps: { db: Db; events: EventLog; sessions: SessionService }) {}

  /**
   * The alternatives at each of these positions (`<sessionId>:<parentId>`, the parent empty for
   * the first message), oldest first: one query.
   */
  async siblings(keys: readonly string[]): Promise<Message[]> {
    const pairs = keys.map((k) => k.split(':') as [string, string]);
    const sessions = pairs.map(([s]) => s);
    const parents = pairs.map(([, p]) => p || null);
    return this.deps.db.$queryRawUnsafe<Message[]>(
      `SELECT m."id", m."sessionId", m."role", m."parts", m."text", m."createdAt", m."turnId",
              m."parentId", m."active"
       FROM "Message" m
       JOIN unnest($1::uuid[], $2::uuid[]) AS k(session, parent)
         ON m."sessionId" = k.session AND m."parentId" IS NOT DISTINCT FROM k.parent
       WHERE NOT ${NEVER_ON_A_BRANCH_SQL}
       ORDER BY m."createdAt", m."id"`,
      sessions,
      parents,
    );
  }

  /**
   * Makes the branch through `messageId` (down to the newest leaf under it) the active one.
   * CONFLICT while a turn runs in the session.
   */
  async switchBranch(userId: string, messageId: string): Promise<Session> {
    const { message, session } = await this.deps.sessions.messageOf(userId, messageId, {
      onBranch: true,
    });
    const now = new Date();
    const [row] = await this.deps.db.$queryRaw<(Session & { leaf: string })[]>`
      WITH RECURSIVE down(id, "createdAt") AS (
        SELECT "id", "createdAt" FROM "Message" WHERE "id" = ${message.id}::uuid
        UNION ALL
        SELECT c."id", c."createdAt" FROM "Message" c JOIN down ON c."parentId" = down.id
      ), leaf AS (
        -- The newest message under it is a leaf: a child is always newer than its parent.
        SELECT id FROM down ORDER BY "createdAt" DESC, id DESC LIMIT 1
      ), up(id, parent) AS (
        SELECT m."id", m."parentId" FROM "Message" m JOIN leaf ON m."id" = leaf.id
        UNION ALL
        SELECT m."id", m."parentId" FROM "Message" m JOIN up ON m."id" = up.parent
      ), claimed AS (
        SELECT "id" FROM "Session" WHERE "id" = ${session.id}::uuid AND "activeTurnId" IS NULL
        FOR UPDATE
      ), moved AS (
        UPDATE "Message" SET "active" = ("id" IN (SELECT id FROM up))
        WHERE "sessionId" = ${session.id}::uuid AND EXISTS (SELECT 1 FROM claimed)
          AND "active" <> ("id" IN (SELECT id FROM up))
      )
      UPDATE "Session" AS s
      SET "lastMessageId" = (SELECT id FROM leaf), "messageCount" = (SELECT count(*) FROM up)::int,
          "updatedAt" = ${utc(now)}
      FROM claimed WHERE s."id" = claimed."id"
      RETURNING s.*, (SELECT id FROM leaf)::text AS leaf`;
    if (!row) {
      throw new AppError(
        ErrorCode.CONFLICT,
        'A turn is running in this session; wait for it or stop it',
      );
    }
    const { leaf, ...switched } = row;
    await this.deps.events.publish(session.id, { type: 'BranchSwitched', leafMessageId: leaf });
    await this.deps.sessions.announceUpdate(switched);
    return switched;
  }

  /**
   * A new session holding copies of the path from the root to `messageId` (as one branch), with
   * the same agent; the original is unchanged.
   */
  async fork(userId: string, input: { messageId: string; title?: string | null }) {
    const { message, session } = await this.deps.sessions.messageOf(userId, input.messageId, {
      onBranch: true,
    });
    const title =
      input.title == null
        ? `${session.title ?? 'Chat'} (fork)`.slice(0, 255)
        : parseField(titleSchema, input.title, 'title');
    const { session: fork } = await this.deps.sessions.create(userId, {
      title,
      agentId: session.agentId,
      metadata: session.metadata,
      workspaceId: session.workspaceId,
      projectId: session.projectId,
    });
    const now = new Date();
    const [copied] = await this.deps.db.$queryRaw<Session[]>`
      WITH RECURSIVE up(id, parent, depth) AS (
        SELECT "id", "parentId", 0 FROM "Message" WHERE "id" = ${message.id}::uuid
        UNION ALL
        SELECT m."id", m."parentId", up.depth + 1 FROM "Message" m JOIN up ON m."id" = up.parent
      ), path AS (
        SELECT m.*, row_number() OVER (ORDER BY up.depth DESC) AS n,
               gen_random_uuid() AS "copyId"
        FROM up JOIN "Message" m ON m."id" = up.id
      ), copies AS (
        INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "createdAt", "parentId",
                               "active", "authorId")
        SELECT p."copyId", ${fork.id}::uuid, p."role", p."parts", p."text", p."createdAt",
               (SELECT q."copyId" FROM path q WHERE q.n = p.n - 1), true, p."authorId"
        FROM path p
      )
      UPDATE "Session" SET "messageCount" = (SELECT count(*) FROM path)::int,
        "lastMessageId" = (SELECT "copyId" FROM path ORDER BY n DESC LIMIT 1),
        "updatedAt" = ${utc(now)}
      WHERE "id" = ${fork.id}::uuid
      RETURNING *`;
    const forked = copied ?? fork;
    await this.deps.sessions.announceUpdate(forked);
    return forked;
  }
}
