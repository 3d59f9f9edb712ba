import { AppError, ErrorCode } from '../errors.js';
import type { Session } from '../generated/prisma/client.js';
import type { TimeoutInput } from '../validation.js';

// The one expiry rule: a session with a timeout expires `timeoutMinutes` after its last
// activity, never later than `maxDurationMinutes` after it was created; a message renews it when
// it auto-renews. Everything that reads or writes expiry goes through these functions.

type Expiring = Pick<Session, 'state' | 'expiresAt'>;

/** Expired: marked so by the sweep, or past expiresAt and not yet swept. */
export const isExpired = (session: Expiring, now: Date) =>
  session.state === 'EXPIRED' || (session.expiresAt != null && session.expiresAt <= now);

/** SESSION_EXPIRED for a session that may no longer take messages. */
export function assertNotExpired(session: Expiring, now: Date): void {
  if (isExpired(session, now)) {
    throw new AppError(ErrorCode.SESSION_EXPIRED, 'The session has expired; renew it first');
  }
}

/** The session fields that the timeout settings decide. */
export function timeoutFields(timeout: TimeoutInput | null, from: Date) {
  if (!timeout) {
    return {
      timeoutMinutes: null,
      autoRenew: true,
      maxDurationMinutes: null,
      warningThresholdMinutes: null,
      expiresAt: null,
      warnedAt: null,
    };
  }
  return {
    timeoutMinutes: timeout.timeoutMinutes,
    autoRenew: timeout.autoRenew,
    maxDurationMinutes: timeout.maxDurationMinutes ?? null,
    warningThresholdMinutes: timeout.warningThresholdMinutes ?? null,
    expiresAt: new Date(from.getTime() + timeout.timeoutMinutes * 60_000),
    warnedAt: null,
  };
}

type Timed = Pick<Session, 'timeoutMinutes' | 'maxDurationMinutes' | 'createdAt'>;

/** The expiry a session gets when it is renewed at `now`, bounded by its maximum duration. */
export function renewedExpiry(session: Timed, now: Date): Date | null {
  if (session.timeoutMinutes == null) return null;
  const next = now.getTime() + session.timeoutMinutes * 60_000;
  if (session.maxDurationMinutes == null) return new Date(next);
  const hardEnd = session.createdAt.getTime() + session.maxDurationMinutes * 60_000;
  return new Date(Math.min(next, hardEnd));
}

/** What a message at `now` changes of the session's expiry (nothing unless it auto-renews). */
export function renewalOnActivity(session: Timed & Pick<Session, 'autoRenew'>, now: Date) {
  if (!session.autoRenew || session.timeoutMinutes == null) return {};
  return { expiresAt: renewedExpiry(session, now), warnedAt: null };
}
