import type { Db } from '../../db/client.js';

/** What every tool needs to act for the caller: the database and whose data it may touch. */
export interface ToolContext {
  db: Db;
  userId: string;
}
