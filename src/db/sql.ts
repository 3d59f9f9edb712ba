import { Prisma } from '../generated/prisma/client.js';

/**
 * A timestamp for a raw statement, as Prisma stores DateTime: UTC in a `timestamp(3)` column
 * (without a time zone), whatever the server's TimeZone setting.
 */
export const utc = (date: Date | null) =>
  date == null
    ? Prisma.sql`NULL`
    : Prisma.sql`(${date.toISOString()}::timestamptz AT TIME ZONE 'UTC')`;

/** JSON for a jsonb column of a raw statement. */
export const jsonb = (value: unknown) => Prisma.sql`${JSON.stringify(value)}::jsonb`;
