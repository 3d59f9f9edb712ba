import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode, rateLimited } from '../errors.js';
import type { EventLog } from '../events/log.js';
import type { AppPubSub } from '../events/pubsub.js';
import type { Agent, Message, Session, Turn } from '../generated/prisma/client.js';
import type { StorageQuota } from '../limits/quota.js';
import type { RateLimiter } from '../limits/rate-limit.js';
import type { AgentService } from '../sessions/agents.js';
import { assertNotExpired } from '../sessions/expiry.js';
import type { SessionService } from '../sessions/service.js';
import {
  hasUnstorable,
  keySchema,
  messageTextSchema,
  parseField,
  UNSTORABLE_MESSAGE,
} from '../validation.js';
import type { ClaimedTurn, Question } from './claims.js';
import type { StoredPart } from './parts.js';
import type { TurnRunner } from './runner.js';
import { type TurnStore, turnConflict } from './turns.js';
import type { UsageService } from './usage.js';

export interface ChatServiceDeps {
  events: EventLog;
  agents: AgentService;
  pubsub: AppPubSub;
  sessions: SessionService;
  store: TurnStore;
  runner: TurnRunner;
  rateLimiter: RateLimiter;
  quota: StorageQuota;
  usage: UsageService;
  /** sendMessage calls a user may make per minute. */
  sendPerMinute: number;
  /** Turns that may run at once in this process (0: unlimited). */
  maxRunningTurns: number;
  /** The model turns run on unless their agent names one ("local", "openai:gpt-4o-mini"). */
  modelName: string;
}

/** What a send does while another turn runs in the session (double-texting). */
export type IfBusy = 'REJECT' | 'ENQUEUE' | 'INTERRUPT';

export interface SendMessageInput {
  sessionId?: string | null;
  /** Instead of sessionId: the session with this key, created when there is none. */
  sessionKey?: string | null;
  text: string;
  clientMessageId?: string | null;
  agentId?: string | null;
  ifBusy?: IfBusy | null;
}

export type SendMessageResult = ClaimedTurn;

/** A turn about to be claimed: who asks, where, what. */
interface Admission {
  userId: string;
  session: Session;
  agent: Agent;
  question: Question;
  clientMessageId: string | null;
  ifBusy: IfBusy;
}

/**
 * Admission of turns: validates, authorizes, rate-limits, applies the quotas and makes retries
 * idempotent, claims the session (one turn at a time, enforced by the database; a busy session
 * refuses, queues or interrupts), then hands the turn to the runner.
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
    checkSessionKey(input);
    // A retry of a send that created its session finds that send's result before making another
    // session; with a sessionId, the claim's unique clientMessageId finds it.
    const retried =
      !input.sessionId && clientMessageId && (await this.previous(userId, clientMessageId));
    if (retried) return retried;
    await this.allow(userId, text);
    const session = await this.sessionFor(userId, input);
    return this.admit({
      userId,
      session,
      agent: await this.deps.agents.get(session.agentId),
      question: { kind: 'new', text },
      clientMessageId,
      ifBusy: input.ifBusy ?? 'REJECT',
    });
  }

  /** A new version of a user message: a sibling of it, answered on a new branch. */
  async editMessage(userId: string, input: { messageId: string; text: string }) {
    const text = parseField(messageTextSchema, input.text, 'text');
    const { message, session } = await this.sessions.messageOf(userId, input.messageId, {
      onBranch: true,
    });
    if (message.role !== 'USER') {
      throw AppError.badInput('messageId', 'messageId: only a USER message can be edited');
    }
    await this.allow(userId, text);
    const question = { kind: 'new' as const, text, parentId: message.parentId };
    const agent = await this.deps.agents.get(session.agentId);
    const args = {
      userId,
      session,
      agent,
      question,
      clientMessageId: null,
      ifBusy: 'REJECT' as const,
    };
    return this.admit(args);
  }

  /** Another answer to the question an ASSISTANT message answers: a sibling of that answer. */
  async regenerate(userId: string, input: { messageId: string }) {
    const { message, session } = await this.sessions.messageOf(userId, input.messageId, {
      onBranch: true,
    });
    const asked = message.parentId ? await this.deps.store.message(message.parentId) : null;
    if (message.role !== 'ASSISTANT' || asked?.role !== 'USER') {
      throw AppError.badInput(
        'messageId',
        'messageId: regenerate takes an ASSISTANT message that answers a USER message',
      );
    }
    await this.allow(userId, '');
    const agent = await this.deps.agents.get(session.agentId);
    const question = { kind: 'again' as const, message: asked };
    return this.admit({
      userId,
      session,
      agent,
      question,
      clientMessageId: null,
      ifBusy: 'REJECT',
    });
  }

  private get sessions() {
    return this.deps.sessions;
  }

  /** The limits a new turn must pass: this process's running turns, then the user's rate, stored messages, tokens per day. */
  private async allow(userId: string, text: string) {
    const { maxRunningTurns, runner } = this.deps;
    if (maxRunningTurns > 0 && runner.runningCount() >= maxRunningTurns) {
      throw rateLimited(1, 'turns running on this server (MAX_RUNNING_TURNS)');
    }
    const limit = await this.deps.rateLimiter.hit(`send:${userId}`, this.deps.sendPerMinute);
    if (!limit.allowed) throw rateLimited(limit.retryAfterSeconds, 'messages');
    await this.deps.usage.assertWithinQuota(userId);
    if (text) await this.deps.quota.reserve(userId, text);
  }

  /**
   * The session to send to: the given one, the one with the given key (made when there is none),
   * or a new one; an existing session switches to `agentId` when asked.
   */
  private async sessionFor(userId: string, input: SendMessageInput): Promise<Session> {
    const { sessions } = this.deps;
    if (input.sessionKey != null) {
      const keyed = await sessions.getOrCreateByKey(userId, input.sessionKey, input.agentId);
      return this.withAgent(userId, keyed, input.agentId);
    }
    if (!input.sessionId) {
      return (await sessions.create(userId, { agentId: input.agentId })).session;
    }
    return this.withAgent(
      userId,
      await sessions.getVisible(userId, input.sessionId),
      input.agentId,
    );
  }

  private withAgent(userId: string, session: Session, agentId?: string | null) {
    if (agentId && agentId !== session.agentId) {
      return this.deps.sessions.update(userId, session.id, { agentId });
    }
    return session;
  }

  /**
   * Claims the session for the turn and starts it; when another turn holds the session: the
   * retry's first result, a queued turn (ENQUEUE), the new turn after stopping the running one
   * (INTERRUPT), or CONFLICT.
   */
  private async admit(a: Admission): Promise<ClaimedTurn> {
    const { events } = this.deps;
    // Numbering starts from the seq read with the row, before the claim reserves more (a
    // subscriber arriving in between would otherwise start from the reservation).
    await events.prepare(a.session.id, a.session.eventSeq);
    assertNotExpired(a.session, new Date());
    const claimed = await this.claim(a);
    if (claimed) return this.started(claimed, a);
    const previous = a.clientMessageId ? await this.previous(a.userId, a.clientMessageId) : null;
    if (previous) return previous;
    if (a.ifBusy === 'ENQUEUE' && a.question.kind === 'new') return this.enqueue(a);
    if (a.ifBusy === 'INTERRUPT') {
      await this.stopTurn(a.userId, a.session.id);
      const retried = await this.claim(a);
      if (retried) return this.started(retried, a);
    }
    throw turnConflict();
  }

  private async claim(a: Admission): Promise<ClaimedTurn | null> {
    try {
      return await this.deps.store.claim({
        session: a.session,
        userId: a.userId,
        question: a.question,
        clientMessageId: a.clientMessageId,
        model: a.agent.model ?? this.deps.modelName,
        now: new Date(),
      });
    } catch (e) {
      // A retry with the same clientMessageId won the race: its result, below.
      if (a.clientMessageId && isUniqueViolation(e)) return null;
      throw e;
    }
  }

  /** ifBusy: ENQUEUE — the message is stored at once; its turn waits in the session's queue. */
  private async enqueue(a: Admission): Promise<ClaimedTurn> {
    const { events, sessions, runner } = this.deps;
    if (a.question.kind !== 'new') throw turnConflict();
    const queued = await this.deps.store.enqueue({
      session: a.session,
      userId: a.userId,
      text: a.question.text,
      clientMessageId: a.clientMessageId,
      model: a.agent.model ?? this.deps.modelName,
      now: new Date(),
    });
    const { turn } = queued;
    await events.publish(a.session.id, { type: 'TurnQueued', turnId: turn.id, turn });
    sessions.announce(a.session, 'UPDATED');
    // The running turn may have ended while this one was stored: the queue moves on.
    await runner.startNext(a.session.id);
    return queued;
  }

  private previous(userId: string, clientMessageId: string) {
    return this.deps.store.findByClientMessageId(userId, clientMessageId);
  }

  /** Announces a claimed turn (a new branch first, when it made one) and starts it. */
  private async started(claimed: ClaimedTurn, a: Admission) {
    const { events, sessions, runner } = this.deps;
    const { session, turn, userMessage } = claimed;
    const branching = a.question.kind === 'again' || a.question.parentId !== undefined;
    if (branching) {
      await events.publish(session.id, { type: 'BranchSwitched', leafMessageId: userMessage.id });
    }
    await events.publish(session.id, { type: 'TurnStarted', turnId: turn.id, turn, userMessage });
    sessions.announce(session, 'UPDATED');
    runner.start(turn, a.agent, userMessage.text);
    return claimed;
  }

  /** Answers a tool call that waits for the user's approval and resumes the turn. */
  async respondToApproval(
    userId: string,
    input: { turnId: string; toolCallId: string; approved: boolean; reason?: string | null },
  ): Promise<Turn> {
    const { store, events, sessions, runner } = this.deps;
    const found = await store.visible(userId, input.turnId);
    if (!found) throw AppError.notFound('Turn');
    const { session, ...turn } = found;
    if (turn.status !== 'AWAITING_APPROVAL') {
      throw new AppError(ErrorCode.CONFLICT, 'This turn is not waiting for an approval');
    }
    const reason = checkReason(input.reason);
    const reply = await store.message(turn.replyMessageId);
    const parts = approvalAnswered(reply, input.toolCallId, input.approved, reason);
    const stillPending = parts.some((p) => p.state === 'approval-requested');
    // Numbering starts from the stored seq before the claim reserves more (see admit).
    await events.prepare(turn.sessionId);
    const answered = await store.answerApproval(turn, reply as Message, parts, stillPending);
    if (answered.resumed) {
      sessions.announce(session, 'UPDATED');
      runner.start(answered.turn);
    }
    return answered.turn;
  }

  /**
   * Stops the session's running turn (any process), or with `turnId` a turn waiting in its
   * queue; a no-op answering null when there is none.
   */
  async stopTurn(userId: string, sessionId: string, turnId?: string | null): Promise<Turn | null> {
    const { sessions, store, runner, pubsub } = this.deps;
    const session = await sessions.getVisible(userId, sessionId);
    if (turnId && turnId !== session.activeTurnId) return this.cancelQueued(session, turnId);
    const running = session.activeTurnId;
    if (!running) return null;
    if (!(await runner.stop(running))) {
      const turn = await store.byId(running);
      if (turn?.status === 'AWAITING_APPROVAL') await runner.endWithoutRunner(turn, 'CANCELLED');
      else if (turn?.leaseExpiresAt && turn.leaseExpiresAt < new Date()) {
        await runner.endWithoutRunner(turn, 'INTERRUPTED');
      } else {
        pubsub.publish('turn:stop', running, { reason: 'user' });
        await this.waitUntilEnded(running);
      }
    }
    return store.byId(running);
  }

  /** Cancels a queued turn of the session (NOT_FOUND when the session has no such turn). */
  private async cancelQueued(session: Session, turnId: string): Promise<Turn | null> {
    const { store, events, sessions } = this.deps;
    const turn = await store.byId(turnId);
    if (!turn || turn.sessionId !== session.id) throw AppError.notFound('Turn');
    const cancelled = await store.cancelQueued(turnId);
    if (!cancelled) return turn; // it started or ended meanwhile: nothing to cancel
    await events.publish(session.id, { type: 'QueuedTurnCancelled', turnId, turn: cancelled });
    sessions.announce(session, 'UPDATED');
    return cancelled;
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

/** The reply's parts with the approval of `toolCallId` answered; BAD_USER_INPUT when none waits. */
function approvalAnswered(
  reply: Message | null,
  toolCallId: string,
  approved: boolean,
  reason: string | null,
): StoredPart[] {
  const parts = (reply?.parts ?? []) as unknown as StoredPart[];
  const part = parts.find((p) => p.toolCallId === toolCallId && p.state === 'approval-requested');
  if (!reply || !part) {
    throw AppError.badInput(
      'toolCallId',
      'toolCallId: no tool call of this turn waits for approval',
    );
  }
  part.state = 'approval-responded';
  part.approval = { id: part.approval?.id, approved, ...(reason ? { reason } : {}) };
  return parts;
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

/** sessionKey: a valid key, and never together with sessionId. */
function checkSessionKey(input: SendMessageInput) {
  if (input.sessionKey == null) return;
  if (input.sessionId != null) {
    throw AppError.badInput('sessionKey', 'pass at most one of sessionId and sessionKey');
  }
  parseField(keySchema, input.sessionKey, 'sessionKey');
}

function checkReason(reason: string | null | undefined): string | null {
  if (reason == null) return null;
  if (reason.length > 1000) throw AppError.badInput('reason', 'reason: at most 1000 characters');
  if (hasUnstorable(reason)) throw AppError.badInput('reason', `reason: ${UNSTORABLE_MESSAGE}`);
  return reason;
}
