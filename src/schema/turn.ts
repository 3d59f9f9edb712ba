import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { TurnStatusEnum } from './enums.js';

export const Usage = builder
  .objectRef<{
    inputTokens: number | null;
    outputTokens: number | null;
    totalTokens: number | null;
    turns?: number;
  }>('Usage')
  .implement({
    description:
      'Tokens the model used: of one turn or step, or summed over turns (Session.usage, Query.usage).',
    fields: (t) => ({
      inputTokens: t.exposeInt('inputTokens', { nullable: true }),
      outputTokens: t.exposeInt('outputTokens', { nullable: true }),
      totalTokens: t.exposeInt('totalTokens', { nullable: true }),
      turns: t.int({
        nullable: true,
        description: 'The turns summed (null for the usage of one turn or step).',
        resolve: (u) => u.turns ?? null,
      }),
    }),
  });

export const TurnError = builder
  .objectRef<{ code: string; message: string }>('TurnError')
  .implement({
    description:
      'Why a turn failed: `code` is one of the API error codes (MODEL_ERROR, INTERNAL_SERVER_ERROR, …).',
    fields: (t) => ({ code: t.exposeString('code'), message: t.exposeString('message') }),
  });

export const Turn = builder.prismaNode('Turn', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id,
    AND: [ctx.services.access.turn(viewerOf(ctx).id)],
  }),
  fields: (t) => ({
    status: t.expose('status', { type: TurnStatusEnum }),
    userMessage: t.relation('userMessage'),
    assistantMessage: t.relation('assistantMessage', {
      nullable: true,
      description: 'Set when the turn ends (partial text on CANCELLED, FAILED and INTERRUPTED).',
    }),
    finishReason: t.exposeString('finishReason', { nullable: true }),
    error: t.field({
      type: TurnError,
      nullable: true,
      resolve: (turn) =>
        turn.errorCode
          ? { code: turn.errorCode, message: turn.errorMessage ?? turn.errorCode }
          : null,
    }),
    usage: t.field({
      type: Usage,
      nullable: true,
      resolve: (turn) =>
        turn.inputTokens == null && turn.outputTokens == null && turn.totalTokens == null
          ? null
          : {
              inputTokens: turn.inputTokens,
              outputTokens: turn.outputTokens,
              totalTokens: turn.totalTokens,
            },
    }),
    model: t.exposeString('model'),
    startedAt: t.expose('startedAt', { type: 'DateTime' }),
    finishedAt: t.expose('finishedAt', { type: 'DateTime', nullable: true }),
  }),
});
