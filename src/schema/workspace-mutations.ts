import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { WorkspaceRoleEnum } from './enums.js';
import { decodeId } from './ids.js';
import { Project, Workspace } from './workspace.js';

const workspaceId = (id: string) => decodeId('Workspace', id, 'workspaceId');
const userId = (id: string) => decodeId('User', id, 'userId');

/** The workspace as the viewer sees it now (the payload of the workspace mutations). */
const reload = async (ctx: Context, id: string) => ({
  workspace: await ctx.services.workspaces.byId(viewerOf(ctx).id, id),
});

builder.relayMutationField(
  'createWorkspace',
  {
    inputFields: (t) => ({ name: t.string({ required: true, description: '1..100 characters' }) }),
  },
  {
    description: 'A shared workspace, with you as its OWNER.',
    resolve: async (_root, { input }, ctx) => ({
      workspace: await ctx.services.workspaces.create(viewerOf(ctx).id, input),
    }),
  },
  {
    outputFields: (t) => ({ workspace: t.field({ type: Workspace, resolve: (r) => r.workspace }) }),
  },
);

builder.relayMutationField(
  'addWorkspaceMember',
  {
    inputFields: (t) => ({
      workspaceId: t.id({ required: true }),
      userId: t.id({ required: true }),
      role: t.field({ type: WorkspaceRoleEnum, defaultValue: 'MEMBER' }),
    }),
  },
  {
    description: "Adds a user to the workspace, or changes a member's role (OWNER only).",
    resolve: async (_root, { input }, ctx) => {
      const id = await ctx.services.workspaces.addMember(viewerOf(ctx).id, {
        workspaceId: workspaceId(input.workspaceId),
        userId: userId(input.userId),
        role: input.role,
      });
      return reload(ctx, id);
    },
  },
  {
    outputFields: (t) => ({
      workspace: t.field({ type: Workspace, nullable: true, resolve: (r) => r.workspace }),
    }),
  },
);

builder.relayMutationField(
  'removeWorkspaceMember',
  {
    inputFields: (t) => ({
      workspaceId: t.id({ required: true }),
      userId: t.id({ required: true }),
    }),
  },
  {
    description:
      'Removes a member (OWNER only): their access ends at once, open subscriptions included; the sessions they created stay.',
    resolve: async (_root, { input }, ctx) => {
      const id = await ctx.services.workspaces.removeMember(viewerOf(ctx).id, {
        workspaceId: workspaceId(input.workspaceId),
        userId: userId(input.userId),
      });
      return reload(ctx, id);
    },
  },
  {
    outputFields: (t) => ({
      workspace: t.field({
        type: Workspace,
        nullable: true,
        description: 'null when you removed yourself',
        resolve: (r) => r.workspace,
      }),
    }),
  },
);

builder.relayMutationField(
  'createProject',
  {
    inputFields: (t) => ({
      workspaceId: t.id({ required: true }),
      name: t.string({ required: true, description: '1..100 characters' }),
      slug: t.string({ required: true, description: '^[a-z0-9-]{1,64}$, unique in the workspace' }),
    }),
  },
  {
    resolve: async (_root, { input }, ctx) => ({
      project: await ctx.services.projects.create(viewerOf(ctx).id, {
        ...input,
        workspaceId: workspaceId(input.workspaceId),
      }),
    }),
  },
  { outputFields: (t) => ({ project: t.field({ type: Project, resolve: (r) => r.project }) }) },
);

builder.relayMutationField(
  'renameProject',
  { inputFields: (t) => ({ id: t.id({ required: true }), name: t.string({ required: true }) }) },
  {
    resolve: async (_root, { input }, ctx) => ({
      project: await ctx.services.projects.rename(viewerOf(ctx).id, {
        id: decodeId('Project', input.id, 'id'),
        name: input.name,
      }),
    }),
  },
  { outputFields: (t) => ({ project: t.field({ type: Project, resolve: (r) => r.project }) }) },
);

builder.relayMutationField(
  'deleteProject',
  {
    inputFields: (t) => ({
      id: t.id({ required: true }),
      deleteSessions: t.boolean({
        defaultValue: false,
        description: 'true: its sessions are deleted too (all or none); false: they leave it',
      }),
    }),
  },
  {
    resolve: async (_root, { input }, ctx) => ({
      id: await ctx.services.projects.delete(viewerOf(ctx).id, {
        id: decodeId('Project', input.id, 'id'),
        deleteSessions: input.deleteSessions,
      }),
    }),
  },
  {
    outputFields: (t) => ({
      deletedProjectId: t.id({ resolve: (r) => encodeGlobalID('Project', r.id) }),
    }),
  },
);
