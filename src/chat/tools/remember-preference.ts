import { tool, zodSchema } from 'ai';
import { z } from 'zod';
import type { ToolContext } from './context.js';

/** Converted to JSON Schema once (zodSchema memoizes it), not on every step of every turn. */
const inputSchema = zodSchema(
  z.object({
    text: z
      .string()
      .trim()
      .min(1)
      .max(500)
      .describe('The preference as a short statement, e.g. "wears shoe size 10"'),
  }),
);

export const rememberPreference = ({ db, userId, sessionId }: ToolContext) =>
  tool({
    description:
      'Remember a lasting fact or preference about the user (sizes, favourite colours or brands, budget) ' +
      'for future conversations. Store one short statement per call.',
    inputSchema,
    execute: async ({ text }) => {
      // The user may switch memory off while a turn runs: checked again when the call comes.
      const user = await db.user.findUnique({
        where: { id: userId },
        select: { memoryEnabled: true },
      });
      if (!user?.memoryEnabled)
        throw new Error('Memory is off: the user turned it off in settings');
      await db.preference.upsert({
        where: { userId_text: { userId, text } },
        create: { userId, text, sourceSessionId: sessionId ?? null },
        update: {},
      });
      return { remembered: text };
    },
  });
