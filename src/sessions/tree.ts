import type { Message, Turn } from '../generated/prisma/client.js';

// A message that waited in a queue and never joined a branch (still queued, or cancelled before it
// started: a turn that started always stores an answer, however it ends) is no alternative of
// anything and has no branch through it. The rule in SQL (over a message aliased `m`) and for a loaded message, side by side.

/** A turn of the message whose id is `id` that keeps it off every branch. */
const unbranchingTurn = (id: string) => `EXISTS (
  SELECT 1 FROM "Turn" t WHERE t."userMessageId" = ${id}
    AND (t."status" = 'QUEUED' OR (t."status" = 'CANCELLED' AND t."assistantMessageId" IS NULL)))`;

export const NEVER_ON_A_BRANCH_SQL = `(m."parentId" IS NULL AND NOT m."active" AND ${unbranchingTurn('m."id"')})`;

/**
 * The same rule over a MessageSearch row aliased `x`, whose rootInactive is the message's
 * `"parentId" IS NULL AND NOT "active"` (kept by the triggers of its migration).
 */
export const NEVER_ON_A_BRANCH_SEARCH_SQL = `(x."rootInactive" AND ${unbranchingTurn('x."messageId"')})`;

export function neverOnABranch(
  message: Pick<Message, 'parentId' | 'active'>,
  turns: readonly Pick<Turn, 'status' | 'assistantMessageId'>[],
): boolean {
  return (
    message.parentId === null &&
    !message.active &&
    turns.some(
      (t) => t.status === 'QUEUED' || (t.status === 'CANCELLED' && t.assistantMessageId === null),
    )
  );
}
