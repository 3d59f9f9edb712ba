import {
  type LanguageModel,
  type LanguageModelUsage,
  type ModelMessage,
  stepCountIs,
  streamText,
  type TextStreamPart,
  type ToolSet,
} from 'ai';
import type { SessionEventPayload, TurnError, UsagePayload } from '../events/types.js';
import { closeOpenToolParts, type StoredPart } from './parts.js';

export const MAX_STEPS = 5;

export type TurnOutcomeStatus = 'COMPLETED' | 'CANCELLED' | 'FAILED' | 'AWAITING_APPROVAL';

export interface TurnOutcome {
  status: TurnOutcomeStatus;
  /** The assistant message's UIMessage parts (partial on CANCELLED and FAILED). */
  parts: StoredPart[];
  finishReason: string | null;
  usage: UsagePayload;
  error?: TurnError;
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
  /** The AI SDK's spans for the model calls (tracing on); prompts and answers are not recorded. */
  telemetry?: boolean;
}

export const NO_USAGE: UsagePayload = { inputTokens: null, outputTokens: null, totalTokens: null };

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
  const turn = new TurnAssembler(options);
  let failure: unknown;
  const result = streamText({
    model: options.model,
    system: options.system,
    messages: options.messages,
    tools: options.tools,
    stopWhen: stepCountIs(options.maxSteps ?? MAX_STEPS),
    abortSignal: options.signal,
    maxRetries: 1,
    onError: () => {}, // errors arrive as 'error' parts below
    experimental_telemetry: {
      isEnabled: options.telemetry ?? false,
      functionId: 'chat.turn',
      recordInputs: false,
      recordOutputs: false,
    },
  });
  try {
    for await (const part of result.fullStream) {
      if (part.type === 'error') failure = part.error;
      else turn.apply(part);
    }
  } catch (error) {
    if (!options.signal.aborted) failure = error;
  }
  const { parts, usage, finishReason } = turn;
  if (options.signal.aborted || turn.aborted) {
    closeOpenToolParts(parts, 'cancelled');
    return { status: 'CANCELLED', parts, finishReason: 'cancelled', usage };
  }
  if (failure) {
    closeOpenToolParts(parts, 'failed');
    options.onError?.(failure);
    const error = { code: 'MODEL_ERROR', message: modelErrorMessage(failure) };
    return { status: 'FAILED', parts, finishReason: 'error', usage, error };
  }
  if (turn.awaitingApproval()) {
    return { status: 'AWAITING_APPROVAL', parts, finishReason, usage, approvals: turn.approvals };
  }
  return { status: 'COMPLETED', parts, finishReason, usage };
}

/**
 * Builds the assistant message's parts from streamText's full stream and emits the turn's events
 * as they happen.
 */
class TurnAssembler {
  readonly parts: StoredPart[];
  readonly approvals: SessionEventPayload[] = [];
  usage: UsagePayload = NO_USAGE;
  finishReason: string | null = null;
  aborted = false;
  private readonly toolParts = new Map<string, StoredPart>();
  private step: number;
  private text: StoredPart | undefined;
  private reasoning: StoredPart | undefined;

  constructor(private readonly options: RunTurnOptions) {
    this.parts = [...(options.parts ?? [])];
    for (const p of this.parts) if (p.toolCallId) this.toolParts.set(p.toolCallId, p);
    this.step = this.parts.filter((p) => p.type === 'step-start').length - 1;
  }

  private emit(event: SessionEventPayload) {
    this.options.emit(event);
  }

  awaitingApproval(): boolean {
    return (
      this.approvals.length > 0 &&
      [...this.toolParts.values()].some((p) => p.state === 'approval-requested')
    );
  }

  apply(part: TextStreamPart<ToolSet>): void {
    switch (part.type) {
      case 'start-step':
        this.startStep();
        break;
      case 'text-start':
      case 'reasoning-start':
        this.startText(part.type === 'text-start' ? 'text' : 'reasoning');
        break;
      case 'text-delta':
      case 'reasoning-delta':
        this.delta(part.type === 'text-delta' ? 'text' : 'reasoning', part.text);
        break;
      case 'tool-input-start':
        this.emit({
          type: 'ToolCallStarted',
          ...this.ids(),
          toolCallId: part.id,
          toolName: part.toolName,
        });
        break;
      case 'tool-call':
        this.toolCall(part.toolCallId, part.toolName, part.input);
        break;
      case 'tool-approval-request':
        this.approvalRequest(part.approvalId, part.toolCall);
        break;
      case 'tool-result':
        this.toolEnd(part.toolCallId, part.toolName, { output: part.output });
        break;
      case 'tool-error': {
        const errorText = part.error instanceof Error ? part.error.message : String(part.error);
        this.toolEnd(part.toolCallId, part.toolName, { errorText });
        break;
      }
      case 'tool-output-denied':
        this.toolEnd(part.toolCallId, part.toolName, { denied: true });
        break;
      case 'finish-step':
        this.finishStep(part.finishReason, part.usage);
        break;
      case 'finish':
        this.finishReason = part.finishReason;
        break;
      case 'abort':
        this.aborted = true;
        break;
    }
  }

  private ids() {
    return { turnId: this.options.turnId };
  }

  private startText(kind: 'text' | 'reasoning') {
    this[kind] = this.push({ type: kind, text: '' });
  }

  private delta(kind: 'text' | 'reasoning', delta: string) {
    const part = this[kind] ?? this.push({ type: kind, text: '' });
    this[kind] = part;
    part.text += delta;
    const { turnId, messageId } = this.options;
    const type = kind === 'text' ? 'TextDelta' : 'ReasoningDelta';
    this.emit({ type, turnId, messageId, delta });
  }

  private push(part: StoredPart): StoredPart {
    this.parts.push(part);
    return part;
  }

  private startStep() {
    this.step += 1;
    this.parts.push({ type: 'step-start' });
    this.text = undefined;
    this.reasoning = undefined;
    this.options.onStep?.(this.parts);
  }

  private toolCall(toolCallId: string, toolName: string, input: unknown) {
    const part = this.push({
      type: `tool-${toolName}`,
      toolCallId,
      state: 'input-available',
      input,
    });
    this.toolParts.set(toolCallId, part);
    const { turnId } = this.options;
    this.emit({ type: 'ToolCalled', turnId, toolCallId, toolName, input: input ?? null });
  }

  private approvalRequest(
    approvalId: string,
    call: { toolCallId: string; toolName: string; input: unknown },
  ) {
    const part = this.toolParts.get(call.toolCallId);
    if (part) {
      part.state = 'approval-requested';
      part.approval = { id: approvalId };
    }
    this.approvals.push({
      type: 'ApprovalRequested',
      turnId: this.options.turnId,
      toolCallId: call.toolCallId,
      toolName: call.toolName,
      input: call.input ?? null,
    });
  }

  /** A tool call ended: with its output, with an error, or denied by the user. */
  private toolEnd(
    toolCallId: string,
    toolName: string,
    end: { output: unknown } | { errorText: string } | { denied: true },
  ) {
    const part = this.toolParts.get(toolCallId);
    const { turnId } = this.options;
    if ('output' in end) {
      if (part) Object.assign(part, { state: 'output-available', output: end.output });
      const output = end.output ?? null;
      return this.emit({ type: 'ToolResulted', turnId, toolCallId, toolName, output });
    }
    const errorText =
      'errorText' in end
        ? end.errorText
        : (part?.approval?.reason ?? 'The user denied this tool call');
    if (part && 'errorText' in end) Object.assign(part, { state: 'output-error', errorText });
    if (part && 'denied' in end) part.state = 'output-denied';
    this.emit({ type: 'ToolFailed', turnId, toolCallId, toolName, errorText });
  }

  private finishStep(finishReason: string, usage: LanguageModelUsage) {
    this.usage = addUsage(this.usage, usage);
    this.finishReason = finishReason;
    const { turnId } = this.options;
    const step = this.step;
    this.emit({
      type: 'StepFinished',
      turnId,
      step,
      finishReason,
      usage: addUsage(NO_USAGE, usage),
    });
    this.options.onStep?.(this.parts);
  }
}
