import { encodeGlobalID } from '@pothos/plugin-relay';
import type { StoredPart } from '../chat/parts.js';
import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { MessageRoleEnum } from './enums.js';

type PartShape =
  | { kind: 'text'; text: string }
  | { kind: 'reasoning'; text: string }
  | { kind: 'step'; step: number }
  | {
      kind: 'tool';
      toolCallId: string;
      toolName: string;
      state: ToolState;
      input: unknown;
      output: unknown;
      errorText: string | null;
    };

const toolStates = [
  'INPUT_AVAILABLE',
  'AWAITING_APPROVAL',
  'OUTPUT_AVAILABLE',
  'OUTPUT_ERROR',
  'DENIED',
] as const;
type ToolState = (typeof toolStates)[number];

/** AI SDK tool part states → the API's ToolState. */
export function toolState(part: StoredPart): ToolState {
  switch (part.state) {
    case 'approval-requested':
      return 'AWAITING_APPROVAL';
    case 'approval-responded':
      return part.approval?.approved === false ? 'DENIED' : 'INPUT_AVAILABLE';
    case 'output-available':
      return 'OUTPUT_AVAILABLE';
    case 'output-error':
      return 'OUTPUT_ERROR';
    case 'output-denied':
      return 'DENIED';
    default:
      return 'INPUT_AVAILABLE';
  }
}

/** Stored UIMessage parts → the typed parts of the API (unknown part kinds are left out). */
export function toPartShapes(parts: unknown): PartShape[] {
  const out: PartShape[] = [];
  let step = 0;
  for (const part of Array.isArray(parts) ? (parts as StoredPart[]) : []) {
    if (part.type === 'text') out.push({ kind: 'text', text: part.text ?? '' });
    else if (part.type === 'reasoning') out.push({ kind: 'reasoning', text: part.text ?? '' });
    else if (part.type === 'step-start') out.push({ kind: 'step', step: step++ });
    else if (part.type.startsWith('tool-') || part.type === 'dynamic-tool') {
      out.push({
        kind: 'tool',
        toolCallId: part.toolCallId ?? '',
        toolName: part.type === 'dynamic-tool' ? (part.toolName ?? '') : part.type.slice(5),
        state: toolState(part),
        input: part.input ?? null,
        output: part.output ?? null,
        errorText:
          part.errorText ??
          (part.state === 'output-denied' || part.approval?.approved === false
            ? (part.approval?.reason ?? 'The user denied this tool call')
            : null),
      });
    }
  }
  return out;
}

const TextPart = builder.objectRef<Extract<PartShape, { kind: 'text' }>>('TextPart').implement({
  isTypeOf: (p) => (p as PartShape).kind === 'text',
  fields: (t) => ({ text: t.exposeString('text') }),
});
const ReasoningPart = builder
  .objectRef<Extract<PartShape, { kind: 'reasoning' }>>('ReasoningPart')
  .implement({
    isTypeOf: (p) => (p as PartShape).kind === 'reasoning',
    fields: (t) => ({ text: t.exposeString('text') }),
  });
const StepStartPart = builder
  .objectRef<Extract<PartShape, { kind: 'step' }>>('StepStartPart')
  .implement({
    description: 'Start of a model step; `step` counts from 0 within the message.',
    isTypeOf: (p) => (p as PartShape).kind === 'step',
    fields: (t) => ({ step: t.exposeInt('step') }),
  });
export const ToolStateEnum = builder.enumType('ToolState', { values: toolStates });
const ToolPart = builder.objectRef<Extract<PartShape, { kind: 'tool' }>>('ToolPart').implement({
  isTypeOf: (p) => (p as PartShape).kind === 'tool',
  fields: (t) => ({
    toolCallId: t.exposeString('toolCallId'),
    toolName: t.exposeString('toolName'),
    state: t.field({ type: ToolStateEnum, resolve: (p) => p.state }),
    input: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.input }),
    output: t.field({ type: 'JSON', nullable: true, resolve: (p) => p.output }),
    errorText: t.exposeString('errorText', { nullable: true }),
  }),
});

export const MessagePart = builder.unionType('MessagePart', {
  types: [TextPart, ReasoningPart, ToolPart, StepStartPart],
});

export const Message = builder.prismaNode('Message', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id,
    AND: [ctx.services.access.message(viewerOf(ctx).id)],
  }),
  fields: (t) => ({
    role: t.expose('role', { type: MessageRoleEnum }),
    parts: t.field({ type: [MessagePart], resolve: (m) => toPartShapes(m.parts) }),
    text: t.exposeString('text'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    turn: t.relation('turn', { nullable: true }),
    author: t.relation('author', {
      nullable: true,
      description: 'Who wrote a USER message (null for the agent and for imported messages).',
    }),
    parentId: t.id({
      nullable: true,
      description: 'The message this one follows (null for the first of a session).',
      resolve: (m) => (m.parentId ? encodeGlobalID('Message', m.parentId) : null),
    }),
  }),
});

/** The key of a message's alternatives: its session and its parent. */
const siblingsKey = (m: { sessionId: string; parentId: string | null }) =>
  `${m.sessionId}:${m.parentId ?? ''}`;

builder.objectField(Message, 'siblings', (t) =>
  t.loadableGroup({
    type: Message,
    description:
      'The alternatives at this point of the conversation (the message itself, its edits or regenerations), oldest first.',
    load: (keys: string[], ctx: Context) => ctx.services.branches.siblings(keys),
    group: (m) => siblingsKey(m),
    resolve: (m) => siblingsKey(m),
  }),
);

export const MessageConnection = builder.connectionObject(
  { type: Message, name: 'MessageConnection' },
  { name: 'MessageEdge' },
);
