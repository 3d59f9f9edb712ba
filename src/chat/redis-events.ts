import type { Redis } from 'ioredis';
import type { Db } from '../db/client.js';
import {
  type EventLog,
  type SessionEvent,
  type SessionEventPayload,
  subscription,
} from './events.js';

// One round trip per event: take the next seq, keep the event in the session's stream (replay),
// publish it to every process. Events are built as JSON by the caller; the script only splices
// the seq in front, so the payload is never re-encoded.
const PUBLISH_SCRIPT = `
local seq = redis.call('INCR', KEYS[1])
local event = '{"seq":' .. seq .. ',' .. string.sub(ARGV[2], 2)
redis.call('XADD', KEYS[2], 'MAXLEN', '~', ARGV[3], seq .. '-1', 'e', event)
redis.call('PEXPIRE', KEYS[2], ARGV[4])
redis.call('PUBLISH', ARGV[1], event)
return seq
`;

export interface RedisEventLogOptions {
  db: Db;
  /** Commands and publishing. */
  redis: Redis;
  /** A connection of its own in subscriber mode. */
  subscriber: Redis;
  prefix?: string;
  maxEventsPerSession?: number;
  maxQueuedPerSubscriber?: number;
  /** How long a session's replay stream lives after its last event. */
  retentionMs?: number;
}

/**
 * Several processes: the seq comes from Redis (INCR), the replay buffer is a capped Redis stream
 * per session, and live delivery is Redis pub/sub, so a client on process A sees, replays and
 * resumes a turn that runs on process B.
 */
export class RedisEventLog implements EventLog {
  private readonly listeners = new Map<string, Set<(e: SessionEvent) => void>>();
  private readonly subscribing = new Map<string, Promise<unknown>>();
  private readonly prepared = new Set<string>();
  private readonly seqs = new Map<string, number>();
  private readonly prefix: string;
  private readonly maxEvents: number;
  private readonly maxQueued: number;
  private readonly retentionMs: number;

  constructor(private readonly options: RedisEventLogOptions) {
    this.prefix = options.prefix ?? 'chat:';
    this.maxEvents = options.maxEventsPerSession ?? 50_000;
    this.maxQueued = options.maxQueuedPerSubscriber ?? 50_000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    options.redis.defineCommand('chatPublishEvent', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
    options.subscriber.on('message', (channel: string, message: string) => {
      const sessionId = channel.slice(this.channel('').length);
      const set = this.listeners.get(sessionId);
      if (!set?.size) return;
      const event = JSON.parse(message) as SessionEvent;
      this.seqs.set(sessionId, Math.max(this.seqs.get(sessionId) ?? 0, event.seq));
      for (const listener of set) listener(event);
    });
  }

  private seqKey = (id: string) => `${this.prefix}session:${id}:seq`;
  private streamKey = (id: string) => `${this.prefix}session:${id}:events`;
  private channel = (id: string) => `${this.prefix}session-events:${id}`;

  /** Starts the Redis counter at the seq the database saw last, the first time a session is used. */
  async prepare(sessionId: string, storedSeq?: number): Promise<void> {
    if (this.prepared.has(sessionId)) return;
    let seq = storedSeq;
    if (seq == null) {
      const row = await this.options.db.session.findUnique({
        where: { id: sessionId },
        select: { eventSeq: true },
      });
      seq = row?.eventSeq ?? 0;
    }
    await this.options.redis.set(this.seqKey(sessionId), String(seq), 'NX');
    this.prepared.add(sessionId);
  }

  publish(sessionId: string, payload: SessionEventPayload): Promise<SessionEvent> {
    const body = JSON.stringify({ ...payload, sessionId, at: new Date().toISOString() });
    const run = async () => {
      await this.prepare(sessionId);
      const seq = (await (
        this.options.redis as unknown as {
          chatPublishEvent(...args: (string | number)[]): Promise<number>;
        }
      ).chatPublishEvent(
        this.seqKey(sessionId),
        this.streamKey(sessionId),
        this.channel(sessionId),
        body,
        this.maxEvents,
        this.retentionMs,
      )) as number;
      this.seqs.set(sessionId, Math.max(this.seqs.get(sessionId) ?? 0, seq));
      return { ...JSON.parse(body), seq } as SessionEvent;
    };
    // Once prepared, the command is queued synchronously on the connection: events keep their order.
    return run();
  }

  subscribe(sessionId: string, afterSeq?: number | null): AsyncIterableIterator<SessionEvent> {
    return subscription({
      maxQueued: this.maxQueued,
      start: async (listener) => {
        let set = this.listeners.get(sessionId);
        if (!set) {
          set = new Set();
          this.listeners.set(sessionId, set);
        }
        set.add(listener);
        let pending = this.subscribing.get(sessionId);
        if (!pending) {
          pending = this.options.subscriber.subscribe(this.channel(sessionId));
          this.subscribing.set(sessionId, pending);
        }
        await pending; // subscribed before the replay is read: no gap at the seam
        if (afterSeq == null) {
          const current = Number((await this.options.redis.get(this.seqKey(sessionId))) ?? 0);
          return { replay: [], after: current };
        }
        const entries = await this.options.redis.xrange(
          this.streamKey(sessionId),
          `${afterSeq + 1}-0`,
          '+',
        );
        const replay = entries.map(([, fields]) => JSON.parse(fields[1] as string) as SessionEvent);
        return { replay, after: afterSeq };
      },
      stop: (listener) => {
        const set = this.listeners.get(sessionId);
        set?.delete(listener);
        if (set && set.size === 0) {
          this.listeners.delete(sessionId);
          this.subscribing.delete(sessionId);
          void this.options.subscriber.unsubscribe(this.channel(sessionId)).catch(() => {});
        }
      },
    });
  }

  async lastSeq(sessionId: string): Promise<number> {
    await this.prepare(sessionId);
    return Number((await this.options.redis.get(this.seqKey(sessionId))) ?? 0);
  }

  currentSeq(sessionId: string): number {
    return this.seqs.get(sessionId) ?? 0;
  }

  async sweep(): Promise<number> {
    const n = this.prepared.size;
    this.prepared.clear();
    for (const id of this.seqs.keys()) if (!this.listeners.has(id)) this.seqs.delete(id);
    return n;
  }

  async flush(): Promise<void> {}

  subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {}
}
