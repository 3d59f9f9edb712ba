import type { EventLog } from '../chat/events.js';
import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { MessageRole, Session, SessionState } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import type { AppPubSub, SessionChangeKind } from '../pubsub.js';
import {
  hasUnstorable,
  keySchema,
  messageTextSchema,
  metadataSchema,
  parseField,
  type TimeoutInput,
  timeoutSchema,
  titleSchema,
  UNSTORABLE_MESSAGE,
} from './validation.js';

export interface SessionServiceDeps {
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  now?: () => Date;
}

export interface CreateSessionInput {
  title?: string | null;
  key?: string | null;
  agentId?: string | null;
  metadata?: unknown;
  timeout?: unknown;
  ifKeyExists?: 'ERROR' | 'RETURN' | null;
}

export interface UpdateSessionInput {
  title?: string | null;
  metadata?: unknown;
  archived?: boolean | null;
  agentId?: string | null;
  /** null removes the timeout; undefined leaves it. */
  timeout?: unknown;
}

export interface SessionFilterInput {
  agentId?: string | null;
  /** undefined: false (the default); null: archived or not. */
  archived?: boolean | null;
  state?: SessionState | null;
  keyPrefix?: string | null;
  search?: string | null;
  metadata?: unknown;
  updatedAfter?: Date | null;
  updatedBefore?: Date | null;
}

const turnRunning = () =>
  new AppError(ErrorCode.CONFLICT, 'A turn is running in this session; wait for it or stop it');

/**
 * Locks a session's row for the rest of the transaction. A transaction that inserts a message
 * (its foreign key takes a share lock on the session) and then updates the session (a key update:
 * updatedAt and lastMessageId are in unique indexes) deadlocks with another one doing the same;
 * locking first makes them wait for each other instead.
 */
export async function lockSession(
  tx: Prisma.TransactionClient,
  sessionId: string,
): Promise<{ activeTurnId: string | null } | undefined> {
  const rows = await tx.$queryRaw<{ activeTurnId: string | null }[]>`
    SELECT "activeTurnId"::text AS "activeTurnId" FROM "Session"
    WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
  return rows[0];
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

/** The expiry a session gets when it is renewed at `now`, bounded by its maximum duration. */
export function renewedExpiry(session: Session, now: Date): Date | null {
  if (session.timeoutMinutes == null) return null;
  const next = now.getTime() + session.timeoutMinutes * 60_000;
  if (session.maxDurationMinutes == null) return new Date(next);
  const hardEnd = session.createdAt.getTime() + session.maxDurationMinutes * 60_000;
  return new Date(Math.min(next, hardEnd));
}

/**
 * Prisma passes contains/startsWith values into LIKE as they are, so `_` and `%` would be
 * wildcards ("team_" matching "teamX1"); escaped, they match only themselves.
 */
export const escapeLike = (value: string) => value.replace(/[\\%_]/g, '\\$&');

/** Turns a JSON object into Prisma JSON filters meaning "metadata contains this object". */
export function metadataContains(
  value: Record<string, unknown>,
  path: string[] = [],
): Prisma.SessionWhereInput[] {
  const filters: Prisma.SessionWhereInput[] = [];
  for (const [k, v] of Object.entries(value)) {
    const p = [...path, k];
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) {
      const nested = metadataContains(v as Record<string, unknown>, p);
      filters.push(...(nested.length ? nested : [{ metadata: { path: p, not: Prisma.AnyNull } }]));
    } else if (Array.isArray(v)) {
      filters.push({ metadata: { path: p, array_contains: v as Prisma.InputJsonValue } });
    } else {
      filters.push({
        metadata: { path: p, equals: v === null ? Prisma.JsonNull : (v as Prisma.InputJsonValue) },
      });
    }
  }
  return filters;
}

/** Sessions: plain operations on the database; every one checks ownership first. */
export class SessionService {
  private readonly db: Db;
  private readonly events: EventLog;
  private readonly pubsub: AppPubSub;
  private readonly now: () => Date;

  constructor(deps: SessionServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.pubsub = deps.pubsub;
    this.now = deps.now ?? (() => new Date());
  }

  /** The session if `userId` owns it; otherwise NOT_FOUND, exactly as for a missing one. */
  async getOwned(userId: string, id: string): Promise<Session> {
    const session = await this.db.session.findFirst({ where: { id, userId } });
    if (!session) throw AppError.notFound('Session');
    return session;
  }

  async getByKey(userId: string, key: string): Promise<Session> {
    const session = await this.db.session.findUnique({ where: { userId_key: { userId, key } } });
    if (!session) throw AppError.notFound('Session');
    return session;
  }

  async resolveAgentId(agentId: string | null | undefined, field = 'agentId'): Promise<string> {
    if (agentId) {
      const agent = await this.db.agent.findUnique({
        where: { id: agentId },
        select: { id: true },
      });
      if (!agent) throw AppError.badInput(field, `${field}: no agent with this id`);
      return agent.id;
    }
    const agent =
      (await this.db.agent.findFirst({ where: { isDefault: true }, select: { id: true } })) ??
      (await this.db.agent.findFirst({ orderBy: { createdAt: 'asc' }, select: { id: true } }));
    if (!agent) throw new Error('no agent is configured (the database was not seeded)');
    return agent.id;
  }

  async create(
    userId: string,
    input: CreateSessionInput,
  ): Promise<{ session: Session; created: boolean }> {
    const title = input.title == null ? null : parseField(titleSchema, input.title, 'title');
    const key = input.key == null ? null : parseField(keySchema, input.key, 'key');
    const metadata =
      input.metadata == null ? {} : parseField(metadataSchema, input.metadata, 'metadata');
    const timeout =
      input.timeout == null ? null : parseField(timeoutSchema, input.timeout, 'timeout');
    const agentId = await this.resolveAgentId(input.agentId);
    const onExisting = async () => {
      if (input.ifKeyExists === 'RETURN' && key) {
        return { session: await this.getByKey(userId, key), created: false };
      }
      throw new AppError(ErrorCode.CONFLICT, `A session with key "${key}" already exists`, {
        field: 'key',
      });
    };
    if (key && (await this.db.session.findUnique({ where: { userId_key: { userId, key } } }))) {
      return onExisting();
    }
    const now = this.now();
    try {
      const session = await this.db.session.create({
        data: {
          userId,
          key,
          title,
          agentId,
          metadata: metadata as Prisma.InputJsonObject,
          createdAt: now,
          updatedAt: now,
          ...timeoutFields(timeout, now),
        },
      });
      this.announce(userId, session.id, 'CREATED');
      return { session, created: true };
    } catch (e) {
      if (key && isUniqueViolation(e)) return onExisting();
      throw e;
    }
  }

  async update(userId: string, id: string, input: UpdateSessionInput): Promise<Session> {
    const current = await this.getOwned(userId, id);
    // One clock reading: a new timeout runs from the same instant as updatedAt.
    const now = this.now();
    const data: Prisma.SessionUncheckedUpdateInput = { updatedAt: now };
    if (input.title !== undefined) {
      data.title = input.title === null ? null : parseField(titleSchema, input.title, 'title');
    }
    if (input.metadata !== undefined) {
      data.metadata = parseField(
        metadataSchema,
        input.metadata ?? {},
        'metadata',
      ) as Prisma.InputJsonObject;
    }
    if (input.archived != null) data.archived = input.archived;
    if (input.agentId != null) data.agentId = await this.resolveAgentId(input.agentId);
    if (input.timeout !== undefined) {
      const timeout =
        input.timeout === null ? null : parseField(timeoutSchema, input.timeout, 'timeout');
      Object.assign(data, timeoutFields(timeout, now));
      if (current.state === 'EXPIRED' && timeout) data.state = 'IDLE';
      if (!timeout && current.state === 'EXPIRED') data.state = 'IDLE';
    }
    const session = await this.db.session.update({ where: { id: current.id }, data });
    await this.announceUpdate(session);
    return session;
  }

  async rename(userId: string, id: string, title: string): Promise<Session> {
    return this.update(userId, id, { title: parseField(titleSchema, title, 'title') });
  }

  /** Pushes expiresAt by the idle timeout, within the session's maximum duration. */
  async renew(userId: string, id: string): Promise<Session> {
    const current = await this.getOwned(userId, id);
    if (current.timeoutMinutes == null) return current;
    const now = this.now();
    const expiresAt = renewedExpiry(current, now);
    if (!expiresAt || expiresAt.getTime() <= now.getTime()) {
      throw new AppError(ErrorCode.SESSION_EXPIRED, 'The session has reached its maximum duration');
    }
    const session = await this.db.session.update({
      where: { id: current.id },
      data: {
        expiresAt,
        warnedAt: null,
        updatedAt: now,
        ...(current.state === 'EXPIRED' ? { state: 'IDLE' as const } : {}),
      },
    });
    await this.announceUpdate(session);
    return session;
  }

  /** Hard delete of sessions the user owns, all or nothing; cascades to messages and turns. */
  async delete(userId: string, ids: string[]): Promise<string[]> {
    const unique = [...new Set(ids)];
    const deleted = await this.db.$transaction(async (tx) => {
      const owned = await tx.session.findMany({
        where: { id: { in: unique }, userId },
        select: { id: true, activeTurnId: true },
      });
      if (owned.length !== unique.length) throw AppError.notFound('Session');
      await tx.session.deleteMany({ where: { id: { in: unique }, userId } });
      return owned;
    });
    for (const { id, activeTurnId } of deleted) {
      if (activeTurnId) this.pubsub.publish('turn:stop', activeTurnId, { reason: 'deleted' });
      await this.events.publish(id, { type: 'SessionDeleted' });
      this.announce(userId, id, 'DELETED');
    }
    return unique;
  }

  /** Stores a message without running the agent. */
  async appendMessage(
    userId: string,
    sessionId: string,
    input: { role: MessageRole; text: string },
  ) {
    const text = parseField(messageTextSchema, input.text, 'text');
    const session = await this.getOwned(userId, sessionId);
    if (session.state === 'EXPIRED') {
      throw new AppError(ErrorCode.SESSION_EXPIRED, 'The session has expired; renew it first');
    }
    if (session.activeTurnId) {
      // The turn's answer must follow its question in the history the model sees next.
      throw turnRunning();
    }
    const now = this.now();
    const { message, session: updated } = await this.db.$transaction(async (tx) => {
      // Locked, then checked again: a sendMessage may have claimed the session meanwhile.
      const locked = await lockSession(tx, sessionId);
      if (locked?.activeTurnId) {
        throw turnRunning();
      }
      const message = await tx.message.create({
        data: {
          sessionId,
          role: input.role,
          text,
          parts: [{ type: 'text', text }],
          createdAt: now,
        },
      });
      const updated = await tx.session.update({
        where: { id: sessionId },
        data: {
          messageCount: { increment: 1 },
          lastMessageId: message.id,
          updatedAt: now,
          ...(session.autoRenew ? { expiresAt: renewedExpiry(session, now), warnedAt: null } : {}),
        },
      });
      return { message, session: updated };
    });
    await this.events.publish(sessionId, { type: 'MessageAppended', messageId: message.id });
    this.announce(userId, sessionId, 'UPDATED');
    return { message, session: updated };
  }

  /**
   * The timeout sweep: publishes SessionExpiring once a session enters its warning window, and
   * marks sessions whose expiresAt has passed EXPIRED (a running turn finishes first).
   */
  async sweepExpiry(now = this.now()): Promise<{ warned: number; expired: number }> {
    const expiring = await this.db.session.findMany({
      where: {
        warnedAt: null,
        state: { not: 'EXPIRED' },
        expiresAt: { gt: now },
        warningThresholdMinutes: { not: null },
      },
      select: { id: true, userId: true, expiresAt: true, warningThresholdMinutes: true },
      take: 500,
    });
    let warned = 0;
    for (const s of expiring) {
      const warnAt =
        (s.expiresAt as Date).getTime() - (s.warningThresholdMinutes as number) * 60_000;
      if (warnAt > now.getTime()) continue;
      const marked = await this.db.session.updateMany({
        where: { id: s.id, warnedAt: null, expiresAt: s.expiresAt },
        data: { warnedAt: now },
      });
      if (marked.count !== 1) continue;
      warned += 1;
      await this.events.publish(s.id, {
        type: 'SessionExpiring',
        expiresAt: (s.expiresAt as Date).toISOString(),
      });
    }
    const due = await this.db.session.findMany({
      where: { expiresAt: { lte: now }, state: 'IDLE' },
      select: { id: true, userId: true },
      take: 500,
    });
    let expired = 0;
    for (const s of due) {
      const marked = await this.db.session.updateMany({
        where: { id: s.id, state: 'IDLE', expiresAt: { lte: now } },
        data: { state: 'EXPIRED', updatedAt: now },
      });
      if (marked.count !== 1) continue;
      expired += 1;
      await this.announceUpdate(s);
    }
    return { warned, expired };
  }

  /** The Prisma filter for a user's sessions list. */
  listWhere(
    userId: string,
    filter: SessionFilterInput | null | undefined,
  ): Prisma.SessionWhereInput {
    const f = filter ?? {};
    const and: Prisma.SessionWhereInput[] = [{ userId }];
    if (f.archived !== null) and.push({ archived: f.archived ?? false });
    if (f.agentId) and.push({ agentId: f.agentId });
    if (f.state) and.push({ state: f.state });
    if (f.keyPrefix != null) {
      const prefix = parseField(keySchema, f.keyPrefix, 'filter.keyPrefix');
      and.push({ key: { startsWith: escapeLike(prefix) } });
    }
    if (f.search?.trim()) {
      if (f.search.length > 255)
        throw AppError.badInput('filter.search', 'filter.search: at most 255 characters');
      if (hasUnstorable(f.search))
        throw AppError.badInput('filter.search', `filter.search: ${UNSTORABLE_MESSAGE}`);
      and.push({ title: { contains: escapeLike(f.search.trim()), mode: 'insensitive' } });
    }
    if (f.metadata != null) {
      and.push(...metadataContains(parseField(metadataSchema, f.metadata, 'filter.metadata')));
    }
    if (f.updatedAfter) and.push({ updatedAt: { gt: f.updatedAfter } });
    if (f.updatedBefore) and.push({ updatedAt: { lt: f.updatedBefore } });
    return { AND: and };
  }

  /** Publishes SessionUpdated on the session and UPDATED to its owner's sessions list. */
  async announceUpdate(session: Pick<Session, 'id' | 'userId'>) {
    await this.events.publish(session.id, { type: 'SessionUpdated' });
    this.announce(session.userId, session.id, 'UPDATED');
  }

  announce(userId: string, sessionId: string, kind: SessionChangeKind) {
    this.pubsub.publish('user:sessions', userId, { kind, sessionId, at: this.now().toISOString() });
  }
}
