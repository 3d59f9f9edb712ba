import { Prisma } from '../generated/prisma/client.js';

/** The kind of a driver error under a raw query's P2010 ("UniqueConstraintViolation", …). */
const rawKind = (e: Prisma.PrismaClientKnownRequestError) =>
  (e.meta?.driverAdapterError as { cause?: { kind?: string } } | undefined)?.cause?.kind;

/** A unique constraint refused the write (P2002, or P2010 from a raw query). */
export const isUniqueViolation = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError &&
  (e.code === 'P2002' || (e.code === 'P2010' && rawKind(e) === 'UniqueConstraintViolation'));

/** The row to change is gone (P2025), or a row it points to is (P2003): a concurrent delete. */
export const isMissingRecord = (e: unknown) =>
  e instanceof Prisma.PrismaClientKnownRequestError &&
  (e.code === 'P2025' ||
    e.code === 'P2003' ||
    (e.code === 'P2010' && rawKind(e) === 'ForeignKeyConstraintViolation'));
