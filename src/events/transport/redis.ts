import type { Redis } from 'ioredis';
import type { EventTransport } from '../log.js';
import type { Listener, SessionEvent } from '../types.js';

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

type PublishCommand = (...args: (string | number)[]) => Promise<number>;

export interface RedisTransportOptions {
  /** Commands and publishing. */
  redis: Redis;
  /** A connection of its own in subscriber mode. */
  subscriber: Redis;
  prefix?: string;
  maxEventsPerSession?: number;
  /** How long a session's replay stream lives after its last event. */
  retentionMs?: number;
}

/**
 * Several processes: the seq comes from Redis (INCR), the replay buffer is a capped Redis stream
 * per session, and live delivery is Redis pub/sub, so a client on process A sees, replays and
 * resumes a turn that runs on process B.
 */
export class RedisTransport implements EventTransport {
  readonly kind = 'redis';
  readonly durable = true;
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly subscribing = new Map<string, Promise<unknown>>();
  /** Sessions begun in this process, with the time of their last local event. */
  private readonly begunIds = new Map<string, number>();
  private readonly prefix: string;
  private readonly maxEvents: number;
  private readonly retentionMs: number;
  private readonly publishEvent: PublishCommand;

  constructor(private readonly options: RedisTransportOptions) {
    this.prefix = options.prefix ?? 'chat:';
    this.maxEvents = options.maxEventsPerSession ?? 50_000;
    this.retentionMs = options.retentionMs ?? 24 * 3600_000;
    options.redis.defineCommand('chatPublishEvent', { numberOfKeys: 2, lua: PUBLISH_SCRIPT });
    const commands = options.redis as unknown as { chatPublishEvent: PublishCommand };
    this.publishEvent = commands.chatPublishEvent.bind(options.redis);
    options.subscriber.on('message', (channel: string, message: string) => {
      const set = this.listeners.get(channel.slice(this.channel('').length));
      if (!set?.size) return;
      const event = JSON.parse(message) as SessionEvent;
      for (const listener of set) listener(event);
    });
  }

  private seqKey = (id: string) => `${this.prefix}session:${id}:seq`;
  private streamKey = (id: string) => `${this.prefix}session:${id}:events`;
  private channel = (id: string) => `${this.prefix}session-events:${id}`;

  /** Starts the Redis counter at the stored seq, unless another process started it already. */
  async begin(sessionId: string, seq: number): Promise<undefined> {
    await this.options.redis.set(this.seqKey(sessionId), String(seq), 'NX');
    this.begunIds.set(sessionId, Date.now());
    return undefined;
  }

  begun(sessionId: string): boolean {
    return this.begunIds.has(sessionId);
  }

  async append(sessionId: string, body: Omit<SessionEvent, 'seq'>): Promise<SessionEvent> {
    this.begunIds.set(sessionId, Date.now());
    const json = JSON.stringify(body);
    // Queued on the connection synchronously: events keep their order.
    const seq = await this.publishEvent(
      this.seqKey(sessionId),
      this.streamKey(sessionId),
      this.channel(sessionId),
      json,
      this.maxEvents,
      this.retentionMs,
    );
    return { ...body, seq } as SessionEvent;
  }

  async listen(sessionId: string, listener: Listener): Promise<void> {
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
  }

  unlisten(sessionId: string, listener: Listener): void {
    const set = this.listeners.get(sessionId);
    set?.delete(listener);
    if (set && set.size === 0) {
      this.listeners.delete(sessionId);
      this.subscribing.delete(sessionId);
      void this.options.subscriber.unsubscribe(this.channel(sessionId)).catch(() => {});
    }
  }

  async replay(sessionId: string, afterSeq: number): Promise<SessionEvent[]> {
    const entries = await this.options.redis.xrange(
      this.streamKey(sessionId),
      `${afterSeq + 1}-0`,
      '+',
    );
    return entries.map(([, fields]) => JSON.parse(fields[1] as string) as SessionEvent);
  }

  async head(sessionId: string): Promise<number> {
    return Number((await this.options.redis.get(this.seqKey(sessionId))) ?? 0);
  }

  /** Sessions nobody here listens to and idle here (their counter stays in Redis). */
  idle(idleMs: number, now: number): [string, number][] {
    const idle: [string, number][] = [];
    for (const [id, last] of this.begunIds) {
      if (!this.listeners.has(id) && now - last > idleMs) idle.push([id, 0]);
    }
    return idle;
  }

  forget(sessionIds: string[]): string[] {
    for (const id of sessionIds) this.begunIds.delete(id);
    return sessionIds;
  }

  subscriberCount(): number {
    let n = 0;
    for (const set of this.listeners.values()) n += set.size;
    return n;
  }

  async close(): Promise<void> {}
}
