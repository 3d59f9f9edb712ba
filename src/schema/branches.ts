import { builder, viewerOf } from './builder.js';
import { decodeId } from './ids.js';
import { Message } from './message.js';
import { Session } from './session.js';
import { Turn } from './turn.js';

const messageId = (id: string) => decodeId('Message', id, 'messageId');

builder.relayMutationField(
  'editMessage',
  {
    inputFields: (t) => ({
      messageId: t.id({ required: true, description: 'A USER message of one of your sessions.' }),
      text: t.string({ required: true, description: '1..100000 characters' }),
    }),
  },
  {
    description:
      'A new version of a user message: stored as its sibling, it starts a new branch (which becomes the active one, BranchSwitched) and a turn answers it there. CONFLICT while a turn runs.',
    resolve: (_root, { input }, ctx) =>
      ctx.services.chat.editMessage(viewerOf(ctx).id, {
        messageId: messageId(input.messageId),
        text: input.text,
      }),
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
  'regenerate',
  {
    inputFields: (t) => ({
      messageId: t.id({
        required: true,
        description: 'An ASSISTANT message: its question is answered again.',
      }),
    }),
  },
  {
    description:
      'Answers the same question again: the new answer is a sibling of the given one, on the active branch from then on (BranchSwitched). CONFLICT while a turn runs.',
    resolve: (_root, { input }, ctx) =>
      ctx.services.chat.regenerate(viewerOf(ctx).id, { messageId: messageId(input.messageId) }),
  },
  {
    outputFields: (t) => ({
      session: t.field({ type: Session, resolve: (r) => r.session }),
      turn: t.field({ type: Turn, resolve: (r) => r.turn }),
    }),
  },
);

builder.relayMutationField(
  'switchBranch',
  { inputFields: (t) => ({ messageId: t.id({ required: true }) }) },
  {
    description:
      'Makes the branch through this message (down to its newest leaf) the active one: Session.messages and the model follow it. CONFLICT while a turn runs.',
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.branches.switchBranch(
        viewerOf(ctx).id,
        messageId(input.messageId),
      ),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'forkSession',
  {
    inputFields: (t) => ({
      messageId: t.id({ required: true, description: 'The last message the new session holds.' }),
      title: t.string({ description: 'Default: the title of the original, "(fork)" added.' }),
    }),
  },
  {
    description:
      'A new session holding copies of the conversation from its start to this message (one branch); the original is unchanged.',
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.branches.fork(viewerOf(ctx).id, {
        messageId: messageId(input.messageId),
        title: input.title,
      }),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);
