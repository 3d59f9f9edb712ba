import { queryFromInfo } from '@pothos/plugin-prisma';
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { ParticipantKindEnum, WorkspaceRoleEnum } from './enums.js';
import { decodeId } from './ids.js';
import {
  decodeFilter,
  Session,
  SessionConnection,
  SessionFilter,
  SessionOrder,
} from './session.js';

/** Pothos' selection for the nodes of a connection this resolver returns. */
const nodesQuery = (ctx: Context, info: GraphQLResolveInfo, typeName: string) =>
  queryFromInfo({ context: ctx, info, path: ['edges', 'node'], typeName });

export const WorkspaceMember = builder.prismaObject('WorkspaceMember', {
  fields: (t) => ({
    user: t.relation('user'),
    role: t.expose('role', { type: WorkspaceRoleEnum }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
  }),
});

const WorkspaceMemberConnection = builder.connectionObject(
  { type: WorkspaceMember, name: 'WorkspaceMemberConnection' },
  { name: 'WorkspaceMemberEdge' },
);

export const Workspace = builder.prismaNode('Workspace', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id,
    AND: [ctx.services.access.workspace(viewerOf(ctx).id)],
  }),
  fields: (t) => ({
    name: t.exposeString('name'),
    personal: t.boolean({
      description: 'The personal workspace made with its user.',
      select: { personalOfId: true },
      resolve: (w) => w.personalOfId != null,
    }),
    role: t.field({
      type: WorkspaceRoleEnum,
      description: "The viewer's role in this workspace.",
      select: (_args, ctx) => ({
        members: { where: { userId: viewerOf(ctx).id }, select: { role: true } },
      }),
      resolve: (w) => w.members[0]?.role ?? 'MEMBER',
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    members: t.field({
      type: WorkspaceMemberConnection,
      args: { first: t.arg.int(), after: t.arg.string() },
      resolve: (w, args, ctx, info) =>
        ctx.services.workspaces.members(w.id, args, nodesQuery(ctx, info, 'WorkspaceMember')),
    }),
  }),
});

export const Project = builder.prismaNode('Project', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id,
    AND: [ctx.services.access.project(viewerOf(ctx).id)],
  }),
  fields: (t) => ({
    name: t.exposeString('name'),
    slug: t.exposeString('slug'),
    workspace: t.relation('workspace'),
    sessionCount: t.relationCount('sessions'),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
  }),
});

const ProjectConnection = builder.connectionObject(
  { type: Project, name: 'ProjectConnection' },
  { name: 'ProjectEdge' },
);

builder.objectField(Project, 'sessions', (t) =>
  t.connection(
    {
      type: Session,
      description: "The project's sessions, filtered and ordered as `sessions`.",
      args: { filter: t.arg({ type: SessionFilter }), orderBy: t.arg({ type: SessionOrder }) },
      resolve: (project, { filter, orderBy, ...args }, ctx, info) =>
        ctx.services.sessions.list(
          viewerOf(ctx).id,
          { args, filter: { ...decodeFilter(filter), projectId: project.id }, orderBy },
          nodesQuery(ctx, info, 'Session'),
        ),
    },
    SessionConnection,
  ),
);

builder.objectField(Workspace, 'projects', (t) =>
  t.field({
    type: ProjectConnection,
    args: { first: t.arg.int(), after: t.arg.string(), last: t.arg.int(), before: t.arg.string() },
    resolve: (w, args, ctx, info) =>
      ctx.services.projects.list(
        viewerOf(ctx).id,
        { workspaceId: w.id, args },
        nodesQuery(ctx, info, 'Project'),
      ),
  }),
);

export const Participant = builder.prismaObject('Participant', {
  description: 'A user who wrote in the session, or its agent.',
  fields: (t) => ({
    kind: t.expose('kind', { type: ParticipantKindEnum }),
    user: t.relation('user', { nullable: true }),
    agent: t.relation('agent', { nullable: true }),
    joinedAt: t.expose('joinedAt', { type: 'DateTime' }),
  }),
});

const WorkspaceConnection = builder.connectionObject(
  { type: Workspace, name: 'WorkspaceConnection' },
  { name: 'WorkspaceEdge' },
);

builder.queryFields((t) => ({
  workspaces: t.field({
    type: WorkspaceConnection,
    description: 'The workspaces you are a member of, your personal one first.',
    args: { first: t.arg.int(), after: t.arg.string() },
    resolve: (_root, args, ctx, info) =>
      ctx.services.workspaces.list(viewerOf(ctx).id, args, nodesQuery(ctx, info, 'Workspace')),
  }),
  projects: t.field({
    type: ProjectConnection,
    description: 'The projects of one of your workspaces (default: all of them), oldest first.',
    args: {
      workspaceId: t.arg.id(),
      first: t.arg.int(),
      after: t.arg.string(),
      last: t.arg.int(),
      before: t.arg.string(),
    },
    resolve: async (_root, { workspaceId, ...args }, ctx, info) => {
      const viewerId = viewerOf(ctx).id;
      const id = workspaceId ? decodeId('Workspace', workspaceId, 'workspaceId') : null;
      // Another's workspace answers like a missing one.
      if (id) await ctx.services.workspaces.memberOf(viewerId, id);
      return ctx.services.projects.list(
        viewerId,
        { workspaceId: id, args },
        nodesQuery(ctx, info, 'Project'),
      );
    },
  }),
}));
