import { encodeGlobalID } from '@pothos/plugin-relay';
import type { SessionChangePayload } from '../events/pubsub.js';
import type { SessionEvent as Event, SessionEventType } from '../events/types.js';
import { builder, viewerOf } from './builder.js';
import { decodeId } from './ids.js';
import { Message } from './message.js';
import { Session } from './session.js';
import { Turn, TurnError, Usage } from './turn.js';

type Of<T extends SessionEventType> = Extract<Event, { type: T }>;

export const SessionEvent = builder.interfaceRef<Event>('SessionEvent').implement({
  description:
    'Something that happened in a session. `seq` grows by one per event of the session, with no gaps; resubscribe with afterSeq = the last seq you saw to resume without gaps or duplicates.',
  resolveType: (event) => event.type,
  fields: (t) => ({
    seq: t.exposeInt('seq'),
    sessionId: t.id({ resolve: (e) => encodeGlobalID('Session', e.sessionId) }),
    turnId: t.id({
      nullable: true,
      resolve: (e) => ('turnId' in e ? encodeGlobalID('Turn', e.turnId) : null),
    }),
    at: t.field({ type: 'DateTime', resolve: (e) => e.at }),
  }),
});

function eventType<T extends SessionEventType>(
  name: T,
  description: string,
  fields?: Parameters<ReturnType<typeof builder.objectRef<Of<T>>>['implement']>[0]['fields'],
) {
  return builder
    .objectRef<Of<T>>(name)
    .implement({ description, interfaces: [SessionEvent], fields });
}

eventType(
  'TurnStarted',
  'A turn started: the user message is stored and the model is called.',
  (t) => ({
    turn: t.field({
      type: Turn,
      description: 'The turn as it is now (a replayed TurnStarted shows how the turn ended).',
      resolve: async (e, _a, ctx) => (await ctx.services.chat.turn(e.turnId)) ?? e.turn,
    }),
    userMessage: t.field({ type: Message, resolve: (e) => e.userMessage }),
  }),
);
eventType('TextDelta', 'The next piece of the answer text.', (t) => ({
  messageId: t.id({ resolve: (e) => encodeGlobalID('Message', e.messageId) }),
  delta: t.exposeString('delta'),
}));
eventType('ReasoningDelta', "The next piece of the model's reasoning, when it shares it.", (t) => ({
  messageId: t.id({ resolve: (e) => encodeGlobalID('Message', e.messageId) }),
  delta: t.exposeString('delta'),
}));
eventType('ToolCallStarted', 'The model began writing a tool call.', (t) => ({
  toolCallId: t.exposeString('toolCallId'),
  toolName: t.exposeString('toolName'),
}));
eventType(
  'ToolCalled',
  'A complete tool call; the tool runs next (or waits for approval).',
  (t) => ({
    toolCallId: t.exposeString('toolCallId'),
    toolName: t.exposeString('toolName'),
    input: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.input }),
  }),
);
eventType('ToolResulted', "A tool's result.", (t) => ({
  toolCallId: t.exposeString('toolCallId'),
  toolName: t.exposeString('toolName'),
  output: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.output }),
}));
eventType('ToolFailed', 'A tool call failed or was denied.', (t) => ({
  toolCallId: t.exposeString('toolCallId'),
  toolName: t.exposeString('toolName'),
  errorText: t.exposeString('errorText'),
}));
eventType(
  'ApprovalRequested',
  'A tool call waits for respondToApproval; the turn is AWAITING_APPROVAL.',
  (t) => ({
    toolCallId: t.exposeString('toolCallId'),
    toolName: t.exposeString('toolName'),
    input: t.field({ type: 'JSON', nullable: true, resolve: (e) => e.input }),
  }),
);
eventType('StepFinished', 'A model step ended (a turn has up to 5).', (t) => ({
  step: t.exposeInt('step'),
  finishReason: t.exposeString('finishReason'),
  usage: t.field({ type: Usage, resolve: (e) => e.usage }),
}));
eventType(
  'TurnFinished',
  'The turn completed; `message` is the stored assistant message.',
  (t) => ({
    turn: t.field({ type: Turn, resolve: (e) => e.turn }),
    message: t.field({ type: Message, resolve: (e) => e.message }),
  }),
);
eventType(
  'TurnFailed',
  'The turn failed (the model errored, or its server stopped); partial text is kept.',
  (t) => ({
    turn: t.field({ type: Turn, resolve: (e) => e.turn }),
    error: t.field({ type: TurnError, resolve: (e) => e.error }),
  }),
);
eventType('TurnCancelled', 'stopTurn ended the turn; `message` holds the partial answer.', (t) => ({
  turn: t.field({ type: Turn, resolve: (e) => e.turn }),
  message: t.field({ type: Message, resolve: (e) => e.message }),
}));
eventType(
  'TurnQueued',
  'A message sent with ifBusy: ENQUEUE while a turn ran: stored, its turn QUEUED until the running one ends.',
  (t) => ({ turn: t.field({ type: Turn, resolve: (e) => e.turn }) }),
);
eventType(
  'QueuedTurnCancelled',
  'stopTurn with its turnId cancelled a QUEUED turn before it started; its message stays off the conversation.',
  (t) => ({ turn: t.field({ type: Turn, resolve: (e) => e.turn }) }),
);
eventType(
  'BranchSwitched',
  'The active branch changed (editMessage, regenerate, switchBranch): reload Session.messages; it now ends at leafMessageId.',
  (t) => ({
    leafMessageId: t.id({ resolve: (e) => encodeGlobalID('Message', e.leafMessageId) }),
  }),
);
eventType('MessageAppended', 'appendMessage stored a message.', (t) => ({
  message: t.field({ type: Message, resolve: (e) => e.message }),
}));
eventType(
  'SessionUpdated',
  'The session changed: title generated, renamed, archived, renewed, …',
  (t) => ({
    session: t.field({ type: Session, resolve: (e) => e.session }),
  }),
);
eventType(
  'SessionExpiring',
  'The session expires soon (its warning threshold was reached).',
  (t) => ({
    expiresAt: t.field({ type: 'DateTime', resolve: (e) => e.expiresAt }),
  }),
);
eventType('SessionDeleted', 'The session was deleted; the subscription ends after this event.');

const SessionChangeKind = builder.enumType('SessionChangeKind', {
  values: ['CREATED', 'UPDATED', 'DELETED'] as const,
});

const SessionChange = builder.objectRef<SessionChangePayload>('SessionChange').implement({
  description: "A change to one of the viewer's sessions, for sidebars.",
  fields: (t) => ({
    kind: t.field({ type: SessionChangeKind, resolve: (c) => c.kind }),
    sessionId: t.id({ resolve: (c) => encodeGlobalID('Session', c.sessionId) }),
    session: t.field({
      type: Session,
      nullable: true,
      description: 'The session as it is now; null once deleted.',
      resolve: (c, _a, ctx) =>
        c.kind === 'DELETED' ? null : ctx.services.sessions.byId(c.sessionId),
    }),
    at: t.field({ type: 'DateTime', resolve: (c) => c.at }),
  }),
});

builder.subscriptionFields((t) => ({
  sessionEvents: t.field({
    type: SessionEvent,
    description:
      'Events of one of your sessions. With afterSeq, first replays every held event after it (at least the running turn and the last finished one), then continues live.',
    args: { sessionId: t.arg.id({ required: true }), afterSeq: t.arg.int() },
    subscribe: (_root, args, ctx) =>
      ctx.services.sessions.subscribe(
        viewerOf(ctx).id,
        decodeId('Session', args.sessionId, 'sessionId'),
        args.afterSeq,
      ),
    resolve: (event) => event,
  }),
  sessionsChanged: t.field({
    type: SessionChange,
    description:
      'Your sessions being created, updated (every message, rename, state change) and deleted.',
    subscribe: (_root, _args, ctx) => {
      return ctx.services.pubsub.subscribe('user:sessions', viewerOf(ctx).id);
    },
    resolve: (change) => change,
  }),
}));
