import type { EventTransport } from '../log.js';
import type { Listener, SessionEvent } from '../types.js';

interface SessionLog {
  seq: number;
  /** Replayable events, oldest first: from the start of the previous turn on. */
  events: SessionEvent[];
  listeners: Set<Listener>;
  lastActivity: number;
}

/** One process: numbering, replay buffers and delivery in memory. */
export class MemoryTransport implements EventTransport {
  readonly kind = 'memory';
  readonly durable = false;
  private readonly logs = new Map<string, SessionLog>();

  /** `maxEventsPerSession`: most events a session keeps for replay (older ones go first). */
  constructor(private readonly maxEventsPerSession = 50_000) {}

  begin(sessionId: string, seq: number): number {
    let log = this.logs.get(sessionId);
    if (!log) {
      log = { seq, events: [], listeners: new Set(), lastActivity: Date.now() };
      this.logs.set(sessionId, log);
    }
    return log.seq;
  }

  begun(sessionId: string): boolean {
    return this.logs.has(sessionId);
  }

  private log(sessionId: string): SessionLog {
    const log = this.logs.get(sessionId);
    if (!log) throw new Error(`event log of session ${sessionId} used before begin()`);
    return log;
  }

  append(sessionId: string, body: Omit<SessionEvent, 'seq'>): SessionEvent {
    const log = this.log(sessionId);
    log.seq += 1;
    const event = { ...body, seq: log.seq } as SessionEvent;
    if (event.type === 'TurnStarted') {
      // Keep the previous turn and this one: drop everything before the previous TurnStarted.
      const previousStart = log.events.findLastIndex((e) => e.type === 'TurnStarted');
      if (previousStart > 0) log.events.splice(0, previousStart);
    }
    log.events.push(event);
    if (log.events.length > this.maxEventsPerSession) {
      log.events.splice(0, log.events.length - this.maxEventsPerSession);
    }
    log.lastActivity = Date.now();
    for (const listener of log.listeners) listener(event);
    return event;
  }

  async listen(sessionId: string, listener: Listener): Promise<void> {
    this.log(sessionId).listeners.add(listener);
  }

  unlisten(sessionId: string, listener: Listener): void {
    const log = this.logs.get(sessionId);
    if (!log) return;
    log.listeners.delete(listener);
    log.lastActivity = Date.now();
  }

  replay(sessionId: string, afterSeq: number): SessionEvent[] {
    return this.log(sessionId).events.filter((e) => e.seq > afterSeq);
  }

  head(sessionId: string): number {
    return this.log(sessionId).seq;
  }

  idle(idleMs: number, now: number): [string, number][] {
    const idle: [string, number][] = [];
    for (const [id, log] of this.logs) {
      if (log.listeners.size === 0 && now - log.lastActivity > idleMs) idle.push([id, log.seq]);
    }
    return idle;
  }

  forget(sessionIds: string[]): string[] {
    // Not one that gained a listener meanwhile.
    return sessionIds.filter(
      (id) => this.logs.get(id)?.listeners.size === 0 && this.logs.delete(id),
    );
  }

  subscriberCount(): number {
    let n = 0;
    for (const log of this.logs.values()) n += log.listeners.size;
    return n;
  }

  async close(): Promise<void> {}
}
