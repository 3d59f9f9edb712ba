import type { Db } from '../db/client.js';
import { AppError, ErrorCode } from '../errors.js';
import { Prisma } from '../generated/prisma/client.js';
import { checkDateRange } from '../validation.js';

const MAX_DATE = new Date('9999-12-31T23:59:59.999Z');

/** Tokens the model used, summed over turns. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  totalTokens: number;
  turns: number;
}

interface UsageRow {
  key: string;
  inputTokens: bigint | number | null;
  outputTokens: bigint | number | null;
  totalTokens: bigint | number | null;
  turns: bigint | number;
}

const toUsage = (row: UsageRow | undefined): Usage => ({
  inputTokens: Number(row?.inputTokens ?? 0),
  outputTokens: Number(row?.outputTokens ?? 0),
  totalTokens: Number(row?.totalTokens ?? 0),
  turns: Number(row?.turns ?? 0),
});

/** The next midnight (UTC) after `now`: when a daily quota starts again. */
const nextUtcMidnight = (now: Date) =>
  new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate() + 1));

/**
 * The turns that count: they reached the model, whatever their end. Not one still queued, one
 * cancelled before it started (it stored no answer), nor one the quota refused when its turn in
 * the queue came.
 */
const COUNTED = Prisma.raw(`"status" <> 'QUEUED'
  AND NOT ("status" = 'CANCELLED' AND "assistantMessageId" IS NULL)
  AND "errorCode" IS DISTINCT FROM '${ErrorCode.QUOTA_EXCEEDED}'`);

/**
 * Token usage, summed from what each turn stored (a turn that ran, whatever its end; queued
 * turns that never ran count nothing), and the daily token quota (QUOTA_TOKENS_PER_DAY).
 */
export class UsageService {
  constructor(private readonly deps: { db: Db; tokensPerDay: number; now?: () => Date }) {}

  /** The usage of several sessions (one query; sessions without turns count zero). */
  async ofSessions(sessionIds: readonly string[]): Promise<Usage[]> {
    const rows = await this.deps.db.$queryRaw<UsageRow[]>`
      SELECT "sessionId"::text AS key, sum("inputTokens") AS "inputTokens",
             sum("outputTokens") AS "outputTokens", sum("totalTokens") AS "totalTokens",
             count(*) AS turns
      FROM "Turn" WHERE "sessionId" = ANY(${[...sessionIds]}::uuid[]) AND ${COUNTED}
      GROUP BY "sessionId"`;
    const byId = new Map(rows.map((r) => [r.key, r]));
    return sessionIds.map((id) => toUsage(byId.get(id)));
  }

  /** A user's usage over the turns started in [since, until). */
  async ofUser(userId: string, range: { since?: Date | null; until?: Date | null } = {}) {
    const since = range.since ? checkDateRange(range.since, 'since') : new Date(0);
    const until = range.until ? checkDateRange(range.until, 'until') : MAX_DATE;
    const [row] = await this.deps.db.$queryRaw<UsageRow[]>`
      SELECT '' AS key, sum("inputTokens") AS "inputTokens", sum("outputTokens") AS "outputTokens",
             sum("totalTokens") AS "totalTokens", count(*) AS turns
      FROM "Turn" WHERE "userId" = ${userId}::uuid AND ${COUNTED}
        AND "startedAt" >= (${since.toISOString()}::timestamptz AT TIME ZONE 'UTC')
        AND "startedAt" < (${until.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;
    return toUsage(row);
  }

  /**
   * QUOTA_EXCEEDED, with the moment the quota starts again, once the user's turns of the day
   * (UTC) used QUOTA_TOKENS_PER_DAY tokens; checked before any model call. Unset: no query.
   */
  async assertWithinQuota(userId: string): Promise<void> {
    const refusal = await this.quotaRefusal(userId);
    if (refusal) throw refusal;
  }

  /** The QUOTA_EXCEEDED error a new model call would get now, or null. */
  async quotaRefusal(userId: string): Promise<AppError | null> {
    const { tokensPerDay } = this.deps;
    if (tokensPerDay <= 0) return null;
    const now = this.deps.now?.() ?? new Date();
    const midnight = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate()));
    const today = await this.ofUser(userId, { since: midnight });
    if (today.totalTokens < tokensPerDay) return null;
    const resetsAt = nextUtcMidnight(now).toISOString();
    return new AppError(
      ErrorCode.QUOTA_EXCEEDED,
      `Daily token quota used (${tokensPerDay} tokens, QUOTA_TOKENS_PER_DAY); it starts again at ${resetsAt}`,
      { resetsAt, limit: tokensPerDay },
    );
  }
}
