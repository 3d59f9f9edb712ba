import type { Prisma } from '../generated/prisma/client.js';

/**
 * Who may do what with a session: the one rule, used by every query, mutation and subscription.
 * A member of the session's workspace sees it, pages it, subscribes to it, appends and sends;
 * its creator and the workspace's OWNERs also rename, move and delete it. Anyone else gets
 * NOT_FOUND, exactly as for a missing session.
 */
export const sessionVisibleTo = (userId: string): Prisma.SessionWhereInput => ({
  workspace: { members: { some: { userId } } },
});

/** The workspaces `userId` is a member of. */
export const workspaceVisibleTo = (userId: string): Prisma.WorkspaceWhereInput => ({
  members: { some: { userId } },
});

/** Whether `userId` may rename, move or delete the (visible) session. */
export const canManage = (
  session: { userId: string },
  userId: string,
  role: 'OWNER' | 'MEMBER' | null | undefined,
) => session.userId === userId || role === 'OWNER';

/** Nested create of a new user's personal workspace, with the user as its OWNER. */
export const personalWorkspaceOf = (userId: string) => ({
  create: { name: 'Personal', members: { create: { userId, role: 'OWNER' as const } } },
});

/** The Prisma where of the access rules, for the Pothos node lookups. */
export const access = {
  session: sessionVisibleTo,
  workspace: workspaceVisibleTo,
  message: (userId: string): Prisma.MessageWhereInput => ({ session: sessionVisibleTo(userId) }),
  turn: (userId: string): Prisma.TurnWhereInput => ({ session: sessionVisibleTo(userId) }),
  project: (userId: string): Prisma.ProjectWhereInput => ({
    workspace: workspaceVisibleTo(userId),
  }),
};
