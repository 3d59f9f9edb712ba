import type { Logger } from 'pino';
import type { Db } from '../db/client.js';
import { type EventLog, reserved } from '../events/log.js';
import { storableJson } from '../validation.js';

interface Running {
  sessionId: string;
  /** The turn's answer so far, as the parts to store. */
  parts: () => unknown;
  /** The session's event seq last written. */
  savedSeq: number;
}

export interface CheckpointsDeps {
  db: Db;
  events: EventLog;
  logger: Logger;
  intervalMs: number;
  leaseMs: number;
}

/**
 * Every `intervalMs`, one statement saves the partial answer of every turn this process runs and
 * renews their leases, and one more saves their sessions' reserved event seqs (the ledger's rule,
 * events/log.ts). Two statements per interval whatever the number of running turns.
 */
export class Checkpoints {
  private readonly running = new Map<string, Running>();
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> | null = null;

  constructor(private readonly deps: CheckpointsDeps) {
    this.timer = setInterval(() => void this.flush(), deps.intervalMs);
    this.timer.unref();
  }

  /** `reservedFrom`: the seq whose reservation the turn's claim already stored. */
  add(turnId: string, sessionId: string, parts: () => unknown, reservedFrom: number) {
    this.running.set(turnId, { sessionId, parts, savedSeq: reservedFrom });
  }

  remove(turnId: string) {
    this.running.delete(turnId);
  }

  /** Saves now (one flush at a time: a slow one is not overlapped by the next tick). */
  flush(): Promise<void> {
    this.flushing ??= this.save().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  private async save() {
    if (this.running.size === 0) return;
    const { db, events, logger } = this.deps;
    const turns = [...this.running];
    const lease = new Date(Date.now() + this.deps.leaseMs).toISOString();
    try {
      // Only turns still RUNNING: a turn that finished meanwhile keeps its final state.
      await db.$executeRaw`
        UPDATE "Turn" AS t
        SET "checkpoint" = v.parts::jsonb,
            "leaseExpiresAt" = (${lease}::timestamptz AT TIME ZONE 'UTC')
        FROM unnest(${turns.map(([id]) => id)}::uuid[],
                    ${turns.map(([, r]) => storableJson(r.parts()))}::text[]) AS v(id, parts)
        WHERE t."id" = v.id AND t."status" = 'RUNNING'`;
      const moved = turns
        .map(([turnId, r]) => ({ turnId, r, seq: events.currentSeq(r.sessionId) }))
        .filter(({ r, seq }) => seq > r.savedSeq);
      if (moved.length > 0) {
        // Only while that turn is still the session's active one: its end stores the exact
        // seq, which a late checkpoint must not overwrite (the row lock makes this re-checked).
        await db.$executeRaw`
          UPDATE "Session" AS s SET "eventSeq" = v.seq
          FROM unnest(${moved.map((m) => m.r.sessionId)}::uuid[],
                      ${moved.map((m) => m.turnId)}::uuid[],
                      ${moved.map((m) => reserved(m.seq))}::int[]) AS v(id, turn, seq)
          WHERE s."id" = v.id AND s."activeTurnId" = v.turn AND s."eventSeq" < v.seq`;
        for (const m of moved) m.r.savedSeq = m.seq;
      }
    } catch (err) {
      logger.warn({ err, turns: turns.length }, 'checkpoint skipped');
    }
  }

  /** Stops the timer and waits for a flush under way. */
  async close() {
    clearInterval(this.timer);
    await this.flushing;
  }
}
