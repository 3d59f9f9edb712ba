import type { Db } from '../db/client.js';
import { isMissingRecord } from '../db/errors.js';
import { jsonb, utc } from '../db/sql.js';
import { AppError, ErrorCode } from '../errors.js';
import { type EventLog, SEQ_RESERVE } from '../events/log.js';
import type { TurnError, UsagePayload } from '../events/types.js';
import type { Agent, Message, Session, Turn } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { storableJson, storableString } from '../validation.js';
import { sessionVisibleTo } from '../workspaces/access.js';
import {
  type ClaimedTurn,
  type ClaimInput,
  cancelQueued,
  claimQueued,
  claimTurn,
  enqueueTurn,
} from './claims.js';
import { partsText, type StoredPart } from './parts.js';

/** How a turn ended, as it is stored. */
export interface StoredOutcome {
  status: 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED' | 'AWAITING_APPROVAL';
  parts: StoredPart[];
  finishReason: string | null;
  usage: UsagePayload;
  error?: TurnError;
}

export const turnConflict = () =>
  new AppError(
    ErrorCode.CONFLICT,
    'A turn is already running in this session; stop it or wait for it to end',
  );

const addNullable = (a: number | null, b: number | null) =>
  a == null && b == null ? null : (a ?? 0) + (b ?? 0);

/** The turn as its outcome leaves it (usage added to what earlier runs of it used). */
function endedTurn(turn: Turn, outcome: StoredOutcome, finishedAt: Date | null): Turn {
  return {
    ...turn,
    assistantMessageId: turn.replyMessageId,
    status: outcome.status,
    finishReason: outcome.finishReason,
    errorCode: outcome.error?.code ?? null,
    errorMessage: outcome.error?.message ?? null,
    inputTokens: addNullable(turn.inputTokens, outcome.usage.inputTokens),
    outputTokens: addNullable(turn.outputTokens, outcome.usage.outputTokens),
    totalTokens: addNullable(turn.totalTokens, outcome.usage.totalTokens),
    finishedAt,
    checkpoint: null,
    leaseOwner: null,
    leaseExpiresAt: null,
  };
}

/** The database side of turns: claiming a session, storing an outcome, finding abandoned turns. */
export class TurnStore {
  constructor(
    private readonly deps: { db: Db; events: EventLog; processId: string; leaseMs: number },
  ) {}

  private lease(now: Date) {
    return {
      leaseOwner: this.deps.processId,
      leaseExpiresAt: new Date(now.getTime() + this.deps.leaseMs),
    };
  }

  /** Claims the session for a turn answering `question` (null: another turn holds it). */
  claim(input: Omit<ClaimInput, 'lease'>): Promise<ClaimedTurn | null> {
    return claimTurn(this.deps.db, { ...input, lease: this.lease(input.now) });
  }

  /** Stores a user message and a QUEUED turn (ifBusy: ENQUEUE). */
  enqueue(input: Parameters<typeof enqueueTurn>[1]): Promise<ClaimedTurn> {
    return enqueueTurn(this.deps.db, input);
  }

  /** Starts the session's oldest queued turn when the session is free (null: none, or busy). */
  claimQueued(sessionId: string, now = new Date()): Promise<ClaimedTurn | null> {
    return claimQueued(this.deps.db, sessionId, now, this.lease(now));
  }

  cancelQueued(turnId: string): Promise<Turn | null> {
    return cancelQueued(this.deps.db, turnId, new Date());
  }

  /** Sessions whose queue waits although nothing runs (its turn's process died): restart them. */
  async stalledQueues(): Promise<string[]> {
    const rows = await this.deps.db.$queryRaw<{ id: string }[]>`
      SELECT DISTINCT t."sessionId"::text AS id FROM "Turn" t JOIN "Session" s ON s."id" = t."sessionId"
      WHERE t."status" = 'QUEUED' AND s."activeTurnId" IS NULL LIMIT 100`;
    return rows.map((r) => r.id);
  }

  async findByClientMessageId(
    userId: string,
    clientMessageId: string,
  ): Promise<ClaimedTurn | null> {
    const found = await this.deps.db.turn.findUnique({
      where: { userId_clientMessageId: { userId, clientMessageId } },
      include: { session: true, userMessage: true },
    });
    if (!found) return null;
    const { session, userMessage, ...turn } = found;
    return { session, userMessage, turn };
  }

  /**
   * Stores an approval answer in the waiting turn's reply. When no approval waits any longer, the
   * turn is claimed RUNNING again (`resumed`), with a new lease and a reserved eventSeq.
   */
  async answerApproval(
    turn: Turn,
    reply: Message,
    parts: StoredPart[],
    stillPending: boolean,
  ): Promise<{ turn: Turn; resumed: boolean }> {
    const now = new Date();
    return this.deps.db.$transaction(async (tx) => {
      await tx.message.update({
        where: { id: reply.id },
        data: { parts: parts as unknown as Prisma.InputJsonArray },
      });
      if (stillPending) {
        return {
          turn: await tx.turn.findUniqueOrThrow({ where: { id: turn.id } }),
          resumed: false,
        };
      }
      const claimed = await tx.turn.updateMany({
        where: { id: turn.id, status: 'AWAITING_APPROVAL' },
        data: { status: 'RUNNING', ...this.lease(now) },
      });
      if (claimed.count !== 1) {
        throw new AppError(ErrorCode.CONFLICT, 'This turn is not waiting for an approval');
      }
      await tx.session.update({
        where: { id: turn.sessionId },
        data: { state: 'RUNNING', updatedAt: now, eventSeq: { increment: SEQ_RESERVE } },
      });
      // The peer answered: a session waiting for them (lifecycle status) is active again.
      await tx.session.updateMany({
        where: { id: turn.sessionId, status: 'AWAITING_PEER' },
        data: { status: 'ACTIVE' },
      });
      return { turn: await tx.turn.findUniqueOrThrow({ where: { id: turn.id } }), resumed: true };
    });
  }

  /**
   * Stores a turn's outcome in one statement: the assistant message (its parts made storable:
   * what the model and the tools produced may hold what PostgreSQL refuses, NUL and lone
   * surrogates), the turn, and the session, with the exact eventSeq once `pendingEvents` more
   * are published. Null when the session was deleted while the turn ran.
   */
  async store(
    turn: Turn,
    outcome: StoredOutcome,
    replyExists: boolean,
    pendingEvents: number,
  ): Promise<{ session: Session; turn: Turn; message: Message } | null> {
    const now = new Date();
    const awaiting = outcome.status === 'AWAITING_APPROVAL';
    const parts = JSON.parse(storableJson(outcome.parts)) as Prisma.JsonArray;
    const text = storableString(partsText(outcome.parts));
    const settled = this.deps.events.settled(turn.sessionId, pendingEvents);
    const stored = endedTurn(turn, outcome, awaiting ? null : now);
    const message: Message = {
      id: turn.replyMessageId,
      sessionId: turn.sessionId,
      role: 'ASSISTANT',
      parts,
      text,
      createdAt: now,
      turnId: turn.id,
      parentId: turn.userMessageId,
      active: true,
      authorId: null,
    };
    const reply = replyExists
      ? Prisma.sql`UPDATE "Message" SET "parts" = ${jsonb(parts)}, "text" = ${text}
          WHERE "id" = ${message.id}::uuid RETURNING "createdAt"`
      : Prisma.sql`INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "createdAt", "turnId",
                                          "parentId", "active")
          VALUES (${message.id}::uuid, ${turn.sessionId}::uuid, 'ASSISTANT', ${jsonb(parts)}, ${text},
                  ${utc(now)}, ${turn.id}::uuid, ${turn.userMessageId}::uuid, true)
          RETURNING "createdAt"`;
    try {
      const rows = await this.deps.db.$queryRaw<(Session & { replyCreatedAt: Date })[]>`
        WITH reply AS (${reply}), turn AS (
          UPDATE "Turn" SET "assistantMessageId" = ${message.id}::uuid,
            "status" = ${stored.status}::"TurnStatus", "finishReason" = ${stored.finishReason},
            "errorCode" = ${stored.errorCode}, "errorMessage" = ${stored.errorMessage},
            "inputTokens" = ${stored.inputTokens}, "outputTokens" = ${stored.outputTokens},
            "totalTokens" = ${stored.totalTokens}, "finishedAt" = ${utc(stored.finishedAt)},
            "checkpoint" = NULL, "leaseOwner" = NULL, "leaseExpiresAt" = NULL
          WHERE "id" = ${turn.id}::uuid
        )
        UPDATE "Session" AS s
        SET "activeTurnId" = ${awaiting ? turn.id : null}::uuid,
            "state" = ${awaiting ? 'AWAITING_APPROVAL' : 'IDLE'}::"SessionState",
            "status" = CASE
              WHEN ${outcome.status === 'FAILED'} THEN 'FAILED'
              WHEN ${awaiting} AND s."status" IN ('ACTIVE', 'IDLE') THEN 'AWAITING_PEER'
              WHEN NOT ${awaiting} AND s."state" = 'AWAITING_APPROVAL' AND s."status" = 'AWAITING_PEER'
                THEN 'ACTIVE'
              ELSE s."status" END::"SessionStatus",
            "messageCount" = s."messageCount" + ${replyExists ? 0 : 1},
            "lastMessageId" = ${message.id}::uuid, "updatedAt" = ${utc(now)},
            "eventSeq" = COALESCE(${settled ?? null}::int, s."eventSeq")
        FROM reply WHERE s."id" = ${turn.sessionId}::uuid
        RETURNING s.*, reply."createdAt" AS "replyCreatedAt"`;
      const row = rows[0];
      if (!row) return null;
      const { replyCreatedAt, ...session } = row;
      return { session, turn: stored, message: { ...message, createdAt: replyCreatedAt } };
    } catch (e) {
      if (isMissingRecord(e)) return null;
      throw e;
    }
  }

  /**
   * Takes over a turn that no process runs (one waiting for an approval, or one whose process
   * died): false when another process took it first.
   */
  async takeOver(turn: Turn): Promise<boolean> {
    const claimed = await this.deps.db.turn.updateMany({
      where: { id: turn.id, status: turn.status, leaseOwner: turn.leaseOwner },
      data: { leaseOwner: this.deps.processId },
    });
    return claimed.count === 1;
  }

  /** RUNNING turns whose lease ran out before `now` (their process died). */
  expiredLeases(now: Date): Promise<Turn[]> {
    return this.deps.db.turn.findMany({
      where: { status: 'RUNNING', leaseExpiresAt: { lt: now } },
      take: 100,
    });
  }

  /** The agent of a session, or null when the session is gone. */
  async agentOf(sessionId: string): Promise<Agent | null> {
    const session = await this.deps.db.session.findUnique({
      where: { id: sessionId },
      select: { agent: true },
    });
    return session?.agent ?? null;
  }

  byId(turnId: string): Promise<Turn | null> {
    return this.deps.db.turn.findUnique({ where: { id: turnId } });
  }

  /** A turn of this user, or null (another user's turn answers like a missing one). */
  visible(userId: string, turnId: string) {
    return this.deps.db.turn.findFirst({
      where: { id: turnId, session: sessionVisibleTo(userId) },
      include: { session: { select: { id: true, workspaceId: true } } },
    });
  }

  message(id: string): Promise<Message | null> {
    return this.deps.db.message.findUnique({ where: { id } });
  }

  /** Stores a generated title where the session has none yet; the session when it did. */
  async setTitle(sessionId: string, title: string): Promise<Session | null> {
    const [session] = await this.deps.db.session.updateManyAndReturn({
      where: { id: sessionId, title: null },
      data: { title, updatedAt: new Date() },
    });
    return session ?? null;
  }
}
