import { convertToModelMessages, type ModelMessage, type ToolSet, type UIMessage } from 'ai';
import type { Db } from '../db/client.js';
import type { Agent, Message } from '../generated/prisma/client.js';
import type { StoredPart } from './parts.js';

/** Messages of history handed to the model (the most recent ones). */
export const HISTORY_LIMIT = 200;
/** Remembered preferences in the system prompt (the most recent ones). */
export const PREFERENCES_LIMIT = 50;

export interface TurnPrompt {
  system: string;
  messages: ModelMessage[];
  /** The turn's own reply when it resumes after an approval (its parts go on from there). */
  resumedReply: Message | undefined;
}

const ROLES = { USER: 'user', ASSISTANT: 'assistant', SYSTEM: 'system' } as const;

/**
 * What the model is given for a turn: the agent's instructions and what the user asked it to
 * remember as the system prompt, and the session's recent history as model messages.
 */
export async function buildPrompt(
  db: Db,
  turn: { sessionId: string; userId: string; replyMessageId: string },
  agent: Pick<Agent, 'instructions'>,
  tools: ToolSet,
): Promise<TurnPrompt> {
  const [history, preferences] = await Promise.all([
    loadHistory(db, turn.sessionId, turn.replyMessageId),
    loadPreferences(db, turn.userId),
  ]);
  const system = [
    agent.instructions,
    preferences.length
      ? `What the user asked you to remember:\n${preferences.map((p) => `- ${p}`).join('\n')}`
      : '',
  ]
    .filter(Boolean)
    .join('\n\n');
  const uiMessages = history.messages.map((m) => ({
    id: m.id,
    role: ROLES[m.role],
    parts: m.parts as unknown as StoredPart[],
  })) as unknown as UIMessage[];
  const messages = await convertToModelMessages(uiMessages, {
    tools,
    ignoreIncompleteToolCalls: true,
  });
  return { system, messages, resumedReply: history.resumedReply };
}

/**
 * The session's latest messages, oldest first, and this turn's own reply (stored when it resumes
 * after an approval: then it is the newest message), in one query.
 */
async function loadHistory(db: Db, sessionId: string, replyMessageId: string) {
  const recent = await db.message.findMany({
    where: { sessionId },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: HISTORY_LIMIT + 1,
  });
  const resumedReply = recent.find((m) => m.id === replyMessageId);
  const messages = recent.filter((m) => m !== resumedReply).slice(0, HISTORY_LIMIT);
  messages.reverse();
  if (resumedReply) messages.push(resumedReply);
  return { messages, resumedReply };
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
