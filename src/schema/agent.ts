import { builder } from './builder.js';

export const Agent = builder.prismaNode('Agent', {
  id: { field: 'id' },
  nullable: true,
  fields: (t) => ({
    name: t.exposeString('name'),
    description: t.exposeString('description', { nullable: true }),
    model: t.string({
      description: "The model this agent's turns run on.",
      resolve: (agent, _args, ctx) => agent.model ?? ctx.services.modelName,
    }),
    tools: t.exposeStringList('tools'),
    avatarUrl: t.exposeString('avatarUrl', { nullable: true }),
    isDefault: t.exposeBoolean('isDefault', {
      description: 'The agent of sessions created without an agentId.',
    }),
  }),
});

builder.queryField('agents', (t) =>
  t.prismaField({
    type: [Agent],
    description: 'The agents a session can run with, the default first.',
    resolve: (query, _root, _args, ctx) => ctx.services.agents.list(query),
  }),
);
