import type { Message, Session, Turn } from '../generated/prisma/client.js';

export interface UsagePayload {
  inputTokens: number | null;
  outputTokens: number | null;
  totalTokens: number | null;
}

export interface TurnError {
  code: string;
  message: string;
}

/**
 * What happened in a session; `type` names the GraphQL type that carries it. Events that name a
 * stored row carry the row as it was when the event happened (over Redis its dates arrive as ISO strings),
 * so delivering an event to any
 * number of subscribers (or replaying it) reads nothing from the database.
 */
export type SessionEventPayload =
  | { type: 'TurnStarted'; turnId: string; turn: Turn; userMessage: Message }
  | { type: 'TextDelta'; turnId: string; messageId: string; delta: string }
  | { type: 'ReasoningDelta'; turnId: string; messageId: string; delta: string }
  | { type: 'ToolCallStarted'; turnId: string; toolCallId: string; toolName: string }
  | { type: 'ToolCalled'; turnId: string; toolCallId: string; toolName: string; input: unknown }
  | { type: 'ToolResulted'; turnId: string; toolCallId: string; toolName: string; output: unknown }
  | { type: 'ToolFailed'; turnId: string; toolCallId: string; toolName: string; errorText: string }
  | {
      type: 'ApprovalRequested';
      turnId: string;
      toolCallId: string;
      toolName: string;
      input: unknown;
    }
  | {
      type: 'StepFinished';
      turnId: string;
      step: number;
      finishReason: string;
      usage: UsagePayload;
    }
  | { type: 'TurnFinished'; turnId: string; turn: Turn; message: Message }
  | { type: 'TurnFailed'; turnId: string; turn: Turn; error: TurnError }
  | { type: 'TurnCancelled'; turnId: string; turn: Turn; message: Message }
  | { type: 'TurnQueued'; turnId: string; turn: Turn }
  | { type: 'QueuedTurnCancelled'; turnId: string; turn: Turn }
  | { type: 'BranchSwitched'; leafMessageId: string }
  | { type: 'MessageAppended'; message: Message }
  | { type: 'SessionUpdated'; session: Session }
  | { type: 'SessionExpiring'; expiresAt: string }
  | { type: 'SessionDeleted' };

export type SessionEventType = SessionEventPayload['type'];

export type SessionEvent = SessionEventPayload & {
  seq: number;
  sessionId: string;
  /** ISO-8601 time the event was published. */
  at: string;
};

export type Listener = (event: SessionEvent) => void;
