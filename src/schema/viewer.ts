import { type Context, requireViewer } from '../context.js';
import { builder } from './builder.js';

export const User = builder.prismaNode('User', {
  id: { field: 'id' },
  nullable: true,
  // Only the viewer's own user resolves through node(id:).
  findUnique: (id, ctx: Context) => ({
    id: id === requireViewer(ctx).id ? id : '00000000-0000-0000-0000-000000000000',
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
    resolve: async (query, _root, _args, ctx) =>
      ctx.db.user.findUniqueOrThrow({ ...query, where: { id: requireViewer(ctx).id } }),
  }),
);

const ComponentStatus = builder.enumType('ComponentStatus', { values: ['OK', 'DOWN'] as const });

interface HealthShape {
  status: 'OK' | 'DEGRADED';
  database: 'OK' | 'DOWN';
  databaseKind: string;
  pubsub: 'OK' | 'DOWN';
  pubsubKind: string;
  model: string;
}

const Health = builder.objectRef<HealthShape>('Health').implement({
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

export async function checkHealth(ctx: Pick<Context, 'services'>): Promise<HealthShape> {
  const { services } = ctx;
  const database = await services.db.$queryRaw`SELECT 1`.then(
    () => 'OK' as const,
    () => 'DOWN' as const,
  );
  const pubsub = await services.pingPubSub().then(
    () => 'OK' as const,
    () => 'DOWN' as const,
  );
  return {
    status: database === 'OK' && pubsub === 'OK' ? 'OK' : 'DEGRADED',
    database,
    databaseKind: services.databaseKind,
    pubsub,
    pubsubKind: services.config.redisUrl ? 'redis' : 'memory',
    model: services.modelName,
  };
}

builder.queryField('health', (t) =>
  t.field({ type: Health, resolve: (_root, _args, ctx) => checkHealth(ctx) }),
);
