import { z } from 'zod';
import type { Db } from '../../db/client.js';

/** What every tool needs to act for the caller: the database and whose data it may touch. */
export interface ToolContext {
  db: Db;
  userId: string;
  /** The session the turn runs in (memories name it as their source). */
  sessionId?: string;
}

/** A product id as the model passes it (checked against the catalog by each tool). */
export const productIdSchema = (description: string) =>
  z.string().trim().min(1).max(64).describe(description);
