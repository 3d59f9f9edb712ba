import { Prisma } from '../generated/prisma/client.js';

/** A unique constraint refused the write (P2002). */
export const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && e.code === 'P2002';

/** The row to change is gone (P2025), or a row it points to is (P2003): a concurrent delete. */
export const isMissingRecord = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError && (e.code === 'P2025' || e.code === 'P2003');
