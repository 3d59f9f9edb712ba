import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { lockSession } from '../db/locks.js';
import { AppError, ErrorCode } from '../errors.js';
import type { EventLog } from '../events/log.js';
import type { AppPubSub, SessionChangeKind } from '../events/pubsub.js';
import type { Message, MessageRole, Prisma, Session } from '../generated/prisma/client.js';
import {
  keySchema,
  messageTextSchema,
  metadataSchema,
  parseField,
  timeoutSchema,
  titleSchema,
} from '../validation.js';
import type { AgentService } from './agents.js';
import { assertNotExpired, renewalOnActivity, renewedExpiry, timeoutFields } from './expiry.js';
import { type SessionFilterInput, sessionsWhere } from './filters.js';
import { type ConnectionArgs, keysetConnection } from './paging.js';
import { neverOnABranch } from './tree.js';

export type { SessionFilterInput } from './filters.js';

export interface SessionServiceDeps {
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  agents: AgentService;
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

export interface SessionOrderInput {
  field: 'updatedAt' | 'createdAt';
  direction?: 'ASC' | 'DESC' | null;
}

/** Pothos' selection for the rows a resolver returns (nested fields load with them). */
type SessionQuery = { include?: Prisma.SessionInclude; select?: Prisma.SessionSelect };

export const SESSION_PAGE_MAX = 100;
export const MESSAGE_PAGE_MAX = 500;

const turnRunning = () =>
  new AppError(ErrorCode.CONFLICT, 'A turn is running in this session; wait for it or stop it');

/** Sessions: every query and mutation of a user's sessions; every one checks ownership first. */
export class SessionService {
  private readonly db: Db;
  private readonly events: EventLog;
  private readonly pubsub: AppPubSub;
  private readonly agents: AgentService;
  private readonly now: () => Date;

  constructor(deps: SessionServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.pubsub = deps.pubsub;
    this.agents = deps.agents;
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

  /** One of the user's sessions by id or by key (exactly one of them). */
  async find(
    userId: string,
    by: { id?: string | null; key?: string | null },
    query?: SessionQuery,
  ) {
    if ((by.id == null) === (by.key == null)) {
      throw AppError.badInput('id', 'pass exactly one of id and key');
    }
    const where =
      by.id != null ? { id: by.id, userId } : { userId, key: parseField(keySchema, by.key, 'key') };
    const session = await this.db.session.findFirst({ ...query, where });
    if (!session) throw AppError.notFound('Session');
    return session;
  }

  /**
   * The events of one of the user's sessions (sessionEvents): with `afterSeq`, the held ones after
   * it first. Numbering starts from the row's seq when this process does not number it yet.
   */
  async subscribe(userId: string, sessionId: string, afterSeq?: number | null) {
    const session = await this.getOwned(userId, sessionId);
    if (afterSeq != null && afterSeq < 0) {
      throw AppError.badInput('afterSeq', 'afterSeq must be 0 or more');
    }
    await this.events.prepare(session.id, session.eventSeq);
    return this.events.subscribe(session.id, afterSeq);
  }

  /** A message of one of the user's sessions, with its session; NOT_FOUND otherwise. */
  /**
   * One of the user's messages and its session; NOT_FOUND otherwise. With `onBranch`, a message
   * that never joined the conversation (still queued, or cancelled while queued) is refused with
   * BAD_USER_INPUT: there is no branch through it to edit, regenerate, switch to or fork.
   */
  async messageOf(
    userId: string,
    messageId: string,
    options: { onBranch?: boolean } = {},
  ): Promise<{ message: Message; session: Session }> {
    const found = await this.db.message.findFirst({
      where: { id: messageId, session: { userId } },
      include: {
        session: true,
        userTurns: {
          where: { status: { in: ['QUEUED', 'CANCELLED'] } },
          select: { status: true, assistantMessageId: true },
        },
      },
    });
    if (!found) throw AppError.notFound('Message');
    const { session, userTurns, ...message } = found;
    if (options.onBranch && neverOnABranch(message, userTurns)) {
      throw AppError.badInput(
        'messageId',
        'This message is not part of the conversation: it waits in the queue or was cancelled there',
      );
    }
    return { message, session };
  }

  /** A session by id, whoever owns it (for events already authorized), or null. */
  byId(id: string): Promise<Session | null> {
    return this.db.session.findUnique({ where: { id } });
  }

  /** A page of the user's sessions (keyset), with a lazy count of the whole filtered list. */
  async list(
    userId: string,
    options: {
      args: ConnectionArgs;
      filter?: SessionFilterInput | null;
      orderBy?: SessionOrderInput | null;
    },
    query: SessionQuery = {},
  ) {
    const where = sessionsWhere(userId, options.filter);
    const column = options.orderBy?.field ?? 'updatedAt';
    const direction = options.orderBy?.direction === 'ASC' ? 'asc' : 'desc';
    const page = await keysetConnection<Session>({
      args: options.args,
      column,
      direction,
      order: `sessions:${column}:${direction}`,
      defaultSize: 20,
      maxSize: SESSION_PAGE_MAX,
      value: (s) => s[column],
      fetch: (q) =>
        this.db.session.findMany({
          ...query,
          where: { AND: [where, q.where] },
          orderBy: q.orderBy,
          take: q.take,
        }),
    });
    return { ...page, totalCount: () => this.db.session.count({ where }) };
  }

  /** A page of the session's active branch, oldest first, by keyset on (createdAt, id). */
  messages(sessionId: string, args: ConnectionArgs) {
    return keysetConnection<Message>({
      args,
      column: 'createdAt',
      direction: 'asc',
      order: 'messages',
      defaultSize: 50,
      maxSize: MESSAGE_PAGE_MAX,
      value: (m) => m.createdAt,
      fetch: ({ where, orderBy, take }) =>
        this.db.message.findMany({
          where: { AND: [{ sessionId, active: true }, where] },
          orderBy,
          take,
        }),
    });
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
    const agentId = await this.agents.resolveId(input.agentId);
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
      const metadata = parseField(metadataSchema, input.metadata ?? {}, 'metadata');
      data.metadata = metadata as Prisma.InputJsonObject;
    }
    if (input.archived != null) data.archived = input.archived;
    if (input.agentId != null) data.agentId = await this.agents.resolveId(input.agentId);
    if (input.timeout !== undefined) {
      const timeout =
        input.timeout === null ? null : parseField(timeoutSchema, input.timeout, 'timeout');
      Object.assign(data, timeoutFields(timeout, now));
      // A new timeout, or none, lifts an expiry.
      if (current.state === 'EXPIRED') data.state = 'IDLE';
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

  /** Deletes one of the user's sessions, by id or by key (exactly one of them). */
  async deleteOne(userId: string, by: { id?: string | null; key?: string | null }) {
    const { id } = await this.find(userId, by, { select: { id: true } });
    const [deleted] = await this.delete(userId, [id]);
    return deleted as string;
  }

  /**
   * The user's session with this key, made (with `agentId`'s agent) when there is none. Concurrent
   * first calls end with one session: the unique (userId, key) refuses the others, which read it.
   */
  async getOrCreateByKey(userId: string, key: string, agentId?: string | null): Promise<Session> {
    return (await this.create(userId, { key, agentId, ifKeyExists: 'RETURN' })).session;
  }

  /** Stores a message without running the agent. */
  async appendMessage(
    userId: string,
    sessionId: string,
    input: { role: MessageRole; text: string },
  ) {
    const text = parseField(messageTextSchema, input.text, 'text');
    const session = await this.getOwned(userId, sessionId);
    const now = this.now();
    assertNotExpired(session, now);
    // The turn's answer must follow its question in the history the model sees next.
    if (session.activeTurnId) throw turnRunning();
    const { message, session: updated } = await this.db.$transaction(async (tx) => {
      // Locked, then checked again: a sendMessage may have claimed the session meanwhile.
      const locked = await lockSession(tx, sessionId);
      if (locked?.activeTurnId) throw turnRunning();
      const message = await tx.message.create({
        data: {
          sessionId,
          role: input.role,
          text,
          parts: [{ type: 'text', text }],
          createdAt: now,
          // At the end of the active branch.
          parentId: locked?.lastMessageId ?? null,
        },
      });
      const updated = await tx.session.update({
        where: { id: sessionId },
        data: {
          messageCount: { increment: 1 },
          lastMessageId: message.id,
          updatedAt: now,
          ...renewalOnActivity(session, now),
        },
      });
      return { message, session: updated };
    });
    await this.events.publish(sessionId, { type: 'MessageAppended', message });
    this.announce(userId, sessionId, 'UPDATED');
    return { message, session: updated };
  }

  /** Publishes SessionUpdated on the session and UPDATED to its owner's sessions list. */
  async announceUpdate(session: Session) {
    await this.events.publish(session.id, { type: 'SessionUpdated', session });
    this.announce(session.userId, session.id, 'UPDATED');
  }

  announce(userId: string, sessionId: string, kind: SessionChangeKind) {
    this.pubsub.publish('user:sessions', userId, { kind, sessionId, at: this.now().toISOString() });
  }
}
