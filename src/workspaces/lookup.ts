import type { Db } from '../db/client.js';
import { AppError, ErrorCode } from '../errors.js';
import { isUuid } from '../validation.js';
import { workspaceVisibleTo } from './access.js';

const unknownProject = (field: string) =>
  new AppError(ErrorCode.NOT_FOUND, 'Project not found', { field });

/**
 * A project of one of the user's workspaces (by id, or by slug and optionally workspace);
 * NOT_FOUND naming `field` otherwise, so an outsider learns nothing about it.
 */
export async function findProject(
  db: Db,
  userId: string,
  ref: { id: string } | { slug: string; workspaceId?: string | null },
  field: string,
): Promise<{ id: string; workspaceId: string }> {
  if ('id' in ref && !isUuid(ref.id)) throw unknownProject(field);
  const project = await db.project.findFirst({
    where: {
      ...('id' in ref ? { id: ref.id } : { slug: ref.slug }),
      ...('workspaceId' in ref && ref.workspaceId ? { workspaceId: ref.workspaceId } : {}),
      workspace: workspaceVisibleTo(userId),
    },
    select: { id: true, workspaceId: true },
  });
  if (!project) throw unknownProject(field);
  return project;
}
