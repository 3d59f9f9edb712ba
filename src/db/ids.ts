import { randomUUID } from 'node:crypto';

/**
 * A UUID version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits, so ids sort by
 * creation time like the ones Prisma's `@default(uuid(7))` makes, for rows written with raw SQL.
 * The random bits are a version 4 UUID's (Node draws those from a pool of its own, not from the
 * system per call): its first 48 bits become the time, its version digit 7; the variant bits
 * are already the RFC's.
 */
export function uuid7(now = Date.now()): string {
  if (!Number.isInteger(now) || now < 0 || now >= 2 ** 48) {
    throw new RangeError(`uuid7: the time must be 0 to 2^48 - 1 milliseconds, not ${now}`);
  }
  const time = now.toString(16).padStart(12, '0');
  return `${time.slice(0, 8)}-${time.slice(8)}-7${randomUUID().slice(15)}`;
}
