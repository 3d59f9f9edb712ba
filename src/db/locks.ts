import type { Prisma } from '../generated/prisma/client.js';

/**
 * Locks a session's row for the rest of the transaction. A transaction that inserts a message
 * (its foreign key takes a share lock on the session) and then updates the session (a key update:
 * updatedAt and lastMessageId are in unique indexes) deadlocks with another one doing the same;
 * locking first makes them wait for each other instead.
 */
export async function lockSession(
  tx: Prisma.TransactionClient,
  sessionId: string,
): Promise<{ activeTurnId: string | null; lastMessageId: string | null } | undefined> {
  const rows = await tx.$queryRaw<{ activeTurnId: string | null; lastMessageId: string | null }[]>`
    SELECT "activeTurnId"::text AS "activeTurnId", "lastMessageId"::text AS "lastMessageId"
    FROM "Session" WHERE "id" = ${sessionId}::uuid FOR UPDATE`;
  return rows[0];
}
