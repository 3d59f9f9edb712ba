import type { Context } from '../context.js';
import type { Health } from '../health.js';
import { builder, viewerOf } from './builder.js';
import { Usage } from './turn.js';

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  nullable: true,
  // Only the viewer's own user resolves through node(id:).
  findUnique: (id, ctx: Context) => ({
    id: id === viewerOf(ctx).id ? id : '00000000-0000-0000-0000-000000000000',
  }),
  fields: (t) => ({
    name: t.exposeString('name'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
  }),
});

builder.queryField('viewer', (t) =>
  t.prismaField({
    type: User,
    description: 'The user the request is authenticated as.',
    resolve: (query, _root, _args, ctx) => ctx.services.users.viewer(viewerOf(ctx).id, query),
  }),
);

const ComponentStatus = builder.enumType('ComponentStatus', { values: ['OK', 'DOWN'] as const });

const HealthType = builder.objectRef<Health>('Health').implement({
  description: 'Liveness of the server and what it runs on; needs no authentication.',
  fields: (t) => ({
    status: t.string({ description: 'OK or DEGRADED', resolve: (h) => h.status }),
    database: t.field({ type: ComponentStatus, resolve: (h) => h.database }),
    databaseKind: t.exposeString('databaseKind', { description: 'pglite (embedded) or postgres' }),
    pubsub: t.field({ type: ComponentStatus, resolve: (h) => h.pubsub }),
    pubsubKind: t.exposeString('pubsubKind', { description: 'memory (one process) or redis' }),
    model: t.exposeString('model', { description: 'The configured model: local, openai:<id>, …' }),
  }),
});

builder.queryField('health', (t) =>
  t.field({
    type: HealthType,
    skipTypeScopes: true,
    resolve: (_root, _args, ctx) => ctx.services.health.check(),
  }),
);

builder.queryField('usage', (t) =>
  t.field({
    type: Usage,
    description:
      'Tokens your turns used, summed over the turns started in [since, until) (default: all of them).',
    args: { since: t.arg({ type: 'DateTime' }), until: t.arg({ type: 'DateTime' }) },
    resolve: (_root, args, ctx) =>
      ctx.services.usage.ofUser(viewerOf(ctx).id, { since: args.since, until: args.until }),
  }),
);
