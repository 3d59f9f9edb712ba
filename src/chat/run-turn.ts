import {
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  stepCountIs,
  streamText,
  type ToolSet,
} from 'ai';
import type { StoredPart } from '../schema/message.js';
import type { SessionEventPayload, UsagePayload } from './events.js';

export const MAX_STEPS = 5;

export type TurnOutcomeStatus = 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'AWAITING_APPROVAL';

export interface TurnOutcome {
  status: TurnOutcomeStatus;
  /** The assistant message's UIMessage parts (partial on CANCELLED and FAILED). */
  parts: StoredPart[];
  finishReason: string | null;
  usage: UsagePayload;
  error?: { code: string; message: string };
  /**
   * ApprovalRequested events of an AWAITING_APPROVAL turn: the caller publishes them once the turn
   * is stored as waiting, so that a client answering one at once is not refused.
   */
  approvals?: SessionEventPayload[];
}

export interface RunTurnOptions {
  model: LanguageModel;
  system: string;
  messages: ModelMessage[];
  tools: ToolSet;
  signal: AbortSignal;
  turnId: string;
  /** The assistant message the deltas belong to. */
  messageId: string;
  /** Parts already in the assistant message (a turn resumed after an approval). */
  parts?: StoredPart[];
  /** Receives every event of the turn, in order, as it happens. */
  emit: (event: SessionEventPayload) => void;
  /**
   * Called with the parts whenever a step starts or ends (for checkpoints). It is the live array:
   * the text of the current step grows in it as it streams, so a checkpoint between two step ends
   * keeps the partial answer.
   */
  onStep?: (parts: StoredPart[]) => void;
  maxSteps?: number;
  /** Logs what the client must not see (provider error details). */
  onError?: (error: unknown) => void;
}

const addUsage = (a: UsagePayload, b: LanguageModelUsage | undefined): UsagePayload => {
  const sum = (x: number | null, y: number | undefined) => (y == null ? x : (x ?? 0) + y);
  return {
    inputTokens: sum(a.inputTokens, b?.inputTokens),
    outputTokens: sum(a.outputTokens, b?.outputTokens),
    totalTokens: sum(a.totalTokens, b?.totalTokens),
  };
};

/** A message for the client that names the failure without internal detail. */
function modelErrorMessage(error: unknown): string {
  const e = error as { name?: string; statusCode?: number } | undefined;
  if (e?.statusCode) return `The model call failed (HTTP ${e.statusCode})`;
  if (e?.name === 'AI_RetryError') return 'The model call failed after retries';
  return 'The model call failed';
}

/**
 * One agent turn: the AI SDK tool loop (at most 5 steps) over the given history. Every text delta,
 * tool call and step end is emitted as it streams; the parts are assembled in AI SDK UIMessage
 * shape so the stored message is valid history for the next turn, even when the turn is stopped.
 */
export async function runTurn(options: RunTurnOptions): Promise<TurnOutcome> {
  const { turnId, messageId, emit } = options;
  const parts: StoredPart[] = [...(options.parts ?? [])];
  const toolParts = new Map<string, StoredPart>();
  for (const p of parts) if (p.toolCallId) toolParts.set(p.toolCallId, p);
  let usage: UsagePayload = { inputTokens: null, outputTokens: null, totalTokens: null };
  let finishReason: string | null = null;
  let step = parts.filter((p) => p.type === 'step-start').length - 1;
  let text: StoredPart | undefined;
  let reasoning: StoredPart | undefined;
  let failure: unknown;
  let aborted = false;
  let awaitingApproval = false;
  const approvals: SessionEventPayload[] = [];

  const result = streamText({
    model: options.model,
    system: options.system,
    messages: options.messages,
    tools: options.tools,
    stopWhen: stepCountIs(options.maxSteps ?? MAX_STEPS),
    abortSignal: options.signal,
    maxRetries: 1,
    onError: () => {}, // errors arrive as 'error' parts below
  });

  try {
    for await (const part of result.fullStream) {
      switch (part.type) {
        case 'start-step':
          step += 1;
          parts.push({ type: 'step-start' });
          text = undefined;
          reasoning = undefined;
          options.onStep?.(parts);
          break;
        case 'text-start':
          text = { type: 'text', text: '' };
          parts.push(text);
          break;
        case 'text-delta':
          if (!text) {
            text = { type: 'text', text: '' };
            parts.push(text);
          }
          text.text += part.text;
          emit({ type: 'TextDelta', turnId, messageId, delta: part.text });
          break;
        case 'reasoning-start':
          reasoning = { type: 'reasoning', text: '' };
          parts.push(reasoning);
          break;
        case 'reasoning-delta':
          if (!reasoning) {
            reasoning = { type: 'reasoning', text: '' };
            parts.push(reasoning);
          }
          reasoning.text += part.text;
          emit({ type: 'ReasoningDelta', turnId, messageId, delta: part.text });
          break;
        case 'tool-input-start':
          emit({ type: 'ToolCallStarted', turnId, toolCallId: part.id, toolName: part.toolName });
          break;
        case 'tool-call': {
          const toolPart: StoredPart = {
            type: `tool-${part.toolName}`,
            toolCallId: part.toolCallId,
            state: 'input-available',
            input: part.input,
          };
          toolParts.set(part.toolCallId, toolPart);
          parts.push(toolPart);
          emit({
            type: 'ToolCalled',
            turnId,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            input: part.input ?? null,
          });
          break;
        }
        case 'tool-approval-request': {
          const toolPart = toolParts.get(part.toolCall.toolCallId);
          if (toolPart) {
            toolPart.state = 'approval-requested';
            toolPart.approval = { id: part.approvalId };
          }
          awaitingApproval = true;
          approvals.push({
            type: 'ApprovalRequested',
            turnId,
            toolCallId: part.toolCall.toolCallId,
            toolName: part.toolCall.toolName,
            input: part.toolCall.input ?? null,
          });
          break;
        }
        case 'tool-result': {
          const toolPart = toolParts.get(part.toolCallId);
          if (toolPart) {
            toolPart.state = 'output-available';
            toolPart.output = part.output;
          }
          emit({
            type: 'ToolResulted',
            turnId,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            output: part.output ?? null,
          });
          break;
        }
        case 'tool-error': {
          const errorText = part.error instanceof Error ? part.error.message : String(part.error);
          const toolPart = toolParts.get(part.toolCallId);
          if (toolPart) {
            toolPart.state = 'output-error';
            toolPart.errorText = errorText;
          }
          emit({
            type: 'ToolFailed',
            turnId,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            errorText,
          });
          break;
        }
        case 'tool-output-denied': {
          const toolPart = toolParts.get(part.toolCallId);
          if (toolPart) toolPart.state = 'output-denied';
          emit({
            type: 'ToolFailed',
            turnId,
            toolCallId: part.toolCallId,
            toolName: part.toolName,
            errorText: toolPart?.approval?.reason ?? 'The user denied this tool call',
          });
          break;
        }
        case 'finish-step':
          usage = addUsage(usage, part.usage);
          finishReason = part.finishReason;
          emit({
            type: 'StepFinished',
            turnId,
            step,
            finishReason: part.finishReason,
            usage: addUsage(
              { inputTokens: null, outputTokens: null, totalTokens: null },
              part.usage,
            ),
          });
          options.onStep?.(parts);
          break;
        case 'finish':
          finishReason = part.finishReason;
          break;
        case 'abort':
          aborted = true;
          break;
        case 'error':
          failure = part.error;
          break;
      }
    }
  } catch (error) {
    if (options.signal.aborted) aborted = true;
    else failure = error;
  }
  if (options.signal.aborted) aborted = true;

  if (aborted || failure) {
    // Close what the model left open, so the stored message is valid history for the provider.
    for (const p of toolParts.values()) {
      if (p.state === 'input-available' || p.state === 'approval-requested') {
        p.state = 'output-error';
        p.errorText = aborted
          ? 'Cancelled: the turn was stopped'
          : 'The turn failed before this tool ran';
      }
    }
  }
  if (aborted) return { status: 'CANCELLED', parts, finishReason: 'cancelled', usage };
  if (failure) {
    options.onError?.(failure);
    return {
      status: 'FAILED',
      parts,
      finishReason: 'error',
      usage,
      error: { code: 'MODEL_ERROR', message: modelErrorMessage(failure) },
    };
  }
  const pending = [...toolParts.values()].some((p) => p.state === 'approval-requested');
  if (awaitingApproval && pending) {
    return { status: 'AWAITING_APPROVAL', parts, finishReason, usage, approvals };
  }
  return { status: 'COMPLETED', parts, finishReason, usage };
}

/** The text parts joined: Message.text. */
export const partsText = (parts: StoredPart[]) =>
  parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('');
