import { builder, viewerOf } from './builder.js';
import { decodeId } from './ids.js';
import { Message } from './message.js';
import { Session } from './session.js';
import { Turn } from './turn.js';

const IfBusy = builder.enumType('IfBusy', {
  description:
    'Double-texting: REJECT (CONFLICT, the default), ENQUEUE (the message is stored at once; its turn, QUEUED, starts when the running one ends), INTERRUPT (the running turn stops, its partial answer kept, then this one runs).',
  values: ['REJECT', 'ENQUEUE', 'INTERRUPT'] as const,
});

builder.relayMutationField(
  'sendMessage',
  {
    inputFields: (t) => ({
      sessionId: t.id({
        description: 'Omit (and sessionKey) to start a new session (agentId picks its agent).',
      }),
      sessionKey: t.string({
        description:
          "Instead of sessionId: your session with this key, created (with agentId's agent) when there is none.",
      }),
      text: t.string({ required: true, description: '1..100000 characters' }),
      clientMessageId: t.string({
        description:
          'Your id for this message: a retry with the same id returns the first result and runs nothing twice.',
      }),
      agentId: t.id(),
      ifBusy: t.field({
        type: IfBusy,
        defaultValue: 'REJECT',
        description: 'What happens while another turn runs in the session.',
      }),
    }),
  },
  {
    description:
      'Stores the user message and starts an agent turn. Returns at once with turn.status RUNNING; the answer streams on sessionEvents. CONFLICT while a turn runs. Null (with an error at its path) when this send did not happen, so aliased sends each say whether they did.',
    // Nullable: one refused alias (RATE_LIMITED, QUOTA_EXCEEDED) must not null its siblings.
    nullable: true,
    resolve: async (_root, { input }, ctx) => {
      return ctx.services.chat.sendMessage(viewerOf(ctx).id, {
        text: input.text,
        clientMessageId: input.clientMessageId,
        sessionId: input.sessionId ? decodeId('Session', input.sessionId, 'sessionId') : null,
        sessionKey: input.sessionKey,
        agentId: input.agentId ? decodeId('Agent', input.agentId, 'agentId') : null,
        ifBusy: input.ifBusy,
      });
    },
  },
  {
    outputFields: (t) => ({
      session: t.field({ type: Session, resolve: (r) => r.session }),
      userMessage: t.field({ type: Message, resolve: (r) => r.userMessage }),
      turn: t.field({ type: Turn, resolve: (r) => r.turn }),
    }),
  },
);

builder.relayMutationField(
  'stopTurn',
  {
    inputFields: (t) => ({
      sessionId: t.id({ required: true }),
      turnId: t.id({ description: 'A QUEUED turn of the session to cancel before it starts.' }),
    }),
  },
  {
    description:
      'Stops the running turn of a session, whichever server runs it: the partial answer is stored and TurnCancelled published. turn is null when nothing runs. With turnId: cancels that queued turn.',
    resolve: async (_root, { input }, ctx) => {
      const turn = await ctx.services.chat.stopTurn(
        viewerOf(ctx).id,
        decodeId('Session', input.sessionId, 'sessionId'),
        input.turnId ? decodeId('Turn', input.turnId, 'turnId') : null,
      );
      return { turn };
    },
  },
  {
    outputFields: (t) => ({
      turn: t.field({ type: Turn, nullable: true, resolve: (r) => r.turn }),
    }),
  },
);

builder.relayMutationField(
  'respondToApproval',
  {
    inputFields: (t) => ({
      turnId: t.id({ required: true }),
      toolCallId: t.string({ required: true }),
      approved: t.boolean({ required: true }),
      reason: t.string({ description: 'Told to the model when the call is denied.' }),
    }),
  },
  {
    description: 'Approves or denies a tool call of an AWAITING_APPROVAL turn, which then resumes.',
    resolve: async (_root, { input }, ctx) => {
      const turn = await ctx.services.chat.respondToApproval(viewerOf(ctx).id, {
        turnId: decodeId('Turn', input.turnId, 'turnId'),
        toolCallId: input.toolCallId,
        approved: input.approved,
        reason: input.reason,
      });
      return { turn };
    },
  },
  { outputFields: (t) => ({ turn: t.field({ type: Turn, resolve: (r) => r.turn }) }) },
);
