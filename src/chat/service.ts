import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode, rateLimited } from '../errors.js';
import type { EventLog } from '../events/log.js';
import type { AppPubSub } from '../events/pubsub.js';
import type { Agent, Session, Turn } from '../generated/prisma/client.js';
import type { RateLimiter } from '../limits/rate-limit.js';
import type { AgentService } from '../sessions/agents.js';
import { assertNotExpired } from '../sessions/expiry.js';
import type { SessionService } from '../sessions/service.js';
import { hasUnstorable, messageTextSchema, parseField, UNSTORABLE_MESSAGE } from '../validation.js';
import type { StoredPart } from './parts.js';
import type { TurnRunner } from './runner.js';
import { type ClaimedTurn, type TurnStore, turnConflict } from './turns.js';

export interface ChatServiceDeps {
  events: EventLog;
  agents: AgentService;
  pubsub: AppPubSub;
  sessions: SessionService;
  store: TurnStore;
  runner: TurnRunner;
  rateLimiter: RateLimiter;
  /** sendMessage calls a user may make per minute. */
  sendPerMinute: number;
  /** The model turns run on unless their agent names one ("local", "openai:gpt-4o-mini"). */
  modelName: string;
}

export interface SendMessageInput {
  sessionId?: string | null;
  text: string;
  clientMessageId?: string | null;
  agentId?: string | null;
}

export type SendMessageResult = ClaimedTurn;

/**
 * Admission of turns: validates, authorizes, rate-limits and makes retries idempotent, claims the
 * session (one turn at a time, enforced by the database), then hands the turn to the runner.
 */
export class ChatService {
  constructor(private readonly deps: ChatServiceDeps) {}

  /** A turn as it is now (for events already authorized), or null once deleted. */
  async turn(turnId: string): Promise<Turn | null> {
    return this.deps.runner.current(turnId) ?? this.deps.store.byId(turnId);
  }

  async sendMessage(userId: string, input: SendMessageInput): Promise<SendMessageResult> {
    const text = parseField(messageTextSchema, input.text, 'text');
    const clientMessageId = checkClientMessageId(input.clientMessageId);
    // A retry of a send that created its session finds that send's result before making another
    // session; with a sessionId, the claim's unique clientMessageId finds it (below).
    const retried =
      !input.sessionId && clientMessageId && (await this.previous(userId, clientMessageId));
    if (retried) return retried;
    const limit = await this.deps.rateLimiter.hit(`send:${userId}`, this.deps.sendPerMinute);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds, 'messages');

    const session = await this.sessionFor(userId, input);
    // Numbering starts from the seq read with the row, before the claim reserves more (a
    // subscriber arriving in between would otherwise start from the reservation).
    await this.deps.events.prepare(session.id, session.eventSeq);
    const now = new Date();
    assertNotExpired(session, now);
    if (session.activeTurnId) {
      // A retry racing its first attempt finds the turn that attempt started.
      const previous = clientMessageId ? await this.previous(userId, clientMessageId) : null;
      if (previous) return previous;
      throw turnConflict();
    }
    const agent = await this.deps.agents.get(session.agentId);
    let claimed: ClaimedTurn;
    try {
      claimed = await this.deps.store.claim({
        session,
        userId,
        text,
        clientMessageId,
        model: agent.model ?? this.deps.modelName,
        now,
      });
    } catch (e) {
      const previous =
        clientMessageId && (await this.previousAfterRace(e, userId, clientMessageId));
      if (previous) return previous;
      throw e;
    }
    await this.started(claimed, agent);
    return claimed;
  }

  /** The session to send to: the given one (switching its agent when asked), or a new one. */
  private async sessionFor(userId: string, input: SendMessageInput): Promise<Session> {
    const { sessions } = this.deps;
    if (!input.sessionId)
      return (await sessions.create(userId, { agentId: input.agentId })).session;
    const session = await sessions.getOwned(userId, input.sessionId);
    if (input.agentId && input.agentId !== session.agentId) {
      return sessions.update(userId, session.id, { agentId: input.agentId });
    }
    return session;
  }

  private previous(userId: string, clientMessageId: string) {
    return this.deps.store.findByClientMessageId(userId, clientMessageId);
  }

  /** A claim refused because a retry with the same clientMessageId won the race: its result. */
  private async previousAfterRace(error: unknown, userId: string, clientMessageId: string) {
    const raced =
      isUniqueViolation(error) || (error instanceof AppError && error.code === 'CONFLICT');
    return raced ? this.previous(userId, clientMessageId) : null;
  }

  /** Announces a claimed turn and starts it. */
  private async started(claimed: ClaimedTurn, agent: Agent) {
    const { events, sessions, runner } = this.deps;
    const { session, turn, userMessage } = claimed;
    await events.publish(session.id, { type: 'TurnStarted', turnId: turn.id, turn, userMessage });
    sessions.announce(session.userId, session.id, 'UPDATED');
    runner.start(turn, agent, userMessage.text);
  }

  /** Answers a tool call that waits for the user's approval and resumes the turn. */
  async respondToApproval(
    userId: string,
    input: { turnId: string; toolCallId: string; approved: boolean; reason?: string | null },
  ): Promise<Turn> {
    const { store, events, sessions, runner } = this.deps;
    const turn = await store.owned(userId, input.turnId);
    if (!turn) throw AppError.notFound('Turn');
    if (turn.status !== 'AWAITING_APPROVAL') {
      throw new AppError(ErrorCode.CONFLICT, 'This turn is not waiting for an approval');
    }
    const reason = checkReason(input.reason);
    const reply = await store.message(turn.replyMessageId);
    const parts = (reply?.parts ?? []) as unknown as StoredPart[];
    const part = parts.find(
      (p) => p.toolCallId === input.toolCallId && p.state === 'approval-requested',
    );
    if (!reply || !part) {
      throw AppError.badInput(
        'toolCallId',
        'toolCallId: no tool call of this turn waits for approval',
      );
    }
    part.state = 'approval-responded';
    part.approval = {
      id: part.approval?.id,
      approved: input.approved,
      ...(reason ? { reason } : {}),
    };
    const stillPending = parts.some((p) => p.state === 'approval-requested');
    // Numbering starts from the stored seq before the claim reserves more (see sendMessage).
    await events.prepare(turn.sessionId);
    const answered = await store.answerApproval(turn, reply, parts, stillPending);
    if (answered.resumed) {
      sessions.announce(userId, turn.sessionId, 'UPDATED');
      runner.start(answered.turn);
    }
    return answered.turn;
  }

  /** Stops the session's running turn (any process); a no-op answering null when none runs. */
  async stopTurn(userId: string, sessionId: string): Promise<Turn | null> {
    const { sessions, store, runner, pubsub } = this.deps;
    const session = await sessions.getOwned(userId, sessionId);
    const turnId = session.activeTurnId;
    if (!turnId) return null;
    if (!(await runner.stop(turnId))) {
      const turn = await store.byId(turnId);
      if (turn?.status === 'AWAITING_APPROVAL') await runner.endWithoutRunner(turn, 'CANCELLED');
      else if (turn?.leaseExpiresAt && turn.leaseExpiresAt < new Date()) {
        await runner.endWithoutRunner(turn, 'INTERRUPTED');
      } else {
        pubsub.publish('turn:stop', turnId, { reason: 'user' });
        await this.waitUntilEnded(turnId);
      }
    }
    return store.byId(turnId);
  }

  private async waitUntilEnded(turnId: string, timeoutMs = 5000) {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      const turn = await this.deps.store.byId(turnId);
      if (!turn || (turn.status !== 'RUNNING' && turn.status !== 'AWAITING_APPROVAL')) return;
      await new Promise((r) => setTimeout(r, 50));
    }
  }
}

function checkClientMessageId(value: string | null | undefined): string | null {
  if (value == null) return null;
  if (value.length < 1 || value.length > 128) {
    throw AppError.badInput('clientMessageId', 'clientMessageId: 1 to 128 characters');
  }
  if (hasUnstorable(value)) {
    throw AppError.badInput('clientMessageId', `clientMessageId: ${UNSTORABLE_MESSAGE}`);
  }
  return value;
}

function checkReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  if (reason.length > 1000) throw AppError.badInput('reason', 'reason: at most 1000 characters');
  if (hasUnstorable(reason)) throw AppError.badInput('reason', `reason: ${UNSTORABLE_MESSAGE}`);
  return reason;
}
