import type { Db } from '../db/client.js';
import { uuid7 } from '../db/ids.js';
import { jsonb, utc } from '../db/sql.js';
import { SEQ_RESERVE } from '../events/log.js';
import type { Message, Prisma, Session, Turn } from '../generated/prisma/client.js';
import { renewalOnActivity } from '../sessions/expiry.js';
import { textParts } from './parts.js';

/** What a turn answers: a new message, or one already stored. */
export type Question =
  /** A new user message after `parentId` (undefined: the end of the active branch). */
  | { kind: 'new'; text: string; parentId?: string | null }
  /** The stored user message `message` answered again (regenerate). */
  | { kind: 'again'; message: Message };

export interface ClaimedTurn {
  session: Session;
  userMessage: Message;
  turn: Turn;
}

export interface ClaimInput {
  session: Session;
  userId: string;
  question: Question;
  clientMessageId: string | null;
  model: string;
  now: Date;
  lease: { leaseOwner: string; leaseExpiresAt: Date };
}

/** The columns of a new turn that a claim leaves at their defaults. */
export const NEW_TURN = {
  assistantMessageId: null,
  finishReason: null,
  errorCode: null,
  errorMessage: null,
  inputTokens: null,
  outputTokens: null,
  totalTokens: null,
  finishedAt: null,
  checkpoint: null,
} as const;

/**
 * The branch a claim puts the question on. A send continues the active branch; an edit (a new
 * message after `parentId`) and a regeneration start a branch from an earlier message: every
 * active message off the path from the root to that message leaves the active branch.
 */
function branchOf(question: Question) {
  if (question.kind === 'again') return { from: question.message.id, branching: true };
  if (question.parentId !== undefined) return { from: question.parentId, branching: true };
  return { from: null, branching: false };
}

/**
 * Stores the question (unless it is stored already) and a RUNNING turn, moves the active branch
 * when the question starts a new one, and makes the turn the session's active one: one SQL
 * statement. Null when another turn holds the session (or waits in its queue). The conditional
 * update is the lock, across processes; the session's eventSeq is reserved (events/log.ts). One
 * statement rather than a transaction: nothing holds a connection while the server waits, so a
 * burst of sends queues for the database instead of timing out.
 */
export async function claimTurn(db: Db, input: ClaimInput): Promise<ClaimedTurn | null> {
  const { session, question, now, lease } = input;
  const at = now.getTime();
  const turnId = uuid7(at);
  const replyMessageId = uuid7(at);
  const asked = question.kind === 'new' ? uuid7(at) : question.message.id;
  const parts = question.kind === 'new' ? textParts(question.text) : [];
  const text = question.kind === 'new' ? question.text : '';
  const { from, branching } = branchOf(question);
  const renewal = renewalOnActivity(session, now);
  const renew = 'expiresAt' in renewal;
  const rows = await db.$queryRaw<(Session & { parentId: string | null })[]>`
    WITH RECURSIVE claimed AS (
      SELECT "id", "lastMessageId" FROM "Session"
      WHERE "id" = ${session.id}::uuid AND "activeTurnId" IS NULL
        AND NOT EXISTS (SELECT 1 FROM "Turn" WHERE "sessionId" = ${session.id}::uuid
                        AND "status" = 'QUEUED')
      FOR UPDATE
    ), path AS (
      SELECT "id", "parentId" FROM "Message"
      WHERE "id" = ${from}::uuid AND "sessionId" = ${session.id}::uuid
      UNION ALL
      SELECT m."id", m."parentId" FROM "Message" m JOIN path ON m."id" = path."parentId"
    ), off_branch AS (
      UPDATE "Message" SET "active" = false
      WHERE ${branching} AND "sessionId" = ${session.id}::uuid AND "active"
        AND "id" NOT IN (SELECT "id" FROM path) AND EXISTS (SELECT 1 FROM claimed)
    ), question AS (
      INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "createdAt", "turnId",
                             "parentId", "active", "authorId")
      SELECT ${asked}::uuid, "id", 'USER', ${jsonb(parts)}, ${text}, ${utc(now)}, ${turnId}::uuid,
             CASE WHEN ${branching} THEN ${from}::uuid ELSE "lastMessageId" END, true,
             ${input.userId}::uuid
      FROM claimed WHERE ${question.kind === 'new'}
      RETURNING "parentId"
    ), participant AS (
      INSERT INTO "Participant" ("id", "sessionId", "kind", "userId", "joinedAt")
      SELECT ${uuid7(at)}::uuid, "id", 'USER', ${input.userId}::uuid, ${utc(now)} FROM claimed
      ON CONFLICT DO NOTHING
    ), turn AS (
      INSERT INTO "Turn" ("id", "sessionId", "userId", "clientMessageId", "status",
                          "userMessageId", "replyMessageId", "model", "startedAt",
                          "leaseOwner", "leaseExpiresAt")
      SELECT ${turnId}::uuid, "id", ${input.userId}::uuid, ${input.clientMessageId}, 'RUNNING',
             ${asked}::uuid, ${replyMessageId}::uuid, ${input.model}, ${utc(now)},
             ${lease.leaseOwner}, ${utc(lease.leaseExpiresAt)}
      FROM claimed
    )
    UPDATE "Session" AS s
    SET "activeTurnId" = ${turnId}::uuid, "state" = 'RUNNING',
        -- Sending again lifts FAILED (a failed turn set it).
        "status" = CASE WHEN s."status" = 'FAILED' THEN 'ACTIVE' ELSE s."status" END,
        "messageCount" = CASE WHEN ${branching}
          THEN (SELECT count(*) FROM path)::int + ${question.kind === 'new' ? 1 : 0}
          ELSE s."messageCount" + 1 END,
        "lastMessageId" = ${asked}::uuid,
        "updatedAt" = ${utc(now)}, "eventSeq" = s."eventSeq" + ${SEQ_RESERVE},
        "expiresAt" = CASE WHEN ${renew} THEN ${utc(renewal.expiresAt ?? null)} ELSE s."expiresAt" END,
        "warnedAt" = CASE WHEN ${renew} THEN NULL ELSE s."warnedAt" END
    FROM claimed WHERE s."id" = claimed."id"
    RETURNING s.*, (SELECT "parentId" FROM question) AS "parentId"`;
  const row = rows[0];
  if (!row) return null;
  const { parentId, ...claimed } = row;
  const userMessage: Message =
    question.kind === 'again'
      ? { ...question.message, active: true }
      : {
          id: asked,
          sessionId: session.id,
          role: 'USER',
          parts: parts as unknown as Prisma.JsonArray,
          text,
          createdAt: now,
          turnId,
          parentId,
          active: true,
          authorId: input.userId,
        };
  const turn: Turn = {
    ...NEW_TURN,
    id: turnId,
    sessionId: session.id,
    userId: input.userId,
    clientMessageId: input.clientMessageId,
    status: 'RUNNING',
    userMessageId: asked,
    replyMessageId,
    model: input.model,
    startedAt: now,
    ...lease,
  };
  return { session: claimed, userMessage, turn };
}

/** A timestamp of a row read as JSON (PostgreSQL writes `timestamp` without a zone: UTC). */
const reviveDate = (value: unknown) => (value == null ? null : new Date(`${value}Z`));

/**
 * Double-texting (ifBusy: ENQUEUE): stores the user message at once, off the branch, with a
 * QUEUED turn; the queue's oldest turn starts when the session is free (claimQueued).
 */
export async function enqueueTurn(
  db: Db,
  input: Omit<ClaimInput, 'question' | 'lease'> & { text: string },
): Promise<ClaimedTurn> {
  const { session, now } = input;
  const at = now.getTime();
  const [turnId, messageId, replyMessageId] = [uuid7(at), uuid7(at), uuid7(at)];
  const parts = textParts(input.text);
  await db.$executeRaw`
    WITH question AS (
      INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "createdAt", "turnId",
                             "parentId", "active", "authorId")
      VALUES (${messageId}::uuid, ${session.id}::uuid, 'USER', ${jsonb(parts)}, ${input.text},
              ${utc(now)}, ${turnId}::uuid, NULL, false, ${input.userId}::uuid)
    ), participant AS (
      INSERT INTO "Participant" ("id", "sessionId", "kind", "userId", "joinedAt")
      VALUES (${uuid7(at)}::uuid, ${session.id}::uuid, 'USER', ${input.userId}::uuid, ${utc(now)})
      ON CONFLICT DO NOTHING
    )
    INSERT INTO "Turn" ("id", "sessionId", "userId", "clientMessageId", "status", "userMessageId",
                        "replyMessageId", "model", "startedAt")
    VALUES (${turnId}::uuid, ${session.id}::uuid, ${input.userId}::uuid, ${input.clientMessageId},
            'QUEUED', ${messageId}::uuid, ${replyMessageId}::uuid, ${input.model}, ${utc(now)})`;
  const userMessage: Message = {
    id: messageId,
    sessionId: session.id,
    role: 'USER',
    parts: parts as unknown as Prisma.JsonArray,
    text: input.text,
    createdAt: now,
    turnId,
    parentId: null,
    active: false,
    authorId: input.userId,
  };
  const turn: Turn = {
    ...NEW_TURN,
    id: turnId,
    sessionId: session.id,
    userId: input.userId,
    clientMessageId: input.clientMessageId,
    status: 'QUEUED',
    userMessageId: messageId,
    replyMessageId,
    model: input.model,
    startedAt: now,
    leaseOwner: null,
    leaseExpiresAt: null,
  };
  return { session, userMessage, turn };
}

/**
 * Starts the session's oldest queued turn when the session is free: its message joins the end of
 * the active branch (and takes the time it joined, so the branch stays in order), the turn runs.
 * One statement; null when there is none or the session is busy (another process won it).
 */
export async function claimQueued(
  db: Db,
  sessionId: string,
  now: Date,
  lease: ClaimInput['lease'],
): Promise<ClaimedTurn | null> {
  const rows = await db.$queryRaw<(Session & { turnRow: Turn; questionRow: Message })[]>`
    WITH next AS (
      SELECT "id", "userMessageId" FROM "Turn"
      WHERE "sessionId" = ${sessionId}::uuid AND "status" = 'QUEUED'
      ORDER BY "startedAt", "id" LIMIT 1
    ), claimed AS (
      SELECT s."id", s."lastMessageId" FROM "Session" s
      WHERE s."id" = ${sessionId}::uuid AND s."activeTurnId" IS NULL AND EXISTS (SELECT 1 FROM next)
      FOR UPDATE
    ), question AS (
      UPDATE "Message" m SET "parentId" = claimed."lastMessageId", "active" = true,
             "createdAt" = ${utc(now)}
      FROM claimed, next WHERE m."id" = next."userMessageId"
      RETURNING m.*
    ), turn AS (
      UPDATE "Turn" t SET "status" = 'RUNNING', "startedAt" = ${utc(now)},
             "leaseOwner" = ${lease.leaseOwner}, "leaseExpiresAt" = ${utc(lease.leaseExpiresAt)}
      FROM claimed, next WHERE t."id" = next."id"
      RETURNING t.*
    )
    UPDATE "Session" AS s
    SET "activeTurnId" = next."id", "state" = 'RUNNING', "messageCount" = s."messageCount" + 1,
        "lastMessageId" = next."userMessageId", "updatedAt" = ${utc(now)},
        "eventSeq" = s."eventSeq" + ${SEQ_RESERVE}
    FROM claimed, next WHERE s."id" = claimed."id"
    RETURNING s.*, (SELECT row_to_json(turn) FROM turn) AS "turnRow",
              (SELECT row_to_json(question) FROM question) AS "questionRow"`;
  const row = rows[0];
  if (!row) return null;
  const { turnRow, questionRow, ...session } = row;
  const turn: Turn = {
    ...turnRow,
    startedAt: reviveDate(turnRow.startedAt) as Date,
    finishedAt: reviveDate(turnRow.finishedAt),
    leaseExpiresAt: reviveDate(turnRow.leaseExpiresAt),
  };
  const userMessage: Message = {
    ...questionRow,
    createdAt: reviveDate(questionRow.createdAt) as Date,
  };
  return { session, userMessage, turn };
}

/** Cancels a turn that waits in its session's queue (null: it is not queued). */
export async function cancelQueued(db: Db, turnId: string, now: Date): Promise<Turn | null> {
  const [turn] = await db.turn.updateManyAndReturn({
    where: { id: turnId, status: 'QUEUED' },
    data: { status: 'CANCELLED', finishReason: 'cancelled', finishedAt: now },
  });
  return turn ?? null;
}
