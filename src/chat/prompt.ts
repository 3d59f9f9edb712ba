import { convertToModelMessages, type ModelMessage, type ToolSet, type UIMessage } from 'ai';
import type { Db } from '../db/client.js';
import type { Agent, Message } from '../generated/prisma/client.js';

/** Messages of history handed to the model (the most recent ones). */
export const HISTORY_LIMIT = 200;
/** Remembered preferences in the system prompt (the most recent ones). */
export const PREFERENCES_LIMIT = 50;

export interface TurnPrompt {
  system: string;
  messages: ModelMessage[];
  /** The agent's tools for this turn (without the memory tools while the user's memory is off). */
  tools: ToolSet;
  /** The turn's own reply when it resumes after an approval (its parts go on from there). */
  resumedReply: Pick<Message, 'id' | 'parts'> | undefined;
}

const ROLES = { USER: 'user', ASSISTANT: 'assistant', SYSTEM: 'system' } as const;

/**
 * What the model is given for a turn: the agent's instructions and what the user asked it to
 * remember as the system prompt, the session's recent history as model messages, and the tools.
 * While the user's memory is off, neither memories nor memory tools are given.
 */
export async function buildPrompt(
  db: Db,
  turn: { sessionId: string; userId: string; replyMessageId: string },
  agent: Pick<Agent, 'instructions'>,
  toolsFor: (options: { memory: boolean }) => ToolSet,
): Promise<TurnPrompt> {
  const { recent, preferences, memory } = await loadContext(db, turn.sessionId, turn.userId);
  const tools = toolsFor({ memory });
  // The turn's own reply exists when it resumes after an approval: then it is the newest message.
  const resumedReply = recent.find((m) => m.id === turn.replyMessageId);
  const history = recent.filter((m) => m !== resumedReply).slice(-HISTORY_LIMIT);
  if (resumedReply) history.push(resumedReply);
  const system = [
    agent.instructions,
    preferences.length
      ? `What the user asked you to remember:\n${preferences.map((p) => `- ${p}`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const uiMessages = history.map((m) => ({
    id: m.id,
    role: ROLES[m.role],
    parts: m.parts,
  })) as unknown as UIMessage[];
  const messages = await convertToModelMessages(uiMessages, {
    tools,
    ignoreIncompleteToolCalls: true,
  });
  return { system, messages, tools, resumedReply };
}

type HistoryMessage = Pick<Message, 'id' | 'role' | 'parts'>;

/**
 * In one statement: the session's latest messages (one more than the history takes, for a resumed
 * reply), whether the user's memory is on, and then the user's latest memories, oldest first.
 */
async function loadContext(db: Db, sessionId: string, userId: string) {
  const [row] = await db.$queryRaw<
    { recent: HistoryMessage[]; preferences: string[]; memory: boolean | null }[]
  >`
    SELECT
      (SELECT "memoryEnabled" FROM "User" WHERE "id" = ${userId}::uuid) AS memory,
      (SELECT coalesce(json_agg(json_build_object('id', m."id", 'role', m."role", 'parts', m."parts")
                                ORDER BY m."createdAt", m."id"), '[]')
       FROM (SELECT "id", "role", "parts", "createdAt" FROM "Message"
             WHERE "sessionId" = ${sessionId}::uuid AND "active"
             ORDER BY "createdAt" DESC, "id" DESC LIMIT ${HISTORY_LIMIT + 1}) AS m) AS recent,
      (SELECT coalesce(json_agg(p."text" ORDER BY p."createdAt", p."id"), '[]')
       FROM (SELECT "text", "createdAt", "id" FROM "Preference"
             WHERE "userId" = ${userId}::uuid
               AND (SELECT "memoryEnabled" FROM "User" WHERE "id" = ${userId}::uuid)
             ORDER BY "createdAt" DESC, "id" DESC LIMIT ${PREFERENCES_LIMIT}) AS p) AS preferences`;
  return {
    recent: row?.recent ?? [],
    preferences: row?.preferences ?? [],
    memory: row?.memory ?? false,
  };
}

/** The user's remembered preferences: the latest ones, oldest first. */
export async function loadPreferences(db: Db, userId: string): Promise<string[]> {
  const rows = await db.preference.findMany({
    where: { userId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: PREFERENCES_LIMIT,
    select: { text: true },
  });
  return rows.reverse().map((r) => r.text);
}
