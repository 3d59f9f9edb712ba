import type { Db } from '../db/client.js';

export interface UsagePayload {
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
}

/** What happened in a session; `type` names the GraphQL type that carries it. */
export type SessionEventPayload =
  | { type: 'TurnStarted'; turnId: string; userMessageId: string }
  | { type: 'TextDelta'; turnId: string; messageId: string; delta: string }
  | { type: 'ReasoningDelta'; turnId: string; messageId: string; delta: string }
  | { type: 'ToolCallStarted'; turnId: string; toolCallId: string; toolName: string }
  | { type: 'ToolCalled'; turnId: string; toolCallId: string; toolName: string; input: unknown }
  | { type: 'ToolResulted'; turnId: string; toolCallId: string; toolName: string; output: unknown }
  | { type: 'ToolFailed'; turnId: string; toolCallId: string; toolName: string; errorText: string }
  | {
      type: 'ApprovalRequested';
      turnId: string;
      toolCallId: string;
      toolName: string;
      input: unknown;
    }
  | {
      type: 'StepFinished';
      turnId: string;
      step: number;
      finishReason: string;
      usage: UsagePayload;
    }
  | { type: 'TurnFinished'; turnId: string; messageId: string }
  | { type: 'TurnFailed'; turnId: string; error: { code: string; message: string } }
  | { type: 'TurnCancelled'; turnId: string; messageId: string | null }
  | { type: 'MessageAppended'; messageId: string }
  | { type: 'SessionUpdated' }
  | { type: 'SessionExpiring'; expiresAt: string }
  | { type: 'SessionDeleted' };

export type SessionEventType = SessionEventPayload['type'];

export type SessionEvent = SessionEventPayload & {
  seq: number;
  sessionId: string;
  /** ISO-8601 time the event was published. */
  at: string;
};

export interface EventLogOptions {
  db: Db;
  /** Most events a session keeps for replay (older ones are dropped first). */
  maxEventsPerSession?: number;
  /** Events a slow subscriber may have queued before it is disconnected (it can resume with afterSeq). */
  maxQueuedPerSubscriber?: number;
}

interface SessionLog {
  seq: number;
  /** Replayable events, oldest first: from the start of the previous turn on. */
  events: SessionEvent[];
  listeners: Set<(event: SessionEvent) => void>;
  lastActivity: number;
}

export class SlowSubscriberError extends Error {
  constructor() {
    super('subscriber fell too far behind; resubscribe with afterSeq to resume');
  }
}

/**
 * The per-session event stream: numbers events (seq + 1, no gaps), keeps the recent ones for
 * replay, and fans them out to live subscribers. Token deltas never touch the database; the
 * current seq is persisted with the writes a turn makes anyway (start, checkpoints, end).
 */
export class EventLog {
  private readonly logs = new Map<string, SessionLog>();
  private readonly loading = new Map<string, Promise<SessionLog>>();
  private readonly db: Db;
  private readonly maxEvents: number;
  private readonly maxQueued: number;

  constructor(options: EventLogOptions) {
    this.db = options.db;
    this.maxEvents = options.maxEventsPerSession ?? 50_000;
    this.maxQueued = options.maxQueuedPerSubscriber ?? 50_000;
  }

  private load(sessionId: string): SessionLog | Promise<SessionLog> {
    const existing = this.logs.get(sessionId);
    if (existing) return existing;
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.db.session
        .findUnique({ where: { id: sessionId }, select: { eventSeq: true } })
        .then((row) => {
          // A publish that raced this load may have created the log meanwhile.
          const current = this.logs.get(sessionId);
          if (current) return current;
          const log: SessionLog = {
            seq: row?.eventSeq ?? 0,
            events: [],
            listeners: new Set(),
            lastActivity: Date.now(),
          };
          this.logs.set(sessionId, log);
          return log;
        })
        .finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  /** The last seq handed out for a session (after `prepare`). */
  currentSeq(sessionId: string): number {
    return this.logs.get(sessionId)?.seq ?? 0;
  }

  /** Loads a session's counter so that following `publish` calls are synchronous. */
  async prepare(sessionId: string): Promise<void> {
    await this.load(sessionId);
  }

  /** Numbers, stores and delivers one event. Synchronous once the session is prepared. */
  publish(sessionId: string, payload: SessionEventPayload): SessionEvent | Promise<SessionEvent> {
    const log = this.logs.get(sessionId);
    if (log) return this.append(log, sessionId, payload);
    return Promise.resolve(this.load(sessionId)).then((l) => this.append(l, sessionId, payload));
  }

  private append(log: SessionLog, sessionId: string, payload: SessionEventPayload): SessionEvent {
    log.seq += 1;
    const event = {
      ...payload,
      seq: log.seq,
      sessionId,
      at: new Date().toISOString(),
    } as SessionEvent;
    if (payload.type === 'TurnStarted') {
      // Keep the previous turn and this one: drop everything before the previous TurnStarted.
      const previousStart = findLastIndex(log.events, (e) => e.type === 'TurnStarted');
      if (previousStart > 0) log.events.splice(0, previousStart);
    }
    log.events.push(event);
    if (log.events.length > this.maxEvents)
      log.events.splice(0, log.events.length - this.maxEvents);
    log.lastActivity = Date.now();
    for (const listener of log.listeners) listener(event);
    return event;
  }

  /**
   * Live events of a session; with `afterSeq`, first every held event with a greater seq. The
   * listener is registered before the replay is read, so nothing falls between the two and
   * nothing is delivered twice. `return()` (the client unsubscribed or the socket closed) ends
   * it at once, even while it waits.
   */
  subscribe(sessionId: string, afterSeq?: number | null): AsyncIterableIterator<SessionEvent> {
    const queue: SessionEvent[] = [];
    let last = 0;
    let wake: ((r: IteratorResult<SessionEvent>) => void) | undefined;
    let ended = false;
    let failure: Error | undefined;
    let log: SessionLog | undefined;
    const end = () => {
      ended = true;
      log?.listeners.delete(listener);
      if (log) log.lastActivity = Date.now();
      wake?.({ done: true, value: undefined });
      wake = undefined;
    };
    const deliver = (event: SessionEvent) => {
      if (event.seq <= last) return;
      last = event.seq;
      if (wake) {
        const w = wake;
        wake = undefined;
        w({ done: false, value: event });
      } else if (queue.length >= this.maxQueued) {
        failure = new SlowSubscriberError();
        end();
      } else queue.push(event);
    };
    const listener = (event: SessionEvent) => deliver(event);
    const ready = Promise.resolve(this.load(sessionId)).then((l) => {
      log = l;
      if (ended) return;
      l.listeners.add(listener);
      last = afterSeq ?? l.seq;
      if (afterSeq != null) for (const event of l.events) if (event.seq > afterSeq) deliver(event);
    });
    const iterator: AsyncIterableIterator<SessionEvent> = {
      [Symbol.asyncIterator]: () => iterator,
      next: async () => {
        await ready;
        const event = queue.shift();
        if (event) {
          if (event.type === 'SessionDeleted') end();
          return { done: false, value: event };
        }
        if (failure) throw failure;
        if (ended) return { done: true, value: undefined };
        const result = await new Promise<IteratorResult<SessionEvent>>((resolve) => {
          wake = resolve;
        });
        if (!result.done && result.value.type === 'SessionDeleted') end();
        if (result.done && failure) throw failure;
        return result;
      },
      return: async () => {
        end();
        return { done: true, value: undefined };
      },
    };
    return iterator;
  }

  /**
   * Drops logs that have no subscriber and no activity for `idleMs` (called periodically), after
   * saving their seq, so a later load continues the numbering.
   */
  async sweep(idleMs: number, now = Date.now()): Promise<number> {
    const idle = [...this.logs].filter(
      ([, log]) => log.listeners.size === 0 && now - log.lastActivity > idleMs,
    );
    await this.persistSeqs(idle);
    for (const [id, log] of idle) if (log.listeners.size === 0) this.logs.delete(id);
    return idle.length;
  }

  /** Saves every session's current seq (shutdown). */
  async flush(): Promise<void> {
    await this.persistSeqs([...this.logs]);
  }

  private async persistSeqs(entries: [string, SessionLog][]) {
    for (const [id, log] of entries) {
      await this.db.session.updateMany({
        where: { id, eventSeq: { lt: log.seq } },
        data: { eventSeq: log.seq },
      });
    }
  }

  subscriberCount(): number {
    let n = 0;
    for (const log of this.logs.values()) n += log.listeners.size;
    return n;
  }
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}
