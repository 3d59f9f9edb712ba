import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { uuid7 } from '../db/ids.js';
import { lockSession } from '../db/locks.js';
import { jsonb, utc } from '../db/sql.js';
import { AppError, ErrorCode } from '../errors.js';
import type { EventLog } from '../events/log.js';
import type { AppPubSub, SessionChangeKind } from '../events/pubsub.js';
import { RevocationWatch } from '../events/revocations.js';
import { endable } from '../events/subscription.js';
import type {
  Message,
  MessageRole,
  Prisma,
  Session,
  SessionStatus,
} from '../generated/prisma/client.js';
import {
  keySchema,
  messageTextSchema,
  metadataSchema,
  parseField,
  timeoutSchema,
  titleSchema,
} from '../validation.js';
import { canManage, sessionVisibleTo } from '../workspaces/access.js';
import { findProject } from '../workspaces/lookup.js';
import type { WorkspaceService } from '../workspaces/service.js';
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
  workspaces: WorkspaceService;
  now?: () => Date;
}

export interface CreateSessionInput {
  title?: string | null;
  key?: string | null;
  agentId?: string | null;
  metadata?: unknown;
  timeout?: unknown;
  ifKeyExists?: 'ERROR' | 'RETURN' | null;
  /** Default: the creator's personal workspace (or the project's). */
  workspaceId?: string | null;
  projectId?: string | null;
  status?: SessionStatus | null;
}

export interface UpdateSessionInput {
  title?: string | null;
  metadata?: unknown;
  archived?: boolean | null;
  agentId?: string | null;
  /** null removes the timeout; undefined leaves it. */
  timeout?: unknown;
  /** null takes the session out of its project; undefined leaves it. */
  projectId?: string | null;
  status?: SessionStatus | null;
}

/** What only the session's creator and its workspace's OWNERs may change. */
const MANAGED_FIELDS = ['title', 'metadata', 'archived', 'timeout', 'projectId'] as const;

/** A session row with the viewer's membership of its workspace. */
const withViewerRole = (userId: string) => ({
  workspace: { select: { members: { where: { userId }, select: { role: true } } } },
});

const notManager = () =>
  new AppError(
    ErrorCode.FORBIDDEN,
    "Only the session's creator and the workspace's OWNERs may rename, move or delete it",
  );

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
  private readonly workspaces: WorkspaceService;
  private readonly now: () => Date;
  /** Removals from workspaces, which end the removed member's subscriptions. */
  private readonly revocations: RevocationWatch;
  /** Announcements in the order they were made (each one first reads the members). */
  private announcing: Promise<void> = Promise.resolve();

  constructor(deps: SessionServiceDeps) {
    this.db = deps.db;
    this.events = deps.events;
    this.pubsub = deps.pubsub;
    this.agents = deps.agents;
    this.workspaces = deps.workspaces;
    this.now = deps.now ?? (() => new Date());
    this.revocations = new RevocationWatch(deps.pubsub);
  }

  /** The session if `userId` may see it (access.ts); otherwise NOT_FOUND, as for a missing one. */
  async getVisible(userId: string, id: string): Promise<Session> {
    const session = await this.db.session.findFirst({ where: { id, ...sessionVisibleTo(userId) } });
    if (!session) throw AppError.notFound('Session');
    return session;
  }

  /** The session if `userId` may rename, move or delete it; FORBIDDEN for other members. */
  async getManageable(userId: string, id: string): Promise<Session> {
    const found = await this.db.session.findFirst({
      where: { id, ...sessionVisibleTo(userId) },
      include: withViewerRole(userId),
    });
    if (!found) throw AppError.notFound('Session');
    const { workspace, ...session } = found;
    if (!canManage(session, userId, workspace.members[0]?.role)) throw notManager();
    return session;
  }

  /** One of the sessions `userId` created, by its key (keys are unique per creator). */
  async getByKey(userId: string, key: string): Promise<Session> {
    const session = await this.db.session.findFirst({
      where: { userId, key, ...sessionVisibleTo(userId) },
    });
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
    const where = {
      ...(by.id != null ? { id: by.id } : { userId, key: parseField(keySchema, by.key, 'key') }),
      ...sessionVisibleTo(userId),
    };
    const session = await this.db.session.findFirst({ ...query, where });
    if (!session) throw AppError.notFound('Session');
    return session;
  }

  /**
   * The events of one of the user's sessions (sessionEvents): with `afterSeq`, the held ones after
   * it first. Numbering starts from the row's seq when this process does not number it yet.
   */
  async subscribe(userId: string, sessionId: string, afterSeq?: number | null) {
    const session = await this.getVisible(userId, sessionId);
    if (afterSeq != null && afterSeq < 0) {
      throw AppError.badInput('afterSeq', 'afterSeq must be 0 or more');
    }
    await this.events.prepare(session.id, session.eventSeq);
    // Removed from the workspace: the subscription ends at once.
    let unwatch = () => {};
    const { iterator, end } = endable(this.events.subscribe(session.id, afterSeq), () => unwatch());
    unwatch = this.revocations.watch(userId, (workspaceId) => {
      if (workspaceId === session.workspaceId) void end();
    });
    return iterator;
  }

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
      where: { id: messageId, session: sessionVisibleTo(userId) },
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

  /** A page of the sessions the user sees (keyset), with a lazy count of the whole filtered list. */
  async list(
    userId: string,
    options: {
      args: ConnectionArgs;
      filter?: SessionFilterInput | null;
      orderBy?: SessionOrderInput | null;
    },
    query: SessionQuery = {},
  ) {
    const where = sessionsWhere(
      await this.listedWorkspaces(userId, options.filter),
      options.filter,
    );
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
    const place = await this.placeOf(userId, input);
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
    const at = now.getTime();
    const id = uuid7(at);
    const expiry = timeoutFields(timeout, now);
    // Participants join in id order when they join at once: the creator first.
    const [creatorId, agentParticipantId] = [uuid7(at), uuid7(at)].sort();
    try {
      // One statement: the session, its creator as a user participant and its agent as an agent
      // participant (Prisma's nested create takes a transaction of four).
      const [session] = await this.db.$queryRaw<Session[]>`
        WITH session AS (
          INSERT INTO "Session" ("id", "userId", "workspaceId", "projectId", "status", "key",
                                 "title", "agentId", "metadata", "createdAt", "updatedAt",
                                 "expiresAt", "timeoutMinutes", "autoRenew", "maxDurationMinutes",
                                 "warningThresholdMinutes", "warnedAt")
          VALUES (${id}::uuid, ${userId}::uuid, ${place.workspaceId}::uuid,
                  ${place.projectId}::uuid, ${input.status ?? 'ACTIVE'}::"SessionStatus", ${key},
                  ${title}, ${agentId}::uuid, ${jsonb(metadata)}, ${utc(now)}, ${utc(now)},
                  ${utc(expiry.expiresAt)}, ${expiry.timeoutMinutes}::int, ${expiry.autoRenew},
                  ${expiry.maxDurationMinutes}::int, ${expiry.warningThresholdMinutes}::int, NULL)
          RETURNING *
        ), participants AS (
          INSERT INTO "Participant" ("id", "sessionId", "kind", "userId", "agentId", "joinedAt")
          VALUES (${creatorId}::uuid, ${id}::uuid, 'USER', ${userId}::uuid, NULL, ${utc(now)}),
                 (${agentParticipantId}::uuid, ${id}::uuid, 'AGENT', NULL, ${agentId}::uuid,
                  ${utc(now)})
        )
        SELECT * FROM session`;
      if (!session) throw new Error('INSERT … RETURNING returned no session');
      this.announce(session, 'CREATED');
      return { session, created: true };
    } catch (e) {
      if (key && isUniqueViolation(e)) return onExisting();
      throw e;
    }
  }

  /**
   * Where a new session goes: its project's workspace, the given workspace (the viewer must be a
   * member), or the creator's personal workspace.
   */
  private async placeOf(
    userId: string,
    input: Pick<CreateSessionInput, 'workspaceId' | 'projectId'>,
  ): Promise<{ workspaceId: string; projectId: string | null }> {
    if (input.projectId) {
      const project = await findProject(this.db, userId, { id: input.projectId }, 'projectId');
      if (input.workspaceId && input.workspaceId !== project.workspaceId) {
        throw AppError.badInput('projectId', 'projectId: not a project of this workspace');
      }
      return { workspaceId: project.workspaceId, projectId: project.id };
    }
    if (input.workspaceId) {
      await this.workspaces.memberOf(userId, input.workspaceId);
      return { workspaceId: input.workspaceId, projectId: null };
    }
    return { workspaceId: await this.workspaces.personalId(userId), projectId: null };
  }

  /**
   * The workspaces a sessions list covers: the filter's (NOT_FOUND for one the user is not a
   * member of), else every workspace the user is a member of; NOT_FOUND for a filter naming a
   * project the user does not see.
   */
  private async listedWorkspaces(userId: string, filter: SessionFilterInput | null | undefined) {
    if (filter?.projectId) {
      await findProject(this.db, userId, { id: filter.projectId }, 'filter.projectId');
    }
    if (!filter?.workspaceId) return this.workspaces.idsOf(userId);
    await this.workspaces.memberOf(userId, filter.workspaceId, 'filter.workspaceId');
    return [filter.workspaceId];
  }

  /** Everyone in the workspace changes status and agent; the rest is for creator and OWNERs. */
  async update(userId: string, id: string, input: UpdateSessionInput): Promise<Session> {
    const managed = MANAGED_FIELDS.some((field) => input[field] !== undefined);
    const current = managed
      ? await this.getManageable(userId, id)
      : await this.getVisible(userId, id);
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
    if (input.status != null) data.status = input.status;
    if (input.projectId !== undefined) data.projectId = await this.movedTo(userId, current, input);
    if (input.agentId != null) {
      const agentId = await this.agents.resolveId(input.agentId);
      data.agentId = agentId;
      // The agent participant follows the session's agent.
      if (agentId !== current.agentId) {
        data.participants = {
          deleteMany: { kind: 'AGENT', agentId: { not: agentId } },
          upsert: {
            where: { sessionId_agentId: { sessionId: current.id, agentId } },
            create: { kind: 'AGENT', agentId, joinedAt: now },
            update: {},
          },
        };
      }
    }
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

  /** The project a session moves to (null: out of its project); one of its workspace's. */
  private async movedTo(userId: string, session: Session, input: UpdateSessionInput) {
    if (!input.projectId) return null;
    const project = await findProject(this.db, userId, { id: input.projectId }, 'projectId');
    if (project.workspaceId !== session.workspaceId) {
      throw AppError.badInput('projectId', "projectId: not a project of the session's workspace");
    }
    return project.id;
  }

  /** AWAITING_PEER → ACTIVE (any other status stays). */
  async resume(userId: string, id: string): Promise<Session> {
    const current = await this.getVisible(userId, id);
    if (current.status !== 'AWAITING_PEER') return current;
    const session = await this.db.session.update({
      where: { id: current.id },
      data: { status: 'ACTIVE', updatedAt: this.now() },
    });
    await this.announceUpdate(session);
    return session;
  }

  async rename(userId: string, id: string, title: string): Promise<Session> {
    return this.update(userId, id, { title: parseField(titleSchema, title, 'title') });
  }

  /** Pushes expiresAt by the idle timeout, within the session's maximum duration. */
  async renew(userId: string, id: string): Promise<Session> {
    const current = await this.getVisible(userId, id);
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

  /**
   * Hard delete, all or nothing: every session must be one the user may delete (NOT_FOUND for
   * one they do not see, FORBIDDEN for a member's); cascades to messages and turns. `alongside`
   * runs in the same transaction (deleteProject with its sessions).
   */
  async delete(
    userId: string,
    ids: string[],
    alongside?: (tx: Prisma.TransactionClient) => Promise<unknown>,
  ): Promise<string[]> {
    const unique = [...new Set(ids)];
    const deleted = await this.db.$transaction(async (tx) => {
      const found = await tx.session.findMany({
        where: { id: { in: unique }, ...sessionVisibleTo(userId) },
        select: {
          id: true,
          userId: true,
          workspaceId: true,
          activeTurnId: true,
          ...withViewerRole(userId),
        },
      });
      if (found.length !== unique.length) throw AppError.notFound('Session');
      if (found.some((s) => !canManage(s, userId, s.workspace.members[0]?.role))) {
        throw notManager();
      }
      await tx.session.deleteMany({ where: { id: { in: unique } } });
      await alongside?.(tx);
      return found;
    });
    for (const session of deleted) {
      const { id, activeTurnId } = session;
      if (activeTurnId) this.pubsub.publish('turn:stop', activeTurnId, { reason: 'deleted' });
      await this.events.publish(id, { type: 'SessionDeleted' });
      this.announce(session, 'DELETED');
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
    const session = await this.getVisible(userId, sessionId);
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
          authorId: input.role === 'USER' ? userId : null,
          createdAt: now,
          // At the end of the active branch.
          parentId: locked?.lastMessageId ?? null,
        },
      });
      if (input.role === 'USER') {
        await tx.participant.createMany({
          data: [{ sessionId, kind: 'USER', userId, joinedAt: now }],
          skipDuplicates: true,
        });
      }
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
    this.announce(updated, 'UPDATED');
    return { message, session: updated };
  }

  /** Publishes SessionUpdated on the session and UPDATED to its workspace's sessions lists. */
  async announceUpdate(session: Session) {
    await this.events.publish(session.id, { type: 'SessionUpdated', session });
    this.announce(session, 'UPDATED');
  }

  /** sessionsChanged of every member of the session's workspace, in the order of the calls. */
  announce(session: { id: string; workspaceId: string }, kind: SessionChangeKind) {
    const change = { kind, sessionId: session.id, at: this.now().toISOString() };
    this.announcing = this.announcing
      .then(async () => {
        for (const userId of await this.workspaces.memberIds(session.workspaceId)) {
          this.pubsub.publish('user:sessions', userId, change);
        }
      })
      // A sidebar notice is best effort: a database gone at shutdown must not end the process.
      .catch(() => undefined);
  }

  /** Resolves once every announcement made so far is published. */
  announced(): Promise<void> {
    return this.announcing;
  }
}
