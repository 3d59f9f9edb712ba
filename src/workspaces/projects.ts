import type { Db } from '../db/client.js';
import { isUniqueViolation } from '../db/errors.js';
import { AppError, ErrorCode } from '../errors.js';
import type { Prisma, Project } from '../generated/prisma/client.js';
import { type ConnectionArgs, keysetConnection } from '../sessions/paging.js';
import type { SessionService } from '../sessions/service.js';
import { nameSchema, parseField, slugSchema } from '../validation.js';
import { workspaceVisibleTo } from './access.js';
import { findProject } from './lookup.js';

type ProjectQuery = { include?: Prisma.ProjectInclude; select?: Prisma.ProjectSelect };

export const PROJECT_PAGE_MAX = 100;

const slugTaken = (slug: string) =>
  new AppError(ErrorCode.CONFLICT, `A project with slug "${slug}" already exists here`, {
    field: 'slug',
  });

/** Projects: named groups of a workspace's sessions; every member may create and rename them. */
export class ProjectService {
  constructor(private readonly deps: { db: Db; sessions: SessionService }) {}

  /** The projects of one of the viewer's workspaces (all of them without one), oldest first. */
  list(
    userId: string,
    options: { workspaceId?: string | null; args: ConnectionArgs },
    query: ProjectQuery = {},
  ) {
    const where: Prisma.ProjectWhereInput = {
      workspace: workspaceVisibleTo(userId),
      ...(options.workspaceId ? { workspaceId: options.workspaceId } : {}),
    };
    return keysetConnection<Project>({
      args: options.args,
      column: 'createdAt',
      direction: 'asc',
      order: 'projects',
      defaultSize: 20,
      maxSize: PROJECT_PAGE_MAX,
      value: (p) => p.createdAt,
      fetch: (q) =>
        this.deps.db.project.findMany({
          ...query,
          where: { AND: [where, q.where] },
          orderBy: q.orderBy,
          take: q.take,
        }),
    });
  }

  async create(
    userId: string,
    input: { workspaceId: string; name: string; slug: string },
    query: ProjectQuery = {},
  ) {
    const name = parseField(nameSchema, input.name, 'name');
    const slug = parseField(slugSchema, input.slug, 'slug');
    const member = await this.deps.db.workspace.findFirst({
      where: { id: input.workspaceId, ...workspaceVisibleTo(userId) },
      select: { id: true },
    });
    if (!member) {
      throw new AppError(ErrorCode.NOT_FOUND, 'Workspace not found', { field: 'workspaceId' });
    }
    try {
      return await this.deps.db.project.create({
        ...query,
        data: { workspaceId: input.workspaceId, name, slug },
      });
    } catch (e) {
      if (isUniqueViolation(e)) throw slugTaken(slug);
      throw e;
    }
  }

  async rename(userId: string, input: { id: string; name: string }, query: ProjectQuery = {}) {
    const name = parseField(nameSchema, input.name, 'name');
    const project = await findProject(this.deps.db, userId, { id: input.id }, 'id');
    return this.deps.db.project.update({
      ...query,
      where: { id: project.id },
      data: { name, updatedAt: new Date() },
    });
  }

  /**
   * Deletes a project. Its sessions leave the project, or with `deleteSessions` are deleted with
   * it: all or nothing, and only when the viewer may delete every one of them.
   */
  async delete(userId: string, input: { id: string; deleteSessions?: boolean | null }) {
    const { db, sessions } = this.deps;
    const project = await findProject(db, userId, { id: input.id }, 'id');
    const remove = (tx: Prisma.TransactionClient) =>
      tx.project.delete({ where: { id: project.id } });
    if (!input.deleteSessions) {
      await remove(db);
      return project.id;
    }
    const ids = await db.session.findMany({
      where: { projectId: project.id },
      select: { id: true },
    });
    if (ids.length === 0) await remove(db);
    else
      await sessions.delete(
        userId,
        ids.map((s) => s.id),
        remove,
      );
    return project.id;
  }
}
