import { safeValidateUIMessages, type UIMessage } from 'ai';
import type { Db } from '../db/client.js';
import { utc } from '../db/sql.js';
import { AppError } from '../errors.js';
import type { Message, MessageRole, Session } from '../generated/prisma/client.js';
import type { StorageQuota } from '../limits/quota.js';
import { hasUnstorable, messageTextSchema, parseField, UNSTORABLE_MESSAGE } from '../validation.js';
import type { CreateSessionInput, SessionService } from './service.js';

/** The most messages one import may hold. */
export const MAX_IMPORTED_MESSAGES = 1000;

const ROLE_OUT: Record<MessageRole, UIMessage['role']> = {
  USER: 'user',
  ASSISTANT: 'assistant',
  SYSTEM: 'system',
};
const ROLE_IN = { user: 'USER', assistant: 'ASSISTANT' } as const;

type StoredPart = { type: string; text?: string };
const textOf = (parts: StoredPart[]) =>
  parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('');

/** The first problem of an AI SDK validation error, as `messages.<path>: <message>`. */
function firstIssue(error: Error): { field: string; message: string } {
  const issue = (
    error.cause as { issues?: { path: PropertyKey[]; message: string; code?: string }[] }
  )?.issues?.[0];
  const field = ['messages', ...(issue?.path ?? [])].map(String).join('.');
  const message =
    issue?.code === 'invalid_union' ? 'not a valid UIMessage part' : (issue?.message ?? 'invalid');
  return { field, message: `${field}: ${message}` };
}

/**
 * Sessions as AI SDK UIMessage[] (what useChat apps hold): export the active branch, import a
 * conversation as a new session. export(import(x)) equals x but for the message ids.
 */
export class TransferService {
  constructor(private readonly deps: { db: Db; sessions: SessionService; quota: StorageQuota }) {}

  /** The active branch of one of the user's sessions, root to leaf, as UIMessage[]. */
  async export(userId: string, sessionId: string, idOf: (m: Message) => string) {
    const session = await this.deps.sessions.getVisible(userId, sessionId);
    const messages = await this.deps.db.message.findMany({
      where: { sessionId: session.id, active: true },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return messages.map(
      (m): UIMessage => ({
        id: idOf(m),
        role: ROLE_OUT[m.role],
        parts: m.parts as UIMessage['parts'],
      }),
    );
  }

  /** Validated messages of an import: BAD_USER_INPUT naming the path of the first problem. */
  private async validate(messages: unknown): Promise<UIMessage[]> {
    if (Array.isArray(messages) && messages.length > MAX_IMPORTED_MESSAGES) {
      throw AppError.badInput('messages', `messages: at most ${MAX_IMPORTED_MESSAGES} messages`);
    }
    const result = await safeValidateUIMessages({ messages });
    if (!result.success) {
      const { field, message } = firstIssue(result.error);
      throw AppError.badInput(field, message);
    }
    result.data.forEach((m, i) => {
      if (m.role === 'system') {
        // A user's own SYSTEM message would instruct the agent (as appendMessage refuses it).
        throw AppError.badInput(
          `messages.${i}.role`,
          `messages.${i}.role: system messages cannot be imported`,
        );
      }
      if (hasUnstorable(m.parts)) {
        throw AppError.badInput(
          `messages.${i}.parts`,
          `messages.${i}.parts: ${UNSTORABLE_MESSAGE}`,
        );
      }
      const text = textOf(m.parts as StoredPart[]);
      if (text.length > 0) parseField(messageTextSchema, text, `messages.${i}.parts`);
    });
    return result.data;
  }

  /** A new session holding `messages` as its one branch (no turn runs). */
  async import(
    userId: string,
    input: CreateSessionInput & { messages: unknown },
  ): Promise<Session> {
    const messages = await this.validate(input.messages);
    for (const m of messages)
      await this.deps.quota.reserve(userId, textOf(m.parts as StoredPart[]));
    const { messages: _, ...sessionInput } = input;
    const { session } = await this.deps.sessions.create(userId, {
      ...sessionInput,
      ifKeyExists: 'ERROR',
    });
    if (messages.length === 0) return session;
    const start = session.createdAt.getTime();
    // One statement: the messages chained by parentId, a millisecond apart so they keep their order.
    const [stored] = await this.deps.db.$queryRaw<Session[]>`
      WITH input AS (
        SELECT i.ord, i.role::"MessageRole" AS role, i.parts::jsonb AS parts, i.text, gen_random_uuid() AS id
        FROM unnest(${messages.map((m) => ROLE_IN[m.role as 'user' | 'assistant'])}::text[],
                    ${messages.map((m) => JSON.stringify(m.parts))}::text[],
                    ${messages.map((m) => textOf(m.parts as StoredPart[]))}::text[])
          WITH ORDINALITY AS i(role, parts, text, ord)
      ), inserted AS (
        INSERT INTO "Message" ("id", "sessionId", "role", "parts", "text", "createdAt", "parentId", "active")
        SELECT i.id, ${session.id}::uuid, i.role, i.parts, i.text,
               ${utc(new Date(start))} + (i.ord || ' milliseconds')::interval,
               (SELECT p.id FROM input p WHERE p.ord = i.ord - 1), true
        FROM input i
      )
      UPDATE "Session" SET "messageCount" = ${messages.length},
        "lastMessageId" = (SELECT id FROM input ORDER BY ord DESC LIMIT 1)
      WHERE "id" = ${session.id}::uuid
      RETURNING *`;
    await this.deps.sessions.announceUpdate(stored ?? session);
    return stored ?? session;
  }
}
