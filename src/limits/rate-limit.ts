import type { Redis } from 'ioredis';

export interface RateLimitResult {
  allowed: boolean;
  /** Seconds until the window resets (when not allowed). */
  retryAfterSeconds: number;
}

/** Fixed one-minute windows per key. In memory for one process, in Redis for several. */
export interface RateLimiter {
  hit(key: string, limit: number, windowMs?: number): Promise<RateLimitResult>;
  /** The count of the current window without adding to it, and the seconds until it resets. */
  peek(key: string, windowMs?: number): Promise<{ count: number; retryAfterSeconds: number }>;
}

const secondsLeft = (start: number, windowMs: number, now: number) =>
  Math.max(1, Math.ceil((start + windowMs - now) / 1000));

export class MemoryRateLimiter implements RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  constructor(private readonly now: () => number = Date.now) {}

  async hit(key: string, limit: number, windowMs = 60_000): Promise<RateLimitResult> {
    const now = this.now();
    const start = now - (now % windowMs);
    let w = this.windows.get(key);
    if (!w || w.start !== start) {
      if (this.windows.size > 100_000) this.prune(start);
      w = { start, count: 0 };
      this.windows.set(key, w);
    }
    w.count += 1;
    const allowed = limit <= 0 || w.count <= limit;
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : secondsLeft(start, windowMs, now),
    };
  }

  async peek(key: string, windowMs = 60_000) {
    const now = this.now();
    const start = now - (now % windowMs);
    const w = this.windows.get(key);
    const count = w && w.start === start ? w.count : 0;
    return { count, retryAfterSeconds: secondsLeft(start, windowMs, now) };
  }

  private prune(currentStart: number) {
    for (const [k, w] of this.windows) if (w.start !== currentStart) this.windows.delete(k);
  }
}

export class RedisRateLimiter implements RateLimiter {
  constructor(
    private readonly redis: Redis,
    private readonly prefix = 'ratelimit:',
  ) {}

  async hit(key: string, limit: number, windowMs = 60_000): Promise<RateLimitResult> {
    const now = Date.now();
    const start = now - (now % windowMs);
    const redisKey = `${this.prefix}${key}:${start}`;
    const [[, count]] = (await this.redis
      .multi()
      .incr(redisKey)
      .pexpire(redisKey, windowMs)
      .exec()) as [[unknown, number]];
    const allowed = limit <= 0 || count <= limit;
    return {
      allowed,
      retryAfterSeconds: allowed ? 0 : secondsLeft(start, windowMs, now),
    };
  }

  async peek(key: string, windowMs = 60_000) {
    const now = Date.now();
    const start = now - (now % windowMs);
    const count = Number((await this.redis.get(`${this.prefix}${key}:${start}`)) ?? 0);
    return { count, retryAfterSeconds: secondsLeft(start, windowMs, now) };
  }
}
