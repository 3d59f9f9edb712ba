import { randomUUID } from 'node:crypto';
import type { Db } from '../db/client.js';
import { isMissingRecord } from '../db/errors.js';
import { lockSession } from '../db/locks.js';
import { AppError, ErrorCode } from '../errors.js';
import { type EventLog, SEQ_RESERVE } from '../events/log.js';
import type { TurnError, UsagePayload } from '../events/types.js';
import type { Agent, Message, Session, Turn } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import { renewalOnActivity } from '../sessions/expiry.js';
import { storableJson, storableString } from '../validation.js';
import { partsText, type StoredPart, textParts } from './parts.js';

/** How a turn ended, as it is stored. */
export interface StoredOutcome {
  status: 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'INTERRUPTED' | 'AWAITING_APPROVAL';
  parts: StoredPart[];
  finishReason: string | null;
  usage: UsagePayload;
  error?: TurnError;
}

export interface ClaimedTurn {
  session: Session;
  userMessage: Message;
  turn: Turn;
}

export const turnConflict = () =>
  new AppError(
    ErrorCode.CONFLICT,
    'A turn is already running in this session; stop it or wait for it to end',
  );

const addNullable = (a: number | null, b: number | null) =>
  a == null && b == null ? null : (a ?? 0) + (b ?? 0);

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

  /**
   * Stores the user message and a RUNNING turn and makes it the session's active turn, in one
   * transaction; CONFLICT when another turn holds the session. The conditional update is the
   * lock: only one turn becomes active, across processes. The session's eventSeq is reserved
   * (see events/log.ts).
   */
  claim(input: {
    session: Session;
    agent: Agent;
    userId: string;
    text: string;
    clientMessageId: string | null;
    model: string;
    now: Date;
  }): Promise<ClaimedTurn> {
    const { session, now } = input;
    const turnId = randomUUID();
    return this.deps.db.$transaction(async (tx) => {
      await lockSession(tx, session.id);
      const userMessage = await tx.message.create({
        data: {
          sessionId: session.id,
          role: 'USER',
          text: input.text,
          parts: textParts(input.text) as unknown as Prisma.InputJsonArray,
          createdAt: now,
        },
      });
      const turn = await tx.turn.create({
        data: {
          id: turnId,
          sessionId: session.id,
          userId: input.userId,
          clientMessageId: input.clientMessageId,
          userMessageId: userMessage.id,
          replyMessageId: randomUUID(),
          model: input.model,
          startedAt: now,
          ...this.lease(now),
        },
      });
      await tx.message.update({ where: { id: userMessage.id }, data: { turnId } });
      const updated = await tx.session
        .update({
          where: { id: session.id, AND: { activeTurnId: null } },
          data: {
            activeTurnId: turnId,
            state: 'RUNNING',
            messageCount: { increment: 1 },
            lastMessageId: userMessage.id,
            updatedAt: now,
            eventSeq: { increment: SEQ_RESERVE },
            ...renewalOnActivity(session, now),
          },
        })
        .catch((e: unknown) => {
          throw isMissingRecord(e) ? turnConflict() : e;
        });
      return { session: updated, userMessage: { ...userMessage, turnId }, turn };
    });
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
      return { turn: await tx.turn.findUniqueOrThrow({ where: { id: turn.id } }), resumed: true };
    });
  }

  /**
   * Stores a turn's outcome in one transaction: the assistant message (its parts made storable:
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
    const parts = JSON.parse(storableJson(outcome.parts)) as Prisma.InputJsonArray;
    const text = storableString(partsText(outcome.parts));
    const settled = this.deps.events.settled(turn.sessionId, pendingEvents);
    try {
      return await this.deps.db.$transaction(async (tx) => {
        const message = replyExists
          ? await tx.message.update({ where: { id: turn.replyMessageId }, data: { parts, text } })
          : await tx.message.create({
              data: {
                id: turn.replyMessageId,
                sessionId: turn.sessionId,
                role: 'ASSISTANT',
                parts,
                text,
                turnId: turn.id,
                createdAt: now,
              },
            });
        const stored = await tx.turn.update({
          where: { id: turn.id },
          data: {
            assistantMessageId: turn.replyMessageId,
            status: outcome.status,
            finishReason: outcome.finishReason,
            errorCode: outcome.error?.code ?? null,
            errorMessage: outcome.error?.message ?? null,
            inputTokens: addNullable(turn.inputTokens, outcome.usage.inputTokens),
            outputTokens: addNullable(turn.outputTokens, outcome.usage.outputTokens),
            totalTokens: addNullable(turn.totalTokens, outcome.usage.totalTokens),
            finishedAt: awaiting ? null : now,
            checkpoint: Prisma.DbNull,
            leaseOwner: null,
            leaseExpiresAt: null,
          },
        });
        const session = await tx.session.update({
          where: { id: turn.sessionId },
          data: {
            activeTurnId: awaiting ? turn.id : null,
            state: awaiting ? 'AWAITING_APPROVAL' : 'IDLE',
            ...(replyExists ? {} : { messageCount: { increment: 1 } }),
            lastMessageId: turn.replyMessageId,
            updatedAt: now,
            ...(settled != null ? { eventSeq: settled } : {}),
          },
        });
        return { session, turn: stored, message };
      });
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
  owned(userId: string, turnId: string): Promise<Turn | null> {
    return this.deps.db.turn.findFirst({ where: { id: turnId, userId } });
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
