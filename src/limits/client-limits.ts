import { isIPv6 } from 'node:net';
import type { RateLimiter } from './rate-limit.js';

/**
 * The client a limit counts: its IP address as the socket reports it (X-Forwarded-For is not
 * trusted: no proxy is configured). IPv4-mapped IPv6 is the IPv4 address; other IPv6 addresses
 * count by their /64, which one host usually holds whole.
 */
export function clientKey(address: string | undefined | null): string {
  if (!address) return 'unknown';
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return mapped[1] as string;
  if (!isIPv6(address)) return address;
  const [head = '', tail = ''] = address.split('::');
  const left = head ? head.split(':') : [];
  const right = tail ? tail.split(':') : [];
  const groups = address.includes('::')
    ? [...left, ...Array(8 - left.length - right.length).fill('0'), ...right]
    : left;
  return `${groups
    .slice(0, 4)
    .map((g) => g.toLowerCase())
    .join(':')}::/64`;
}

export interface Refusal {
  retryAfterSeconds: number;
  /** Why, for the error message. */
  what: string;
}

/**
 * Limits per client IP: requests without a credential (`anonymousPerMinute`), and failed
 * authentications (`authFailuresPerMinute`: past it, every credential the IP presents is refused
 * for the rest of the minute, so guessing learns nothing). 0 turns a limit off.
 */
export class ClientLimits {
  constructor(
    private readonly limiter: RateLimiter,
    private readonly options: { anonymousPerMinute: number; authFailuresPerMinute: number },
  ) {}

  /** Counts a request without a credential; a refusal once the IP is past its limit. */
  async anonymous(ip: string): Promise<Refusal | null> {
    const limit = this.options.anonymousPerMinute;
    if (limit <= 0) return null;
    const r = await this.limiter.hit(`anon:${ip}`, limit);
    return r.allowed
      ? null
      : { retryAfterSeconds: r.retryAfterSeconds, what: 'requests without a credential' };
  }

  /** A refusal when the IP failed to authenticate too often this minute (nothing is counted). */
  async credentialsRefused(ip: string): Promise<Refusal | null> {
    const limit = this.options.authFailuresPerMinute;
    if (limit <= 0) return null;
    const { count, retryAfterSeconds } = await this.limiter.peek(`authfail:${ip}`);
    return count >= limit ? { retryAfterSeconds, what: 'failed authentications' } : null;
  }

  /** Counts a failed authentication of the IP. */
  async authFailed(ip: string): Promise<void> {
    const limit = this.options.authFailuresPerMinute;
    if (limit > 0) await this.limiter.hit(`authfail:${ip}`, limit);
  }
}
