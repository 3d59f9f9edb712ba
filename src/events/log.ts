import type { Db } from '../db/client.js';
import { subscription } from './subscription.js';
import type { Listener, SessionEvent, SessionEventPayload } from './types.js';

/**
 * The seq ledger: the one place the numbering rule lives.
 *
 * A session's events are numbered 1, 2, 3 … with no gaps by the transport (in memory, or Redis
 * INCR for several processes). The database keeps `Session.eventSeq` so that numbering survives
 * the process, and it must never be below a seq a client may have seen, or a process taking over
 * after a crash would give out a number twice. So:
 * - when a turn claims a session, and at each checkpoint while it runs, eventSeq is stored as the
 *   current seq + SEQ_RESERVE (`reserved`);
 * - when the turn ends, when an idle session is forgotten, and at shutdown, the exact seq is
 *   stored (`settled`, `sweep`, `flush`).
 * After a crash the next process numbers on from past the reservation: a client resuming with
 * afterSeq receives the interrupted turn's end after a gap in seq, which tells it to reload.
 */
export const SEQ_RESERVE = 100_000;

/** The eventSeq to store while a turn runs, `seq` being the last seq published. */
export const reserved = (seq: number) => seq + SEQ_RESERVE;

/** Where events are numbered, kept for replay and delivered: one process, or Redis for several. */
export interface EventTransport {
  readonly kind: 'memory' | 'redis';
  /** Whether the numbering outlives this process (Redis); otherwise the ledger saves it. */
  readonly durable: boolean;
  /**
   * Numbers the session's events after `seq` unless the transport numbers it already. Returns the
   * seq it numbers from when it knows it for sure.
   */
  begin(sessionId: string, seq: number): number | undefined | Promise<number | undefined>;
  /** Whether `begin` ran for this session in this process. */
  begun(sessionId: string): boolean;
  /** Numbers (last seq + 1), keeps for replay and delivers one event. */
  append(sessionId: string, event: Omit<SessionEvent, 'seq'>): SessionEvent | Promise<SessionEvent>;
  /** Adds a listener of live events; resolves once events reach it. */
  listen(sessionId: string, listener: Listener): Promise<void>;
  unlisten(sessionId: string, listener: Listener): void;
  /** The events still held with a seq above `afterSeq`, oldest first. */
  replay(sessionId: string, afterSeq: number): SessionEvent[] | Promise<SessionEvent[]>;
  /** The seq of the session's latest event. */
  head(sessionId: string): number | Promise<number>;
  /** Sessions without listeners and idle for `idleMs`, with their seq. */
  idle(idleMs: number, now: number): [sessionId: string, seq: number][];
  /** Drops what the transport holds in this process for these sessions; returns those dropped. */
  forget(sessionIds: string[]): string[];
  subscriberCount(): number;
  close(): Promise<void>;
}

export interface EventLogOptions {
  db: Db;
  transport: EventTransport;
  /** Events a slow subscriber may have queued before it is cut off (it can resume with afterSeq). */
  maxQueuedPerSubscriber?: number;
}

/** The per-session event log: the ledger over a transport. Token deltas never touch the database. */
export class EventLog {
  private readonly db: Db;
  readonly transport: EventTransport;
  private readonly maxQueued: number;
  /** The last seq this process published or began from, per session (for the ledger's writes). */
  private readonly latest = new Map<string, number>();
  private readonly beginning = new Map<string, Promise<void>>();
  /** The last append still under way per session (Redis): `quiet` waits for it. */
  private readonly appending = new Map<string, Promise<SessionEvent>>();

  constructor(options: EventLogOptions) {
    this.db = options.db;
    this.transport = options.transport;
    this.maxQueued = options.maxQueuedPerSubscriber ?? 50_000;
  }

  /**
   * Readies a session so that the following `publish` calls keep their order. `storedSeq`: the
   * session's eventSeq when the caller has just read the row (saves reading it again).
   */
  prepare(sessionId: string, storedSeq?: number): Promise<void> {
    if (this.transport.begun(sessionId)) return Promise.resolve();
    let pending = this.beginning.get(sessionId);
    if (!pending) {
      pending = this.begin(sessionId, storedSeq).finally(() => this.beginning.delete(sessionId));
      this.beginning.set(sessionId, pending);
    }
    return pending;
  }

  private async begin(sessionId: string, storedSeq: number | undefined) {
    const seq = storedSeq ?? (await this.storedSeq(sessionId));
    if (this.transport.begun(sessionId)) return;
    const from = await this.transport.begin(sessionId, seq);
    if (from != null) this.latest.set(sessionId, from);
  }

  private async storedSeq(sessionId: string): Promise<number> {
    const row = await this.db.session.findUnique({
      where: { id: sessionId },
      select: { eventSeq: true },
    });
    return row?.eventSeq ?? 0;
  }

  /** Numbers, keeps and delivers one event (synchronously once the session is prepared). */
  publish(sessionId: string, payload: SessionEventPayload): SessionEvent | Promise<SessionEvent> {
    const body = { ...payload, sessionId, at: new Date().toISOString() } as Omit<
      SessionEvent,
      'seq'
    >;
    if (!this.transport.begun(sessionId)) {
      return this.prepare(sessionId).then(() => this.append(sessionId, body));
    }
    return this.append(sessionId, body);
  }

  private append(sessionId: string, body: Omit<SessionEvent, 'seq'>) {
    const appended = this.transport.append(sessionId, body);
    if (!(appended instanceof Promise)) return this.record(appended);
    const recorded = appended.then((e) => this.record(e));
    this.appending.set(sessionId, recorded);
    const forget = () => {
      if (this.appending.get(sessionId) === recorded) this.appending.delete(sessionId);
    };
    recorded.then(forget, forget);
    return recorded;
  }

  /** Resolves once every event published so far for the session has its seq. */
  async quiet(sessionId: string): Promise<void> {
    await this.appending.get(sessionId)?.catch(() => {});
  }

  private record(event: SessionEvent): SessionEvent {
    if (event.seq > (this.latest.get(event.sessionId) ?? 0)) {
      this.latest.set(event.sessionId, event.seq);
    }
    return event;
  }

  /**
   * Live events of a session; with `afterSeq`, first every held event with a greater seq. The
   * listener is registered before the replay is read, so nothing falls between the two and
   * nothing is delivered twice. `return()` ends it at once, even while it waits.
   */
  subscribe(sessionId: string, afterSeq?: number | null): AsyncIterableIterator<SessionEvent> {
    const { transport } = this;
    return subscription({
      maxQueued: this.maxQueued,
      start: async (listener) => {
        await this.prepare(sessionId);
        await transport.listen(sessionId, listener);
        if (afterSeq == null) return { replay: [], after: await transport.head(sessionId) };
        return { replay: await transport.replay(sessionId, afterSeq), after: afterSeq };
      },
      stop: (listener) => transport.unlisten(sessionId, listener),
    });
  }

  /** The last seq of a session this process published (0: none); what the ledger stores. */
  currentSeq(sessionId: string): number {
    return this.latest.get(sessionId) ?? 0;
  }

  /**
   * The exact eventSeq to store with a turn's end, `pending` being the events the caller
   * publishes right after its write; undefined when this process has published nothing for the
   * session (Redis: a turn recovered from another process), in which case the reservation stays.
   */
  settled(sessionId: string, pending: number): number | undefined {
    const seq = this.currentSeq(sessionId);
    return seq > 0 ? seq + pending : undefined;
  }

  /** The seq of the session's latest event, wherever it was published. */
  async lastSeq(sessionId: string): Promise<number> {
    await this.prepare(sessionId);
    return this.transport.head(sessionId);
  }

  /** Forgets idle sessions (periodic), saving their exact seq first when the transport does not. */
  async sweep(idleMs: number, now = Date.now()): Promise<number> {
    const idle = this.transport.idle(idleMs, now);
    if (!this.transport.durable) await this.saveExact(idle);
    const forgotten = this.transport.forget(idle.map(([id]) => id));
    for (const id of forgotten) this.latest.delete(id);
    return forgotten.length;
  }

  /** Saves the exact seqs of every session this process numbers (shutdown). */
  async flush(): Promise<void> {
    if (this.transport.durable) return;
    await this.saveExact([...this.latest]);
  }

  private async saveExact(entries: [string, number][]) {
    if (entries.length === 0) return;
    // The exact seq, also over a checkpoint's reservation: one process numbers a session's
    // events while it holds them in memory.
    await this.db.$executeRaw`
      UPDATE "Session" AS s SET "eventSeq" = v.seq
      FROM unnest(${entries.map(([id]) => id)}::uuid[], ${entries.map(([, seq]) => seq)}::int[])
        AS v(id, seq)
      WHERE s."id" = v.id AND s."eventSeq" <> v.seq`;
  }

  subscriberCount(): number {
    return this.transport.subscriberCount();
  }

  close(): Promise<void> {
    return this.transport.close();
  }
}
