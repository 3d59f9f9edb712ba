import { encodeGlobalID } from '@pothos/plugin-relay';
import { AppError } from '../errors.js';
import { MessageRole } from '../generated/prisma/enums.js';
import { builder, viewerOf } from './builder.js';
import { MessageRoleEnum, SessionStatusEnum } from './enums.js';
import { decodeId } from './ids.js';
import { Message } from './message.js';
import { Session, SessionTimeoutInput } from './session.js';

const IfKeyExists = builder.enumType('IfKeyExists', {
  description:
    'What createSession does when the key is taken: ERROR (CONFLICT) or RETURN the existing session.',
  values: ['ERROR', 'RETURN'] as const,
});

const sessionId = (id: string, field = 'id') => decodeId('Session', id, field);
const agentId = (id: string | null | undefined) => (id ? decodeId('Agent', id, 'agentId') : null);
const projectId = (id: string | null | undefined) =>
  id ? decodeId('Project', id, 'projectId') : id === null ? null : undefined;

builder.relayMutationField(
  'createSession',
  {
    inputFields: (t) => ({
      title: t.string({ description: '1..255 characters' }),
      key: t.string({ description: 'Your own unique key: ^[\\w:.@-]+$, at most 128 characters' }),
      agentId: t.id({ description: 'Default: the default agent' }),
      metadata: t.field({ type: 'JSON', description: 'A JSON object, at most 16 KB' }),
      timeout: t.field({ type: SessionTimeoutInput }),
      ifKeyExists: t.field({ type: IfKeyExists, defaultValue: 'ERROR' }),
      workspaceId: t.id({
        description: "Default: the project's workspace, else your personal one",
      }),
      projectId: t.id(),
      status: t.field({ type: SessionStatusEnum, description: 'Default ACTIVE' }),
    }),
  },
  {
    resolve: (_root, { input }, ctx) =>
      ctx.services.sessions.create(viewerOf(ctx).id, {
        ...input,
        agentId: agentId(input.agentId),
        workspaceId: input.workspaceId
          ? decodeId('Workspace', input.workspaceId, 'workspaceId')
          : null,
        projectId: projectId(input.projectId),
      }),
  },
  {
    outputFields: (t) => ({
      session: t.field({ type: Session, resolve: (r) => r.session }),
      created: t.boolean({
        description: 'false when ifKeyExists: RETURN found an existing session',
        resolve: (r) => r.created,
      }),
    }),
  },
);

builder.relayMutationField(
  'renameSession',
  { inputFields: (t) => ({ id: t.id({ required: true }), title: t.string({ required: true }) }) },
  {
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.sessions.rename(
        viewerOf(ctx).id,
        sessionId(input.id),
        input.title,
      ),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'updateSession',
  {
    inputFields: (t) => ({
      id: t.id({ required: true }),
      title: t.string({ description: 'null clears the title' }),
      metadata: t.field({ type: 'JSON', description: 'Replaces the metadata object' }),
      archived: t.boolean(),
      agentId: t.id(),
      timeout: t.field({ type: SessionTimeoutInput, description: 'null removes the timeout' }),
      projectId: t.id({
        description: 'Moves the session to a project of its workspace; null takes it out',
      }),
      status: t.field({ type: SessionStatusEnum }),
    }),
  },
  {
    description:
      "Members of the session's workspace change status and agent; the rest is for its creator and the workspace's OWNERs (FORBIDDEN for others).",
    resolve: async (_root, { input }, ctx) => {
      const { id, agentId: agent, projectId: project, ...rest } = input;
      const changes = {
        ...rest,
        agentId: agentId(agent) ?? undefined,
        projectId: projectId(project),
      };
      return {
        session: await ctx.services.sessions.update(viewerOf(ctx).id, sessionId(id), changes),
      };
    },
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'resumeSession',
  { inputFields: (t) => ({ id: t.id({ required: true }) }) },
  {
    description: 'Moves a session AWAITING_PEER back to ACTIVE (any other status stays).',
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.sessions.resume(viewerOf(ctx).id, sessionId(input.id)),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'renewSession',
  { inputFields: (t) => ({ id: t.id({ required: true }) }) },
  {
    description:
      'Pushes expiresAt by the idle timeout; SESSION_EXPIRED once past maxDurationMinutes.',
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.sessions.renew(viewerOf(ctx).id, sessionId(input.id)),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'deleteSession',
  {
    inputFields: (t) => ({
      id: t.id(),
      key: t.string({ description: "The session's key, instead of its id" }),
    }),
  },
  {
    description:
      'Deletes a session, by id or by key (exactly one of them), with its messages and turns (a running turn is stopped).',
    resolve: async (_root, { input }, ctx) => ({
      id: await ctx.services.sessions.deleteOne(viewerOf(ctx).id, {
        id: input.id == null ? null : sessionId(input.id),
        key: input.key,
      }),
    }),
  },
  {
    outputFields: (t) => ({
      deletedSessionId: t.id({ resolve: (r) => encodeGlobalID('Session', r.id) }),
    }),
  },
);

builder.relayMutationField(
  'deleteSessions',
  {
    inputFields: (t) => ({ ids: t.idList({ required: true, description: '1..100 session ids' }) }),
  },
  {
    description: 'Deletes several sessions: all of them, or none when any is not yours.',
    resolve: async (_root, { input }, ctx) => {
      if (input.ids.length < 1 || input.ids.length > 100) {
        throw AppError.badInput('ids', 'ids: pass 1 to 100 session ids');
      }
      const ids = input.ids.map((id, i) => sessionId(id, `ids.${i}`));
      return { ids: await ctx.services.sessions.delete(viewerOf(ctx).id, ids) };
    },
  },
  {
    outputFields: (t) => ({
      deletedSessionIds: t.idList({
        resolve: (r) => r.ids.map((id) => encodeGlobalID('Session', id)),
      }),
    }),
  },
);

builder.relayMutationField(
  'appendMessage',
  {
    inputFields: (t) => ({
      sessionId: t.id({ required: true }),
      role: t.field({ type: MessageRoleEnum, defaultValue: MessageRole.USER }),
      text: t.string({ required: true, description: '1..100000 characters' }),
    }),
  },
  {
    description:
      'Stores a message in a session without running the agent. role USER (default) or ASSISTANT; SYSTEM is refused (BAD_USER_INPUT).',
    resolve: async (_root, { input }, ctx) => {
      const role = input.role ?? MessageRole.USER;
      // A user's SYSTEM message would be an instruction to the agent (prompt injection).
      if (role === MessageRole.SYSTEM) {
        throw AppError.badInput(
          'role',
          'role: SYSTEM messages cannot be appended; use USER or ASSISTANT',
        );
      }
      const userId = viewerOf(ctx).id;
      const id = sessionId(input.sessionId, 'sessionId');
      await ctx.services.quota.reserve(userId, input.text);
      return ctx.services.sessions.appendMessage(userId, id, { role, text: input.text });
    },
  },
  {
    outputFields: (t) => ({
      message: t.field({ type: Message, resolve: (r) => r.message }),
      session: t.field({ type: Session, resolve: (r) => r.session }),
    }),
  },
);
