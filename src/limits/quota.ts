import type { Db } from '../db/client.js';
import { AppError, ErrorCode } from '../errors.js';

export interface StorageQuotaOptions {
  /** Messages a user may store (0: unlimited). */
  maxMessages: number;
  /** UTF-8 bytes of message text a user may store (0: unlimited). */
  maxBytes: number;
  /** How long a usage read from the database is reused while far from the quota. */
  cacheMs?: number;
  now?: () => number;
}

interface Usage {
  messages: number;
  bytes: number;
}

/** A usage this far under both quotas is reused from memory (plus this process's own writes). */
const FAR_BELOW = 0.5;

const formatBytes = (bytes: number) =>
  bytes >= 1024 * 1024 && bytes % (1024 * 1024) === 0
    ? `${bytes / (1024 * 1024)} MB`
    : `${bytes.toLocaleString('en-US')} bytes`;

/**
 * The per-user storage quota: messages and UTF-8 bytes of message text over all of a user's
 * sessions. The usage is read from the database (one aggregate) near the quota; far below it a
 * recent reading is reused with this process's writes added, so a user far from the quota costs
 * a query every few seconds, not one per message. Deleting sessions frees the quota (deletions
 * only lower the usage, so a reused reading errs on the safe side).
 */
export class StorageQuota {
  private readonly recent = new Map<string, Usage & { at: number }>();

  constructor(
    private readonly db: Db,
    private readonly options: StorageQuotaOptions,
  ) {}

  /**
   * Throws QUOTA_EXCEEDED when storing `text` as one more message would pass either quota;
   * otherwise counts it as stored.
   */
  async reserve(userId: string, text: string): Promise<void> {
    const { maxMessages, maxBytes } = this.options;
    if (maxMessages <= 0 && maxBytes <= 0) return;
    const bytes = Buffer.byteLength(text, 'utf8');
    const now = this.now();
    const cached = this.recent.get(userId);
    const fresh = cached && now - cached.at <= (this.options.cacheMs ?? 10_000);
    const usage: Usage & { at: number } =
      cached && fresh && this.farBelow(cached, bytes)
        ? cached
        : { ...(await this.read(userId)), at: now };
    const after = { messages: usage.messages + 1, bytes: usage.bytes + bytes, at: usage.at };
    if (maxMessages > 0 && after.messages > maxMessages) {
      throw new AppError(
        ErrorCode.QUOTA_EXCEEDED,
        `Storage quota exceeded: at most ${maxMessages} messages per user (STORAGE_QUOTA_MESSAGES); delete sessions to make room`,
        { quota: 'messages', limit: maxMessages },
      );
    }
    if (maxBytes > 0 && after.bytes > maxBytes) {
      throw new AppError(
        ErrorCode.QUOTA_EXCEEDED,
        `Storage quota exceeded: at most ${formatBytes(maxBytes)} of message text per user (STORAGE_QUOTA_BYTES); delete sessions to make room`,
        { quota: 'bytes', limit: maxBytes },
      );
    }
    this.remember(userId, after);
  }

  private farBelow(usage: Usage, bytes: number) {
    const { maxMessages, maxBytes } = this.options;
    return (
      (maxMessages <= 0 || usage.messages + 1 <= maxMessages * FAR_BELOW) &&
      (maxBytes <= 0 || usage.bytes + bytes <= maxBytes * FAR_BELOW)
    );
  }

  private async read(userId: string): Promise<Usage> {
    const [row] = await this.db.$queryRaw<{ messages: number; bytes: bigint | number }[]>`
      SELECT count(*)::int AS messages, coalesce(sum(octet_length(m."text")), 0)::bigint AS bytes
      FROM "Message" m JOIN "Session" s ON s."id" = m."sessionId"
      WHERE s."userId" = ${userId}::uuid`;
    return { messages: Number(row?.messages ?? 0), bytes: Number(row?.bytes ?? 0) };
  }

  private remember(userId: string, usage: Usage & { at: number }) {
    this.recent.delete(userId);
    if (this.recent.size >= 10_000) this.recent.delete(this.recent.keys().next().value as string);
    this.recent.set(userId, usage);
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}
