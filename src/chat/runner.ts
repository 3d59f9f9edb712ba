import type { LanguageModelV3 } from '@ai-sdk/provider';
import { SpanStatusCode, trace } from '@opentelemetry/api';
import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import type { EventLog } from '../events/log.js';
import type { AppPubSub } from '../events/pubsub.js';
import type { SessionEventPayload } from '../events/types.js';
import type { Agent, Turn } from '../generated/prisma/client.js';
import type { SessionService } from '../sessions/service.js';
import type { Checkpoints } from './checkpoints.js';
import { closeOpenToolParts, type StoredPart } from './parts.js';
import { buildPrompt } from './prompt.js';
import { NO_USAGE, runTurn, type TurnOutcome } from './run-turn.js';
import { generateTitle } from './title.js';
import { createTools } from './tools/index.js';
import type { StoredOutcome, TurnStore } from './turns.js';
import type { UsageService } from './usage.js';

export interface TurnRunnerDeps {
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  sessions: SessionService;
  store: TurnStore;
  checkpoints: Checkpoints;
  usage: UsageService;
  model: LanguageModelV3;
  logger: Logger;
  /** Called for every streamed text or reasoning delta (metrics). */
  onDelta?: () => void;
  /** Tracing is on: a span per turn, and the AI SDK's spans per model call. */
  telemetry?: boolean;
}

interface Running {
  turn: Turn;
  /** The user's message of the turn, when the caller had it (titles are made from it). */
  userText?: string;
  controller: AbortController;
  done: Promise<void>;
}

const INTERRUPTED_ERROR = {
  code: 'INTERNAL_SERVER_ERROR',
  message: 'The server stopped during this turn; the partial answer was kept',
};

/**
 * Runs agent turns in this process: one turn from its first model step to its stored end
 * (finished, failed, cancelled, interrupted, or waiting for an approval), readable top to bottom
 * in `run`. A stop request from any process aborts it.
 */
export class TurnRunner {
  private readonly running = new Map<string, Running>();
  /** Work a finished turn leaves behind (the session title), awaited by drain(). */
  private readonly background = new Set<Promise<unknown>>();
  private shuttingDown = false;

  constructor(private readonly deps: TurnRunnerDeps) {}

  runningCount(): number {
    return this.running.size;
  }

  /** The row of a turn running in this process, as it is now (null: not running here). */
  current(turnId: string): Turn | null {
    return this.running.get(turnId)?.turn ?? null;
  }

  /**
   * Runs a turn in the background; `agent` and `userText`: the session's agent and the turn's
   * user message, when the caller has them.
   */
  start(turn: Turn, agent?: Agent, userText?: string): void {
    const controller = new AbortController();
    const stops = this.deps.pubsub.subscribe('turn:stop', turn.id);
    void (async () => {
      for await (const _ of stops) {
        controller.abort(new Error('stopped'));
        break;
      }
    })();
    const done = this.traced(turn, () => this.run(turn, controller.signal, agent))
      .catch((err) => this.deps.logger.error({ err, turnId: turn.id }, 'turn runner crashed'))
      .finally(() => {
        this.running.delete(turn.id);
        void stops.return?.();
      });
    this.running.set(turn.id, { turn, userText, controller, done });
  }

  /** Aborts a turn running in this process and waits for its end; false when it runs elsewhere. */
  async stop(turnId: string): Promise<boolean> {
    const local = this.running.get(turnId);
    if (!local) return false;
    local.controller.abort(new Error('stopped'));
    await local.done;
    return true;
  }

  /** The turn inside a `chat.turn` span when tracing is on (the model and SQL spans nest in it). */
  private traced(turn: Turn, run: () => Promise<void>): Promise<void> {
    if (!this.deps.telemetry) return run();
    const attributes = { 'chat.session_id': turn.sessionId, 'chat.turn_id': turn.id };
    return trace
      .getTracer('chat-sessions-graphql')
      .startActiveSpan('chat.turn', { attributes }, (span) =>
        run()
          .catch((err: unknown) => {
            span.setStatus({ code: SpanStatusCode.ERROR });
            throw err;
          })
          .finally(() => span.end()),
      );
  }

  private async run(turn: Turn, signal: AbortSignal, knownAgent?: Agent) {
    const { db, events, checkpoints, logger } = this.deps;
    const agent = knownAgent ?? (await this.deps.store.agentOf(turn.sessionId));
    if (!agent) return; // the session was deleted meanwhile
    const context = { db, userId: turn.userId, sessionId: turn.sessionId };
    const prompt = await buildPrompt(db, turn, agent, (o) => createTools(context, agent.tools, o));
    const { tools } = prompt;
    let latest = (prompt.resumedReply?.parts as unknown as StoredPart[] | undefined) ?? [];
    checkpoints.add(turn.id, turn.sessionId, () => latest, events.currentSeq(turn.sessionId));
    let outcome: StoredOutcome & Pick<TurnOutcome, 'approvals'>;
    try {
      outcome = await runTurn({
        model: this.deps.model,
        system: prompt.system,
        messages: prompt.messages,
        tools,
        signal,
        turnId: turn.id,
        messageId: turn.replyMessageId,
        parts: latest,
        emit: (event) => this.emit(turn, event),
        onStep: (parts) => {
          latest = parts;
        },
        onError: (err) => logger.warn({ err, turnId: turn.id }, 'model call failed'),
        telemetry: this.deps.telemetry,
      });
    } finally {
      checkpoints.remove(turn.id);
    }
    if (outcome.status === 'CANCELLED' && this.shuttingDown) {
      // Stopped by a shutdown, not by the user: the turn was interrupted.
      outcome = {
        ...outcome,
        status: 'INTERRUPTED',
        finishReason: 'interrupted',
        error: INTERRUPTED_ERROR,
      };
    }
    await this.finish(turn, outcome, Boolean(prompt.resumedReply));
  }

  private emit(turn: Turn, event: SessionEventPayload) {
    if (event.type === 'TextDelta' || event.type === 'ReasoningDelta') this.deps.onDelta?.();
    const published = this.deps.events.publish(turn.sessionId, event);
    if (published instanceof Promise) {
      published.catch((err) =>
        this.deps.logger.warn({ err, turnId: turn.id }, 'event not delivered'),
      );
    }
  }

  /** Stores the outcome, then announces it: approvals or the turn's end, the sessions list. */
  private async finish(
    turn: Turn,
    outcome: StoredOutcome & Pick<TurnOutcome, 'approvals'>,
    replyExists: boolean,
  ) {
    const { events, sessions, store } = this.deps;
    const approvals = outcome.status === 'AWAITING_APPROVAL' ? (outcome.approvals ?? []) : [];
    await events.quiet(turn.sessionId);
    const stored = await store.store(turn, outcome, replyExists, approvals.length || 1);
    if (!stored) return; // the session was deleted while the turn ran
    const running = this.running.get(turn.id);
    if (running) running.turn = stored.turn;
    const { session, message } = stored;
    for (const approval of approvals) await events.publish(turn.sessionId, approval);
    const ended = { turnId: turn.id, turn: stored.turn };
    if (outcome.status === 'COMPLETED') {
      await events.publish(turn.sessionId, { type: 'TurnFinished', ...ended, message });
    } else if (outcome.status === 'CANCELLED') {
      await events.publish(turn.sessionId, { type: 'TurnCancelled', ...ended, message });
    } else if (outcome.status === 'FAILED' || outcome.status === 'INTERRUPTED') {
      const error = outcome.error ?? { code: 'MODEL_ERROR', message: 'The model call failed' };
      await events.publish(turn.sessionId, { type: 'TurnFailed', ...ended, error });
    }
    sessions.announce(session, 'UPDATED');
    // An untitled session gets a title from its first question, however the turn ended (a
    // stopped first turn would otherwise leave it "New chat"); not while it waits for approval.
    if (outcome.status !== 'AWAITING_APPROVAL' && session.title == null) {
      this.titleLater(turn, running?.userText);
    }
    if (outcome.status !== 'AWAITING_APPROVAL') await this.startNext(turn.sessionId);
  }

  /**
   * Starts the session's oldest queued turn (double-texting) if the session is free; a no-op
   * when nothing waits or another process took it.
   */
  async startNext(sessionId: string): Promise<void> {
    const { store, events, sessions, logger } = this.deps;
    const claimed = await store.claimQueued(sessionId).catch((err) => {
      logger.warn({ err, sessionId }, 'queued turn not started');
      return null;
    });
    if (!claimed) return;
    const { session, turn, userMessage } = claimed;
    await events.prepare(session.id);
    await events.publish(session.id, { type: 'TurnStarted', turnId: turn.id, turn, userMessage });
    sessions.announce(session, 'UPDATED');
    // The quota was checked when the message was queued; the turns before it may have spent it.
    const refusal = await this.deps.usage.quotaRefusal(session.userId);
    if (!refusal) return this.start(turn, undefined, userMessage.text);
    const error = { code: refusal.code, message: refusal.message };
    await this.finish(
      turn,
      { status: 'FAILED', parts: [], finishReason: 'error', usage: NO_USAGE, error },
      false,
    );
  }

  /**
   * Titles the session from its first message, in the background: a failure (the database gone
   * meanwhile) must not become an unhandled rejection, which ends the process. Tracked, so that
   * close() waits for it before the database and Redis go away.
   */
  private titleLater(turn: Turn, userText: string | undefined) {
    const titling = this.title(turn, userText)
      .catch((err) =>
        this.deps.logger.warn({ err, sessionId: turn.sessionId }, 'session title not generated'),
      )
      .finally(() => this.background.delete(titling));
    this.background.add(titling);
  }

  private async title(turn: Turn, knownText: string | undefined) {
    const userText = knownText ?? (await this.deps.store.message(turn.userMessageId))?.text;
    if (!userText) return;
    const title = await generateTitle({ model: this.deps.model, userText });
    if (!title) return;
    const session = await this.deps.store.setTitle(turn.sessionId, title);
    if (session) await this.deps.sessions.announceUpdate(session);
  }

  /**
   * Ends a turn that no process is running: one waiting for an approval (stopped), or one whose
   * process died (its lease ran out). The last checkpoint becomes the assistant message.
   */
  async endWithoutRunner(turn: Turn, status: 'CANCELLED' | 'INTERRUPTED'): Promise<void> {
    const { store, events } = this.deps;
    if (!(await store.takeOver(turn))) return;
    const existing = await store.message(turn.replyMessageId);
    const saved = (existing?.parts ?? turn.checkpoint ?? []) as unknown as StoredPart[];
    const cancelled = status === 'CANCELLED';
    const parts = closeOpenToolParts(saved, cancelled ? 'cancelled' : 'interrupted');
    await events.prepare(turn.sessionId);
    await this.finish(
      turn,
      {
        status,
        parts,
        finishReason: cancelled ? 'cancelled' : 'interrupted',
        usage: NO_USAGE,
        error: cancelled
          ? undefined
          : {
              code: 'INTERNAL_SERVER_ERROR',
              message: 'The server running this turn stopped; the partial answer was kept',
            },
      },
      Boolean(existing),
    );
  }

  /** Ends every turn whose lease has run out (its process died); returns how many. */
  async recoverInterrupted(now = new Date()): Promise<number> {
    const stale = await this.deps.store.expiredLeases(now);
    for (const turn of stale) {
      if (!this.running.has(turn.id)) await this.endWithoutRunner(turn, 'INTERRUPTED');
    }
    // Queues left waiting by a process that died between a turn's end and the next start.
    for (const sessionId of await this.deps.store.stalledQueues()) await this.startNext(sessionId);
    return stale.length;
  }

  /** Waits for every turn this process runs, and for what they left to do (tests, shutdown). */
  async drain(): Promise<void> {
    await Promise.all([...this.running.values()].map((r) => r.done));
    await Promise.all(this.background);
  }

  /** Ends the turns of this process as INTERRUPTED and waits for them to be stored. */
  async close(): Promise<void> {
    this.shuttingDown = true;
    for (const r of this.running.values()) r.controller.abort(new Error('server shutting down'));
    await this.drain();
    await this.deps.checkpoints.close();
  }
}
