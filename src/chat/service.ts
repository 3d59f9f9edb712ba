import { randomUUID } from 'node:crypto';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { convertToModelMessages, type UIMessage } from 'ai';
import type { Logger } from 'pino';
import { rateLimited } from '../context.js';
import type { Db } from '../db/client.js';
import { isMissingRecord, isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Agent, Message, Session, Turn } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { RateLimiter } from '../limits/rate-limit.js';
import type { AppPubSub } from '../pubsub.js';
import type { StoredPart } from '../schema/message.js';
import { lockSession, renewedExpiry, type SessionService } from '../sessions/service.js';
import {
  hasUnstorable,
  messageTextSchema,
  parseField,
  storableJson,
  storableString,
  UNSTORABLE_MESSAGE,
} from '../sessions/validation.js';
import { Checkpoints, SEQ_RESERVE } from './checkpoints.js';
import type { EventLog } from './events.js';
import { partsText, runTurn, type TurnOutcome } from './run-turn.js';
import { generateTitle } from './title.js';
import { createTools, loadPreferences } from './tools/index.js';

export interface ChatServiceDeps {
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  sessions: SessionService;
  model: LanguageModelV3;
  modelName: string;
  logger: Logger;
  rateLimiter: RateLimiter;
  /** sendMessage calls a user may make per minute. */
  sendPerMinute: number;
  /** How often a running turn saves its partial answer and renews its lease. */
  checkpointMs: number;
  /** How long a lease lasts without renewal. */
  leaseMs: number;
  /** Names this server process in turn leases. */
  processId?: string;
}

export interface SendMessageInput {
  sessionId?: string | null;
  text: string;
  clientMessageId?: string | null;
  agentId?: string | null;
}

export interface SendMessageResult {
  session: Session;
  userMessage: Message;
  turn: Turn;
}

/** Messages of history handed to the model (the most recent ones). */
const HISTORY_LIMIT = 200;

interface RunningTurn {
  controller: AbortController;
  done: Promise<void>;
}

type SessionWithAgent = Session & { agent: Agent };

/**
 * Agent turns: sendMessage starts one (at most one per session, enforced by the database), the
 * runner streams it through the EventLog, stores the answer at the end, and stopTurn aborts it
 * wherever it runs.
 */
export class ChatService {
  private readonly running = new Map<string, RunningTurn>();
  /** Work a finished turn leaves behind (the session title), awaited by drain(). */
  private readonly background = new Set<Promise<unknown>>();
  /** Partial answers and leases of the running turns, saved in one batch per interval. */
  private readonly checkpoints: Checkpoints;
  readonly processId: string;
  private shuttingDown = false;
  /** Called for every streamed delta (metrics). */
  onDelta?: () => void;

  constructor(private readonly deps: ChatServiceDeps) {
    this.processId = deps.processId ?? `${process.pid}-${randomUUID().slice(0, 8)}`;
    this.checkpoints = new Checkpoints({
      db: deps.db,
      events: deps.events,
      logger: deps.logger,
      intervalMs: deps.checkpointMs,
      leaseMs: deps.leaseMs,
    });
  }

  runningCount(): number {
    return this.running.size;
  }

  async sendMessage(userId: string, input: SendMessageInput): Promise<SendMessageResult> {
    const { db } = this.deps;
    const text = parseField(messageTextSchema, input.text, 'text');
    const clientMessageId = input.clientMessageId ?? null;
    if (clientMessageId != null && (clientMessageId.length < 1 || clientMessageId.length > 128)) {
      throw AppError.badInput('clientMessageId', 'clientMessageId: 1 to 128 characters');
    }
    if (hasUnstorable(clientMessageId)) {
      throw AppError.badInput('clientMessageId', `clientMessageId: ${UNSTORABLE_MESSAGE}`);
    }
    if (clientMessageId) {
      const previous = await this.findByClientMessageId(userId, clientMessageId);
      if (previous) return previous;
    }
    const limit = await this.deps.rateLimiter.hit(`send:${userId}`, this.deps.sendPerMinute);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds, 'messages');

    let session: Session;
    if (input.sessionId) {
      session = await this.deps.sessions.getOwned(userId, input.sessionId);
      if (input.agentId && input.agentId !== session.agentId) {
        session = await this.deps.sessions.update(userId, session.id, { agentId: input.agentId });
      }
    } else {
      session = (await this.deps.sessions.create(userId, { agentId: input.agentId })).session;
    }
    const now = new Date();
    if (session.state === 'EXPIRED' || (session.expiresAt && session.expiresAt <= now)) {
      throw new AppError(ErrorCode.SESSION_EXPIRED, 'The session has expired; renew it first');
    }
    if (session.activeTurnId) {
      // A retry racing its first attempt finds the turn that attempt started.
      const previous = clientMessageId
        ? await this.findByClientMessageId(userId, clientMessageId)
        : null;
      if (previous) return previous;
      throw this.conflict();
    }

    const turnId = randomUUID();
    const agent = await db.agent.findUniqueOrThrow({ where: { id: session.agentId } });
    let result: SendMessageResult;
    try {
      result = await db.$transaction(async (tx) => {
        await lockSession(tx, session.id);
        const userMessage = await tx.message.create({
          data: {
            sessionId: session.id,
            role: 'USER',
            text,
            parts: [{ type: 'text', text }],
            createdAt: now,
          },
        });
        const turn = await tx.turn.create({
          data: {
            id: turnId,
            sessionId: session.id,
            userId,
            clientMessageId,
            userMessageId: userMessage.id,
            replyMessageId: randomUUID(),
            model: agent.model ?? this.deps.modelName,
            startedAt: now,
            leaseOwner: this.processId,
            leaseExpiresAt: new Date(now.getTime() + this.deps.leaseMs),
          },
        });
        await tx.message.update({ where: { id: userMessage.id }, data: { turnId } });
        // The conditional update is the lock: only one turn becomes active, across processes.
        const updated = await tx.session
          .update({
            where: { id: session.id, AND: { activeTurnId: null } },
            data: {
              activeTurnId: turnId,
              state: 'RUNNING',
              messageCount: { increment: 1 },
              lastMessageId: userMessage.id,
              updatedAt: now,
              // Reserved until the turn's checkpoints and its end store more (see SEQ_RESERVE).
              eventSeq: { increment: SEQ_RESERVE },
              ...(session.autoRenew && session.timeoutMinutes != null
                ? { expiresAt: renewedExpiry(session, now), warnedAt: null }
                : {}),
            },
          })
          .catch((e: unknown) => {
            throw isMissingRecord(e) ? this.conflict() : e;
          });
        return { session: updated, userMessage: { ...userMessage, turnId }, turn };
      });
    } catch (e) {
      if (
        clientMessageId &&
        (isUniqueViolation(e) || (e instanceof AppError && e.code === 'CONFLICT'))
      ) {
        const previous = await this.findByClientMessageId(userId, clientMessageId);
        if (previous) return previous;
      }
      throw e;
    }

    await this.deps.events.prepare(session.id, result.session.eventSeq - SEQ_RESERVE);
    await this.deps.events.publish(session.id, {
      type: 'TurnStarted',
      turnId,
      userMessageId: result.userMessage.id,
    });
    this.deps.sessions.announce(userId, session.id, 'UPDATED');
    this.start(result.turn, session.id, { ...result.session, agent });
    return result;
  }

  private conflict() {
    return new AppError(
      ErrorCode.CONFLICT,
      'A turn is already running in this session; stop it or wait for it to end',
    );
  }

  private async findByClientMessageId(userId: string, clientMessageId: string) {
    const turn = await this.deps.db.turn.findUnique({
      where: { userId_clientMessageId: { userId, clientMessageId } },
      include: { session: true, userMessage: true },
    });
    if (!turn) return null;
    const { session, userMessage, ...rest } = turn;
    return { session, userMessage, turn: rest };
  }

  /**
   * Runs a turn in the background of this process; a stop request from any process aborts it.
   * `session`: the row with its agent, when the caller has just read it.
   */
  private start(turn: Turn, sessionId: string, session?: SessionWithAgent) {
    const controller = new AbortController();
    const stops = this.deps.pubsub.subscribe('turn:stop', turn.id);
    void (async () => {
      for await (const _ of stops) {
        controller.abort(new Error('stopped'));
        break;
      }
    })();
    const done = this.execute(turn, sessionId, controller.signal, session)
      .catch((error) =>
        this.deps.logger.error({ err: error, turnId: turn.id }, 'turn runner crashed'),
      )
      .finally(() => {
        this.running.delete(turn.id);
        void stops.return?.();
      });
    this.running.set(turn.id, { controller, done });
  }

  /** Answers a tool call that waits for the user's approval and resumes the turn. */
  async respondToApproval(
    userId: string,
    input: { turnId: string; toolCallId: string; approved: boolean; reason?: string | null },
  ): Promise<Turn> {
    const { db } = this.deps;
    const turn = await db.turn.findFirst({ where: { id: input.turnId, userId } });
    if (!turn) throw AppError.notFound('Turn');
    if (turn.status !== 'AWAITING_APPROVAL') {
      throw new AppError(ErrorCode.CONFLICT, 'This turn is not waiting for an approval');
    }
    if (input.reason != null && input.reason.length > 1000) {
      throw AppError.badInput('reason', 'reason: at most 1000 characters');
    }
    if (hasUnstorable(input.reason))
      throw AppError.badInput('reason', `reason: ${UNSTORABLE_MESSAGE}`);
    const message = await db.message.findUniqueOrThrow({ where: { id: turn.replyMessageId } });
    const parts = message.parts as unknown as StoredPart[];
    const part = parts.find(
      (p) => p.toolCallId === input.toolCallId && p.state === 'approval-requested',
    );
    if (!part)
      throw AppError.badInput(
        'toolCallId',
        'toolCallId: no tool call of this turn waits for approval',
      );
    part.state = 'approval-responded';
    part.approval = {
      id: part.approval?.id,
      approved: input.approved,
      ...(input.reason ? { reason: input.reason } : {}),
    };
    const stillPending = parts.some((p) => p.state === 'approval-requested');
    let storedSeq: number | undefined;
    const now = new Date();
    const updated = await db.$transaction(async (tx) => {
      await tx.message.update({
        where: { id: message.id },
        data: { parts: parts as unknown as Prisma.InputJsonArray },
      });
      if (stillPending) return tx.turn.findUniqueOrThrow({ where: { id: turn.id } });
      const claimed = await tx.turn.updateMany({
        where: { id: turn.id, status: 'AWAITING_APPROVAL' },
        data: {
          status: 'RUNNING',
          leaseOwner: this.processId,
          leaseExpiresAt: new Date(now.getTime() + this.deps.leaseMs),
        },
      });
      if (claimed.count !== 1)
        throw new AppError(ErrorCode.CONFLICT, 'This turn is not waiting for an approval');
      const session = await tx.session.update({
        where: { id: turn.sessionId },
        data: { state: 'RUNNING', updatedAt: now, eventSeq: { increment: SEQ_RESERVE } },
      });
      storedSeq = session.eventSeq - SEQ_RESERVE;
      return tx.turn.findUniqueOrThrow({ where: { id: turn.id } });
    });
    if (!stillPending) {
      await this.deps.events.prepare(turn.sessionId, storedSeq);
      this.deps.sessions.announce(userId, turn.sessionId, 'UPDATED');
      this.start(updated, turn.sessionId);
    }
    return updated;
  }

  private async execute(
    turn: Turn,
    sessionId: string,
    signal: AbortSignal,
    preloaded?: SessionWithAgent,
  ) {
    const { db, events, logger } = this.deps;
    const session =
      preloaded ??
      (await db.session.findUnique({ where: { id: sessionId }, include: { agent: true } }));
    if (!session) return;
    // One query for the history and this turn's own reply (stored when it resumes after an
    // approval): the reply, if any, is the newest message of the session.
    const recent = await db.message.findMany({
      where: { sessionId },
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: HISTORY_LIMIT + 1,
    });
    const existing = recent.find((m) => m.id === turn.replyMessageId);
    const history = recent.filter((m) => m !== existing).slice(0, HISTORY_LIMIT);
    history.reverse();
    if (existing) history.push(existing);
    const preferences = await loadPreferences(db, turn.userId);
    const tools = createTools({ db, userId: turn.userId }, session.agent.tools);
    const system = [
      session.agent.instructions,
      preferences.length
        ? `What the user asked you to remember:\n${preferences.map((p) => `- ${p}`).join('\n')}`
        : '',
    ]
      .filter(Boolean)
      .join('\n\n');
    const uiMessages = history.map((m) => ({
      id: m.id,
      role: m.role === 'USER' ? 'user' : m.role === 'ASSISTANT' ? 'assistant' : 'system',
      parts: m.parts,
    })) as unknown as UIMessage[];
    const messages = await convertToModelMessages(uiMessages, {
      tools,
      ignoreIncompleteToolCalls: true,
    });

    let latestParts: StoredPart[] = (existing?.parts as unknown as StoredPart[] | undefined) ?? [];
    this.checkpoints.add(turn.id, sessionId, () => latestParts, events.currentSeq(sessionId));

    let outcome: TurnOutcome;
    try {
      outcome = await runTurn({
        model: this.deps.model,
        system,
        messages,
        tools,
        signal,
        turnId: turn.id,
        messageId: turn.replyMessageId,
        parts: latestParts,
        emit: (event) => {
          if (event.type === 'TextDelta' || event.type === 'ReasoningDelta') this.onDelta?.();
          const published = events.publish(sessionId, event);
          if (published instanceof Promise) {
            published.catch((err) => logger.warn({ err, turnId: turn.id }, 'event not delivered'));
          }
        },
        onStep: (parts) => {
          latestParts = parts;
        },
        onError: (error) => logger.warn({ err: error, turnId: turn.id }, 'model call failed'),
      });
    } finally {
      this.checkpoints.remove(turn.id);
    }
    if (outcome.status === 'CANCELLED' && this.shuttingDown) {
      // Stopped by a shutdown, not by the user: the turn was interrupted.
      await this.finish(
        turn,
        sessionId,
        {
          ...outcome,
          status: 'INTERRUPTED',
          finishReason: 'interrupted',
          error: {
            code: 'INTERNAL_SERVER_ERROR',
            message: 'The server stopped during this turn; the partial answer was kept',
          },
        },
        Boolean(existing),
      );
      return;
    }
    await this.finish(turn, sessionId, outcome, Boolean(existing));
  }

  /** Stores the outcome in one transaction, then announces it. */
  private async finish(
    turn: Turn,
    sessionId: string,
    outcome: Omit<TurnOutcome, 'status'> & { status: TurnOutcome['status'] | 'INTERRUPTED' },
    messageExists: boolean,
  ) {
    const { db, events } = this.deps;
    const now = new Date();
    const awaiting = outcome.status === 'AWAITING_APPROVAL';
    // What the model and the tools produced may hold what PostgreSQL refuses (NUL, lone
    // surrogates): cleaned, so that the answer is stored whatever it contains.
    const parts = JSON.parse(storableJson(outcome.parts)) as Prisma.InputJsonArray;
    const text = storableString(partsText(outcome.parts));
    let session: Session;
    try {
      session = await db.$transaction(async (tx) => {
        if (messageExists) {
          await tx.message.update({
            where: { id: turn.replyMessageId },
            data: { parts, text },
          });
        } else {
          await tx.message.create({
            data: {
              id: turn.replyMessageId,
              sessionId,
              role: 'ASSISTANT',
              parts,
              text,
              turnId: turn.id,
              createdAt: now,
            },
          });
        }
        await tx.turn.update({
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
        const seq = events.currentSeq(sessionId);
        return tx.session.update({
          where: { id: sessionId },
          data: {
            activeTurnId: awaiting ? turn.id : null,
            state: awaiting ? 'AWAITING_APPROVAL' : 'IDLE',
            ...(messageExists ? {} : { messageCount: { increment: 1 } }),
            lastMessageId: turn.replyMessageId,
            updatedAt: now,
            // The exact seq after the events published below. Unknown to a process that has
            // published nothing for this session (Redis: a recovered turn): the reservation stays.
            ...(seq > 0
              ? { eventSeq: seq + (awaiting ? (outcome.approvals?.length ?? 0) : 1) }
              : {}),
          },
        });
      });
    } catch (e) {
      if (isMissingRecord(e)) return; // the session was deleted while the turn ran
      throw e;
    }
    const messageId = turn.replyMessageId;
    for (const approval of awaiting ? (outcome.approvals ?? []) : []) {
      await events.publish(sessionId, approval);
    }
    if (outcome.status === 'COMPLETED') {
      await events.publish(sessionId, { type: 'TurnFinished', turnId: turn.id, messageId });
    } else if (outcome.status === 'CANCELLED') {
      await events.publish(sessionId, { type: 'TurnCancelled', turnId: turn.id, messageId });
    } else if (outcome.status === 'FAILED' || outcome.status === 'INTERRUPTED') {
      await events.publish(sessionId, {
        type: 'TurnFailed',
        turnId: turn.id,
        error: outcome.error ?? { code: 'MODEL_ERROR', message: 'The model call failed' },
      });
    }
    this.deps.sessions.announce(session.userId, sessionId, 'UPDATED');
    // (title: as stored by this turn's transaction; title() itself writes only where it is null.)
    if (outcome.status === 'COMPLETED' && session.title == null) {
      // In the background: a failure (the database gone meanwhile) must not become an unhandled
      // rejection, which ends the process. Tracked, so that close() waits for it before the
      // database and Redis go away.
      const titling = this.title(session, turn)
        .catch((err) => this.deps.logger.warn({ err, sessionId }, 'session title not generated'))
        .finally(() => this.background.delete(titling));
      this.background.add(titling);
    }
  }

  private async title(session: Session, turn: Turn) {
    const userMessage = await this.deps.db.message.findUnique({
      where: { id: turn.userMessageId },
    });
    if (!userMessage) return;
    const title = await generateTitle({ model: this.deps.model, userText: userMessage.text });
    if (!title) return;
    const updated = await this.deps.db.session.updateMany({
      where: { id: session.id, title: null },
      data: { title, updatedAt: new Date() },
    });
    if (updated.count === 1) await this.deps.sessions.announceUpdate(session);
  }

  /** Stops the session's running turn (any process); a no-op answering null when none runs. */
  async stopTurn(userId: string, sessionId: string): Promise<Turn | null> {
    const session = await this.deps.sessions.getOwned(userId, sessionId);
    if (!session.activeTurnId) return null;
    const turnId = session.activeTurnId;
    const local = this.running.get(turnId);
    if (local) {
      local.controller.abort(new Error('stopped'));
      await local.done;
    } else {
      const turn = await this.deps.db.turn.findUnique({ where: { id: turnId } });
      if (turn?.status === 'AWAITING_APPROVAL') await this.endWithoutRunner(turn, 'CANCELLED');
      else if (turn?.leaseExpiresAt && turn.leaseExpiresAt < new Date()) {
        await this.endWithoutRunner(turn, 'INTERRUPTED');
      } else {
        this.deps.pubsub.publish('turn:stop', turnId, { reason: 'user' });
        await this.waitUntilEnded(turnId);
      }
    }
    return this.deps.db.turn.findUnique({ where: { id: turnId } });
  }

  /**
   * Ends a turn that no process is running: one waiting for an approval (stopped), or one whose
   * process died (its lease ran out). The last checkpoint becomes the assistant message.
   */
  private async endWithoutRunner(turn: Turn, status: 'CANCELLED' | 'INTERRUPTED') {
    const { db } = this.deps;
    const claimed = await db.turn.updateMany({
      where: { id: turn.id, status: turn.status, leaseOwner: turn.leaseOwner },
      data: { leaseOwner: this.processId },
    });
    if (claimed.count !== 1) return;
    const existing = await db.message.findUnique({ where: { id: turn.replyMessageId } });
    const parts = ((existing?.parts ?? turn.checkpoint ?? []) as unknown as StoredPart[]).map(
      (p) =>
        p.state === 'input-available' ||
        p.state === 'approval-requested' ||
        p.state === 'approval-responded'
          ? {
              ...p,
              state: 'output-error',
              errorText:
                status === 'CANCELLED'
                  ? 'Cancelled: the turn was stopped'
                  : 'Interrupted: the server stopped',
            }
          : p,
    );
    await this.deps.events.prepare(turn.sessionId);
    await this.finish(
      turn,
      turn.sessionId,
      {
        status,
        parts,
        finishReason: status === 'CANCELLED' ? 'cancelled' : 'interrupted',
        usage: { inputTokens: null, outputTokens: null, totalTokens: null },
        error:
          status === 'INTERRUPTED'
            ? {
                code: 'INTERNAL_SERVER_ERROR',
                message: 'The server running this turn stopped; the partial answer was kept',
              }
            : undefined,
      },
      Boolean(existing),
    );
  }

  /** Ends every turn whose lease has run out (its process died); returns how many. */
  async recoverInterrupted(now = new Date()): Promise<number> {
    const stale = await this.deps.db.turn.findMany({
      where: { status: 'RUNNING', leaseExpiresAt: { lt: now } },
      take: 100,
    });
    for (const turn of stale) {
      if (!this.running.has(turn.id)) await this.endWithoutRunner(turn, 'INTERRUPTED');
    }
    return stale.length;
  }

  private async waitUntilEnded(turnId: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const turn = await this.deps.db.turn.findUnique({ where: { id: turnId } });
      if (!turn || (turn.status !== 'RUNNING' && turn.status !== 'AWAITING_APPROVAL')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }

  /** Waits for every turn this process runs (tests, graceful shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done));
    await Promise.all(this.background);
  }

  async close(): Promise<void> {
    this.shuttingDown = true;
    for (const r of this.running.values()) r.controller.abort(new Error('server shutting down'));
    await this.drain();
    await this.checkpoints.close();
  }
}

const addNullable = (a: number | null, b: number | null) =>
  a == null && b == null ? null : (a ?? 0) + (b ?? 0);
