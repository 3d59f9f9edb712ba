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
  | { type: 'TurnCancelled'; turnId: string; messageId: string }
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

/**
 * The per-session event stream: numbers events (seq + 1, no gaps), keeps the recent ones for
 * replay (at least the running turn and the previous one), and fans them out to subscribers.
 * Token deltas never touch the database.
 */
export interface EventLog {
  /**
   * Readies a session so that following `publish` calls keep their order. `storedSeq`: the
   * session's stored eventSeq when the caller has just read the row (saves reading it again).
   */
  prepare(sessionId: string, storedSeq?: number): Promise<void>;
  /** Numbers, stores and delivers one event. */
  publish(sessionId: string, payload: SessionEventPayload): SessionEvent | Promise<SessionEvent>;
  /**
   * Live events of a session; with `afterSeq`, first every held event with a greater seq. The
   * listener is registered before the replay is read, so nothing falls between the two and
   * nothing is delivered twice. `return()` ends it at once, even while it waits.
   */
  subscribe(sessionId: string, afterSeq?: number | null): AsyncIterableIterator<SessionEvent>;
  /** The last seq of a session known to this process (persisted with the turn's writes). */
  currentSeq(sessionId: string): number;
  /** The seq of the session's latest event, wherever it was published. */
  lastSeq(sessionId: string): Promise<number>;
  /** Drops idle per-session state (periodic). */
  sweep(idleMs: number, now?: number): Promise<number>;
  /** Saves what must survive a restart (shutdown). */
  flush(): Promise<void>;
  subscriberCount(): number;
  close(): Promise<void>;
}

export class SlowSubscriberError extends Error {
  constructor() {
    super('subscriber fell too far behind; resubscribe with afterSeq to resume');
  }
}

type Listener = (event: SessionEvent) => void;

/**
 * The iterator behind every subscription: `start` registers the listener and returns the replay;
 * events are delivered once each, in seq order, and a slow consumer is cut off (it can resume).
 */
export function subscription(options: {
  start: (listener: Listener) => Promise<{ replay: SessionEvent[]; after: number }>;
  stop: (listener: Listener) => void;
  maxQueued: number;
}): AsyncIterableIterator<SessionEvent> {
  const queue: SessionEvent[] = [];
  let last = Number.POSITIVE_INFINITY;
  let early: SessionEvent[] | undefined = [];
  let wake: ((r: IteratorResult<SessionEvent>) => void) | undefined;
  let ended = false;
  let failure: Error | undefined;
  const end = () => {
    if (ended) return;
    ended = true;
    options.stop(listener);
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
    } else if (queue.length >= options.maxQueued) {
      failure = new SlowSubscriberError();
      end();
    } else queue.push(event);
  };
  const listener: Listener = (event) => {
    if (early) early.push(event);
    else deliver(event);
  };
  const ready = options.start(listener).then(({ replay, after }) => {
    last = after;
    for (const event of replay) deliver(event);
    const pending = early ?? [];
    early = undefined;
    for (const event of pending) deliver(event);
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
  listeners: Set<Listener>;
  lastActivity: number;
}

/** One process: events live in memory; the seq is persisted with the turn's writes and on sweep. */
export class MemoryEventLog implements EventLog {
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

  private load(sessionId: string, storedSeq?: number): SessionLog | Promise<SessionLog> {
    const existing = this.logs.get(sessionId);
    if (existing) return existing;
    if (storedSeq != null && !this.loading.has(sessionId)) return this.create(sessionId, storedSeq);
    let pending = this.loading.get(sessionId);
    if (!pending) {
      pending = this.db.session
        .findUnique({ where: { id: sessionId }, select: { eventSeq: true } })
        .then((row) => this.logs.get(sessionId) ?? this.create(sessionId, row?.eventSeq ?? 0))
        .finally(() => this.loading.delete(sessionId));
      this.loading.set(sessionId, pending);
    }
    return pending;
  }

  private create(sessionId: string, seq: number): SessionLog {
    const log: SessionLog = { seq, events: [], listeners: new Set(), lastActivity: Date.now() };
    this.logs.set(sessionId, log);
    return log;
  }

  currentSeq(sessionId: string): number {
    return this.logs.get(sessionId)?.seq ?? 0;
  }

  async prepare(sessionId: string, storedSeq?: number): Promise<void> {
    await this.load(sessionId, storedSeq);
  }

  async lastSeq(sessionId: string): Promise<number> {
    return (await this.load(sessionId)).seq;
  }

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

  subscribe(sessionId: string, afterSeq?: number | null): AsyncIterableIterator<SessionEvent> {
    let log: SessionLog | undefined;
    return subscription({
      maxQueued: this.maxQueued,
      start: async (listener) => {
        log = await this.load(sessionId);
        log.listeners.add(listener);
        const replay = afterSeq == null ? [] : log.events.filter((e) => e.seq > afterSeq);
        return { replay, after: afterSeq ?? log.seq };
      },
      stop: (listener) => {
        log?.listeners.delete(listener);
        if (log) log.lastActivity = Date.now();
      },
    });
  }

  /**
   * Drops logs that have no subscriber and no activity for `idleMs`, after saving their seq, so
   * a later load continues the numbering.
   */
  async sweep(idleMs: number, now = Date.now()): Promise<number> {
    const idle = [...this.logs].filter(
      ([, log]) => log.listeners.size === 0 && now - log.lastActivity > idleMs,
    );
    await this.persistSeqs(idle);
    for (const [id, log] of idle) if (log.listeners.size === 0) this.logs.delete(id);
    return idle.length;
  }

  async flush(): Promise<void> {
    await this.persistSeqs([...this.logs]);
  }

  private async persistSeqs(entries: [string, SessionLog][]) {
    for (const [id, log] of entries) {
      // The exact seq, also over a checkpoint's reservation (see SEQ_RESERVE): one process
      // numbers the session's events while its log is loaded.
      await this.db.session.updateMany({
        where: { id, eventSeq: { not: log.seq } },
        data: { eventSeq: log.seq },
      });
    }
  }

  subscriberCount(): number {
    let n = 0;
    for (const log of this.logs.values()) n += log.listeners.size;
    return n;
  }

  async close(): Promise<void> {}
}

function findLastIndex<T>(items: T[], predicate: (item: T) => boolean): number {
  for (let i = items.length - 1; i >= 0; i -= 1) if (predicate(items[i] as T)) return i;
  return -1;
}
