import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { AppPubSub } from '../events/pubsub.js';
import type {
  Prisma,
  Workspace,
  WorkspaceMember,
  WorkspaceRole,
} from '../generated/prisma/client.js';
import { type ConnectionArgs, keysetConnection } from '../sessions/paging.js';
import { isUuid, nameSchema, parseField } from '../validation.js';
import { personalWorkspaceOf, workspaceVisibleTo } from './access.js';

type WorkspaceQuery = { include?: Prisma.WorkspaceInclude; select?: Prisma.WorkspaceSelect };
type MemberQuery = {
  include?: Prisma.WorkspaceMemberInclude;
  select?: Prisma.WorkspaceMemberSelect;
};

export const WORKSPACE_PAGE_MAX = 100;
/** How long a workspace's member list read for sidebar notices is reused (see memberIds). */
const MEMBER_IDS_TTL_MS = 5_000;
/** At most this many member lists are kept. */
const MEMBER_IDS_CACHED = 10_000;
/** At most this many users' personal workspace ids are kept (see personalId). */
const PERSONAL_IDS_CACHED = 10_000;

const notOwner = () =>
  new AppError(ErrorCode.FORBIDDEN, 'Only an OWNER of the workspace may do this');

/** Workspaces and their members: who sees which sessions (the rule itself is in access.ts). */
export class WorkspaceService {
  /**
   * Recently read member lists, for the sidebar notices (memberIds): a turn announces its session
   * three times in a few seconds, and each would read the members again. A membership change made
   * in this process applies at once; one made in another process (several behind Redis) within
   * MEMBER_IDS_TTL_MS. Access itself is never decided from this cache.
   */
  private readonly memberLists = new Map<string, { ids: Promise<string[]>; at: number }>();
  /**
   * Users' personal workspace ids, read once: a user's personal workspace never changes (it is
   * unique per user, and no operation deletes or moves it), so every createSession without a
   * workspace would otherwise read the same row again.
   */
  private readonly personalIds = new Map<string, string>();

  constructor(private readonly deps: { db: Db; pubsub: AppPubSub }) {}

  /** The viewer's role in the workspace, or null when they are not a member. */
  async roleOf(userId: string, workspaceId: string): Promise<WorkspaceRole | null> {
    const member = await this.deps.db.workspaceMember.findUnique({
      where: { workspaceId_userId: { workspaceId, userId } },
      select: { role: true },
    });
    return member?.role ?? null;
  }

  /** The viewer's role; NOT_FOUND when they are not a member (exactly like a missing workspace). */
  async memberOf(userId: string, workspaceId: string, field = 'workspaceId') {
    const role = isUuid(workspaceId) ? await this.roleOf(userId, workspaceId) : null;
    if (!role) throw new AppError(ErrorCode.NOT_FOUND, 'Workspace not found', { field });
    return role;
  }

  /** NOT_FOUND for outsiders, FORBIDDEN for members who are not OWNERs. */
  async assertOwner(userId: string, workspaceId: string) {
    if ((await this.memberOf(userId, workspaceId)) !== 'OWNER') throw notOwner();
  }

  /**
   * The user's personal workspace, made with the user; one made by other means (a script's
   * user.create) gets it here, at its first session.
   */
  async personalId(userId: string): Promise<string> {
    const known = this.personalIds.get(userId);
    if (known) return known;
    const id = await this.readPersonalId(userId);
    if (this.personalIds.size >= PERSONAL_IDS_CACHED) this.personalIds.clear();
    this.personalIds.set(userId, id);
    return id;
  }

  private async readPersonalId(userId: string): Promise<string> {
    const { db } = this.deps;
    const find = () =>
      db.workspace.findUnique({ where: { personalOfId: userId }, select: { id: true } });
    const found = await find();
    if (found) return found.id;
    try {
      const made = await db.workspace.create({
        data: { personalOfId: userId, ...personalWorkspaceOf(userId).create },
        select: { id: true },
      });
      return made.id;
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      return (await find())?.id ?? Promise.reject(e);
    }
  }

  /** The workspaces the user is a member of. */
  async idsOf(userId: string): Promise<string[]> {
    const memberships = await this.deps.db.workspaceMember.findMany({
      where: { userId },
      select: { workspaceId: true },
    });
    return memberships.map((m) => m.workspaceId);
  }

  /** The ids of the workspace's members (whom a change of its sessions is announced to). */
  async memberIds(workspaceId: string): Promise<string[]> {
    const now = Date.now();
    const cached = this.memberLists.get(workspaceId);
    if (cached && now - cached.at < MEMBER_IDS_TTL_MS) return cached.ids;
    if (this.memberLists.size >= MEMBER_IDS_CACHED) {
      for (const [id, entry] of this.memberLists) {
        if (now - entry.at >= MEMBER_IDS_TTL_MS) this.memberLists.delete(id);
      }
      if (this.memberLists.size >= MEMBER_IDS_CACHED) this.memberLists.clear();
    }
    const ids = this.deps.db.workspaceMember
      .findMany({ where: { workspaceId }, select: { userId: true } })
      .then((members) => members.map((m) => m.userId));
    const entry = { ids, at: now };
    this.memberLists.set(workspaceId, entry);
    ids.catch(() => {
      if (this.memberLists.get(workspaceId) === entry) this.memberLists.delete(workspaceId);
    });
    return ids;
  }

  byId(userId: string, id: string, query: WorkspaceQuery = {}) {
    return this.deps.db.workspace.findFirst({
      ...query,
      where: { id, ...workspaceVisibleTo(userId) },
    });
  }

  /** The viewer's workspaces, oldest first (the personal one, made with the user, leads). */
  list(userId: string, args: ConnectionArgs, query: WorkspaceQuery = {}) {
    return keysetConnection<Workspace>({
      args,
      column: 'createdAt',
      direction: 'asc',
      order: 'workspaces',
      defaultSize: 20,
      maxSize: WORKSPACE_PAGE_MAX,
      value: (w) => w.createdAt,
      fetch: (q) =>
        this.deps.db.workspace.findMany({
          ...query,
          where: { AND: [workspaceVisibleTo(userId), q.where] },
          orderBy: q.orderBy,
          take: q.take,
        }),
    });
  }

  /** A page of the workspace's members, by the time they joined. */
  members(workspaceId: string, args: ConnectionArgs, query: MemberQuery = {}) {
    return keysetConnection<WorkspaceMember>({
      args,
      column: 'joinedAt',
      direction: 'asc',
      idField: 'userId',
      order: 'members',
      defaultSize: 20,
      maxSize: WORKSPACE_PAGE_MAX,
      value: (m) => m.joinedAt,
      fetch: (q) =>
        this.deps.db.workspaceMember.findMany({
          ...query,
          where: { AND: [{ workspaceId }, q.where] },
          orderBy: q.orderBy,
          take: q.take,
        }),
    });
  }

  /** A new shared workspace with the viewer as its OWNER. */
  create(userId: string, input: { name: string }) {
    const name = parseField(nameSchema, input.name, 'name');
    return this.deps.db.workspace.create({
      data: { name, members: { create: { userId, role: 'OWNER' } } },
    });
  }

  /** Adds a user (or changes a member's role); OWNER only. */
  async addMember(
    userId: string,
    input: { workspaceId: string; userId: string; role?: WorkspaceRole | null },
  ) {
    const { workspaceId } = input;
    await this.assertOwner(userId, workspaceId);
    const role = input.role ?? 'MEMBER';
    const exists = await this.deps.db.user.findUnique({
      where: { id: input.userId },
      select: { id: true },
    });
    if (!exists) throw new AppError(ErrorCode.NOT_FOUND, 'User not found', { field: 'userId' });
    if (input.userId === userId && role !== 'OWNER')
      await this.assertAnotherOwner(workspaceId, userId);
    await this.deps.db.workspaceMember.upsert({
      where: { workspaceId_userId: { workspaceId, userId: input.userId } },
      create: { workspaceId, userId: input.userId, role },
      update: { role },
    });
    this.memberLists.delete(workspaceId);
    return workspaceId;
  }

  /**
   * Removes a member; OWNER only. Their access ends at once: open subscriptions to the
   * workspace's sessions end too. The sessions they created stay in the workspace.
   */
  async removeMember(userId: string, input: { workspaceId: string; userId: string }) {
    const { workspaceId } = input;
    await this.assertOwner(userId, workspaceId);
    const workspace = await this.deps.db.workspace.findUniqueOrThrow({
      where: { id: workspaceId },
      select: { personalOfId: true },
    });
    if (workspace.personalOfId === input.userId) {
      throw AppError.badInput('userId', 'userId: the owner of a personal workspace stays in it');
    }
    await this.deps.db.$transaction(async (tx) => {
      const removed = await tx.workspaceMember.deleteMany({
        where: { workspaceId, userId: input.userId },
      });
      if (removed.count === 0) {
        throw new AppError(ErrorCode.NOT_FOUND, 'Member not found', { field: 'userId' });
      }
      const owners = await tx.workspaceMember.count({ where: { workspaceId, role: 'OWNER' } });
      if (owners === 0) throw lastOwner();
    });
    this.memberLists.delete(workspaceId);
    this.deps.pubsub.publish('user:revoked', input.userId, { workspaceId });
    return workspaceId;
  }

  private async assertAnotherOwner(workspaceId: string, userId: string) {
    const others = await this.deps.db.workspaceMember.count({
      where: { workspaceId, role: 'OWNER', userId: { not: userId } },
    });
    if (others === 0) throw lastOwner();
  }
}

const lastOwner = () => AppError.badInput('userId', 'userId: a workspace keeps at least one OWNER');
