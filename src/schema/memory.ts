import { queryFromInfo } from '@pothos/plugin-prisma';
import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { decodeId } from './ids.js';
import { Session } from './session.js';
import { User } from './viewer.js';

/** A memory is a `Preference` row: what the agent was asked to remember about the user. */
export const Memory = builder.prismaNode('Preference', {
  name: 'Memory',
  id: { field: 'id' },
  nullable: true,
  description:
    'Something the agent remembers about you; every session of yours sees it while memory is on.',
  findUnique: (id, ctx: Context) => ({ id, userId: viewerOf(ctx).id }),
  fields: (t) => ({
    text: t.exposeString('text'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    sourceSession: t.field({
      type: Session,
      nullable: true,
      description:
        'The session it was remembered in; null once that session is deleted or you no longer see it (left its workspace).',
      // The session with the viewer's membership of its workspace, in the memories' own query.
      select: (_args, ctx: Context, nested) => ({
        sourceSession: nested({
          include: {
            workspace: {
              select: {
                members: { where: { userId: viewerOf(ctx).id }, select: { userId: true } },
              },
            },
          },
        }),
      }),
      resolve: ({ sourceSession }) =>
        sourceSession?.workspace.members.length ? sourceSession : null,
    }),
  }),
});

const ViewerSettings = builder.objectRef<{ memoryEnabled: boolean }>('ViewerSettings').implement({
  fields: (t) => ({
    memoryEnabled: t.exposeBoolean('memoryEnabled', {
      description: 'Off: the agent neither reads nor writes your memories.',
    }),
  }),
});

builder.prismaObjectField(User, 'settings', (t) =>
  t.field({
    type: ViewerSettings,
    nullable: true,
    select: { memoryEnabled: true },
    description: 'Your settings; null on a user who is not you.',
    resolve: (user, _args, ctx) => (user.id === viewerOf(ctx).id ? user : null),
  }),
);

builder.queryField('memories', (t) =>
  t.connection(
    {
      type: Memory,
      description:
        'What the agent remembers about you, newest first; page size 1..100 (default 20).',
      resolve: (_root, args, ctx, info) => {
        const query = queryFromInfo({
          context: ctx,
          info,
          path: ['edges', 'node'],
          typeName: 'Memory',
        });
        return ctx.services.memories.list(viewerOf(ctx).id, args, query);
      },
    },
    { name: 'MemoryConnection' },
    { name: 'MemoryEdge' },
  ),
);

builder.relayMutationField(
  'deleteMemory',
  { inputFields: (t) => ({ id: t.id({ required: true }) }) },
  {
    description: 'Forgets one memory: the next turn no longer sees it.',
    resolve: async (_root, { input }, ctx) => ({
      id: await ctx.services.memories.delete(viewerOf(ctx).id, decodeId('Memory', input.id, 'id')),
    }),
  },
  {
    outputFields: (t) => ({
      deletedMemoryId: t.id({ resolve: (r) => encodeGlobalID('Memory', r.id) }),
    }),
  },
);

const ClearMemoriesPayload = builder
  .objectRef<{ deletedCount: number }>('ClearMemoriesPayload')
  .implement({ fields: (t) => ({ deletedCount: t.exposeInt('deletedCount') }) });

builder.mutationField('clearMemories', (t) =>
  t.field({
    type: ClearMemoriesPayload,
    description: 'Forgets every memory of yours.',
    resolve: async (_root, _args, ctx) => ({
      deletedCount: await ctx.services.memories.clear(viewerOf(ctx).id),
    }),
  }),
);

builder.relayMutationField(
  'updateViewerSettings',
  { inputFields: (t) => ({ memoryEnabled: t.boolean() }) },
  {
    description: 'Changes your settings; a field left out keeps its value.',
    resolve: async (_root, { input }, ctx) => {
      const userId = viewerOf(ctx).id;
      await ctx.services.memories.updateSettings(userId, input);
      return { viewer: await ctx.services.users.viewer(userId) };
    },
  },
  { outputFields: (t) => ({ viewer: t.field({ type: User, resolve: (r) => r.viewer }) }) },
);
