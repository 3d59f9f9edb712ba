import { AppError } from '../errors.js';
import type { SessionState, SessionStatus } from '../generated/prisma/client.js';
import { Prisma } from '../generated/prisma/client.js';
import {
  checkDateRange,
  hasUnstorable,
  keySchema,
  metadataSchema,
  parseField,
  UNSTORABLE_MESSAGE,
} from '../validation.js';

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
  workspaceId?: string | null;
  projectId?: string | null;
  /** A project's slug (in `workspaceId` when given, else in any of the viewer's workspaces). */
  projectSlug?: string | null;
  status?: SessionStatus | null;
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

function searchFilter(search: string): Prisma.SessionWhereInput {
  if (search.length > 255) {
    throw AppError.badInput('filter.search', 'filter.search: at most 255 characters');
  }
  if (hasUnstorable(search)) {
    throw AppError.badInput('filter.search', `filter.search: ${UNSTORABLE_MESSAGE}`);
  }
  return { title: { contains: escapeLike(search.trim()), mode: 'insensitive' } };
}

/**
 * The Prisma filter for a sessions list over `workspaceIds`: the viewer's workspaces (membership
 * read first, so the list is an index range scan on (workspaceId, updatedAt, id) from the cursor,
 * not a membership join over every session), or the one of `filter.workspaceId`.
 */
export function sessionsWhere(
  workspaceIds: string[],
  filter: SessionFilterInput | null | undefined,
): Prisma.SessionWhereInput {
  const f = filter ?? {};
  const and: Prisma.SessionWhereInput[] = [
    { workspaceId: workspaceIds.length === 1 ? workspaceIds[0] : { in: workspaceIds } },
  ];
  if (f.projectId) and.push({ projectId: f.projectId });
  if (f.projectSlug != null) and.push({ project: { slug: f.projectSlug } });
  if (f.status) and.push({ status: f.status });
  if (f.archived !== null) and.push({ archived: f.archived ?? false });
  if (f.agentId) and.push({ agentId: f.agentId });
  if (f.state) and.push({ state: f.state });
  if (f.keyPrefix != null) {
    const prefix = parseField(keySchema, f.keyPrefix, 'filter.keyPrefix');
    and.push({ key: { startsWith: escapeLike(prefix) } });
  }
  if (f.search?.trim()) and.push(searchFilter(f.search));
  if (f.metadata != null) {
    and.push(...metadataContains(parseField(metadataSchema, f.metadata, 'filter.metadata')));
  }
  if (f.updatedAfter) {
    and.push({ updatedAt: { gt: checkDateRange(f.updatedAfter, 'filter.updatedAfter') } });
  }
  if (f.updatedBefore) {
    and.push({ updatedAt: { lt: checkDateRange(f.updatedBefore, 'filter.updatedBefore') } });
  }
  return { AND: and };
}
