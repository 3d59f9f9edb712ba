import type { Db } from '../db/client.js';
import type { EventLog } from '../events/log.js';
import type { SessionService } from './service.js';

const BATCH = 500;

/**
 * The timeout sweep: publishes SessionExpiring once a session enters its warning window, and
 * marks sessions whose expiresAt has passed EXPIRED (a running turn finishes first).
 */
export class ExpirySweep {
  constructor(private readonly deps: { db: Db; events: EventLog; sessions: SessionService }) {}

  async run(now = new Date()): Promise<{ warned: number; expired: number }> {
    return { warned: await this.warn(now), expired: await this.expire(now) };
  }

  private async warn(now: Date): Promise<number> {
    const { db, events } = this.deps;
    const expiring = await db.session.findMany({
      where: {
        warnedAt: null,
        state: { not: 'EXPIRED' },
        expiresAt: { gt: now },
        warningThresholdMinutes: { not: null },
      },
      select: { id: true, expiresAt: true, warningThresholdMinutes: true },
      take: BATCH,
    });
    let warned = 0;
    for (const s of expiring) {
      const expiresAt = s.expiresAt as Date;
      const warnAt = expiresAt.getTime() - (s.warningThresholdMinutes as number) * 60_000;
      if (warnAt > now.getTime()) continue;
      const marked = await db.session.updateMany({
        where: { id: s.id, warnedAt: null, expiresAt },
        data: { warnedAt: now },
      });
      if (marked.count !== 1) continue;
      warned += 1;
      await events.publish(s.id, { type: 'SessionExpiring', expiresAt: expiresAt.toISOString() });
    }
    return warned;
  }

  private async expire(now: Date): Promise<number> {
    const { db, sessions } = this.deps;
    const due = await db.session.findMany({
      where: { expiresAt: { lte: now }, state: 'IDLE' },
      select: { id: true },
      take: BATCH,
    });
    let expired = 0;
    for (const { id } of due) {
      const [session] = await db.session.updateManyAndReturn({
        where: { id, state: 'IDLE', expiresAt: { lte: now } },
        data: { state: 'EXPIRED', updatedAt: now },
      });
      if (!session) continue;
      expired += 1;
      await sessions.announceUpdate(session);
    }
    return expired;
  }
}
