// The parts of a stored message: AI SDK UIMessage parts, as the turn runner writes them and the
// schema reads them.

/** A stored AI SDK UIMessage part (only the fields read here). */
export interface StoredPart {
  type: string;
  text?: string;
  toolCallId?: string;
  toolName?: string;
  state?: string;
  input?: unknown;
  output?: unknown;
  errorText?: string;
  approval?: { id?: string; approved?: boolean; reason?: string };
}

/** Why a tool call that had not run yet was closed. */
export const CLOSED_TOOL_CALL = {
  cancelled: 'Cancelled: the turn was stopped',
  failed: 'The turn failed before this tool ran',
  interrupted: 'Interrupted: the server stopped',
} as const;

const OPEN_TOOL_STATES = new Set(['input-available', 'approval-requested', 'approval-responded']);

/**
 * Closes the tool calls a turn left open (stopped, failed, interrupted) as errors, so that the
 * stored message is valid history for the provider. Changes the parts in place and returns them.
 */
export function closeOpenToolParts(parts: StoredPart[], reason: keyof typeof CLOSED_TOOL_CALL) {
  for (const part of parts) {
    if (part.toolCallId && part.state && OPEN_TOOL_STATES.has(part.state)) {
      part.state = 'output-error';
      part.errorText = CLOSED_TOOL_CALL[reason];
    }
  }
  return parts;
}

/** The text parts joined: Message.text. */
export const partsText = (parts: StoredPart[]) =>
  parts
    .filter((p) => p.type === 'text')
    .map((p) => p.text ?? '')
    .join('');

/** The text a plain message (USER, or an appended one) is stored with. */
export const textParts = (text: string): StoredPart[] => [{ type: 'text', text }];
