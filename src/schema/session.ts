import { queryFromInfo } from '@pothos/plugin-prisma';
import type { Context } from '../context.js';
import { builder, viewerOf } from './builder.js';
import { OrderDirectionEnum, SessionStateEnum, SessionStatusEnum } from './enums.js';
import { decodeId } from './ids.js';
import { MessageConnection } from './message.js';
import { Usage } from './turn.js';

export const SessionTimeout = builder
  .objectRef<{
    timeoutMinutes: number;
    autoRenew: boolean;
    maxDurationMinutes: number | null;
    warningThresholdMinutes: number | null;
  }>('SessionTimeout')
  .implement({
    description: 'Idle timeout: the session expires timeoutMinutes after its last activity.',
    fields: (t) => ({
      timeoutMinutes: t.exposeInt('timeoutMinutes'),
      autoRenew: t.exposeBoolean('autoRenew', {
        description: 'Activity (a message) pushes expiresAt.',
      }),
      maxDurationMinutes: t.exposeInt('maxDurationMinutes', {
        nullable: true,
        description: 'Hard limit from creation; renewals never go past it.',
      }),
      warningThresholdMinutes: t.exposeInt('warningThresholdMinutes', {
        nullable: true,
        description: 'SessionExpiring is published this many minutes before expiresAt.',
      }),
    }),
  });

export const SessionTimeoutInput = builder.inputType('SessionTimeoutInput', {
  fields: (t) => ({
    timeoutMinutes: t.int({ required: true }),
    autoRenew: t.boolean({ defaultValue: true }),
    maxDurationMinutes: t.int(),
    warningThresholdMinutes: t.int(),
  }),
});

export const Session = builder.prismaNode('Session', {
  id: { field: 'id' },
  nullable: true,
  findUnique: (id, ctx: Context) => ({
    id,
    AND: [ctx.services.access.session(viewerOf(ctx).id)],
  }),
  fields: (t) => ({
    key: t.exposeString('key', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    agent: t.relation('agent'),
    metadata: t.expose('metadata', { type: 'JSON' }),
    archived: t.exposeBoolean('archived'),
    state: t.expose('state', { type: SessionStateEnum }),
    status: t.expose('status', { type: SessionStatusEnum }),
    workspace: t.relation('workspace'),
    project: t.relation('project', { nullable: true }),
    createdBy: t.relation('user'),
    participants: t.relation('participants', {
      description: 'The users who wrote in the session and its agent, in the order they joined.',
      query: { orderBy: [{ joinedAt: 'asc' }, { id: 'asc' }] },
    }),
    activeTurn: t.relation('activeTurn', { nullable: true }),
    messageCount: t.exposeInt('messageCount'),
    lastMessage: t.relation('lastMessage', { nullable: true }),
    messages: t.field({
      type: MessageConnection,
      description: 'Oldest first; page size 1..500 (default 50).',
      args: {
        first: t.arg.int(),
        after: t.arg.string(),
        last: t.arg.int(),
        before: t.arg.string(),
      },
      resolve: (session, args, ctx) => ctx.services.sessions.messages(session.id, args),
    }),
    usage: t.loadable({
      type: Usage,
      description: 'Tokens the turns of this session used, summed.',
      load: (ids: string[], ctx: Context) => ctx.services.usage.ofSessions(ids),
      resolve: (s) => s.id,
    }),
    lastEventSeq: t.int({
      description:
        'The seq of the latest sessionEvents event: load the messages, then subscribe with afterSeq: lastEventSeq to miss nothing in between.',
      resolve: (s, _args, ctx) => ctx.services.events.lastSeq(s.id),
    }),
    createdAt: t.expose('createdAt', { type: 'DateTime' }),
    updatedAt: t.expose('updatedAt', { type: 'DateTime' }),
    expiresAt: t.expose('expiresAt', { type: 'DateTime', nullable: true }),
    timeout: t.field({
      type: SessionTimeout,
      nullable: true,
      resolve: (s) =>
        s.timeoutMinutes == null
          ? null
          : {
              timeoutMinutes: s.timeoutMinutes,
              autoRenew: s.autoRenew,
              maxDurationMinutes: s.maxDurationMinutes,
              warningThresholdMinutes: s.warningThresholdMinutes,
            },
    }),
  }),
});

/** The sessions lists' connection (sessions, Project.sessions), with totalCount. */
export const SessionConnection = builder.connectionObject(
  {
    type: Session,
    name: 'SessionConnection',
    fields: (t) => ({
      totalCount: t.int({
        description: 'Sessions matching the filter, all pages together.',
        resolve: (connection) =>
          (connection as unknown as { totalCount: () => Promise<number> }).totalCount(),
      }),
    }),
  },
  { name: 'SessionEdge' },
);

export const SessionFilter = builder.inputType('SessionFilter', {
  fields: (t) => ({
    agentId: t.id(),
    archived: t.boolean({ description: 'Default false; null lists archived and active sessions.' }),
    state: t.field({ type: SessionStateEnum }),
    keyPrefix: t.string(),
    search: t.string({ description: 'Case-insensitive substring of the title.' }),
    metadata: t.field({
      type: 'JSON',
      description: 'Sessions whose metadata contains this object.',
    }),
    updatedAfter: t.field({ type: 'DateTime' }),
    updatedBefore: t.field({ type: 'DateTime' }),
    workspaceId: t.id(),
    projectId: t.id(),
    projectSlug: t.string({
      description: "A project's slug (with workspaceId: in that workspace)",
    }),
    status: t.field({ type: SessionStatusEnum }),
  }),
});

type SessionFilterArg = typeof SessionFilter.$inferInput;

/** The filter with its global ids decoded (BAD_USER_INPUT naming a malformed one). */
export function decodeFilter(filter: SessionFilterArg | null | undefined) {
  if (!filter) return filter;
  const id = (type: string, value: string | null | undefined, field: string) =>
    value ? decodeId(type, value, `filter.${field}`) : null;
  return {
    ...filter,
    agentId: id('Agent', filter.agentId, 'agentId'),
    workspaceId: id('Workspace', filter.workspaceId, 'workspaceId'),
    projectId: id('Project', filter.projectId, 'projectId'),
  };
}

const SessionOrderField = builder.enumType('SessionOrderField', {
  values: { UPDATED_AT: { value: 'updatedAt' }, CREATED_AT: { value: 'createdAt' } } as const,
});

export const SessionOrder = builder.inputType('SessionOrder', {
  fields: (t) => ({
    field: t.field({ type: SessionOrderField, required: true }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'DESC' }),
  }),
});

builder.queryFields((t) => ({
  session: t.prismaField({
    type: Session,
    nullable: true,
    description: 'One of your sessions by id or by key (exactly one of them); NOT_FOUND otherwise.',
    args: { id: t.arg.id(), key: t.arg.string() },
    resolve: (query, _root, args, ctx) =>
      ctx.services.sessions.find(
        viewerOf(ctx).id,
        { id: args.id == null ? null : decodeId('Session', args.id, 'id'), key: args.key },
        query,
      ),
  }),
  sessions: t.connection(
    {
      type: Session,
      description:
        'Your sessions, most recently updated first by default; page size 1..100 (default 20).',
      args: {
        filter: t.arg({ type: SessionFilter }),
        orderBy: t.arg({ type: SessionOrder }),
      },
      resolve: (_root, { filter, orderBy, ...args }, ctx, info) => {
        const query = queryFromInfo({
          context: ctx,
          info,
          path: ['edges', 'node'],
          typeName: 'Session',
        });
        return ctx.services.sessions.list(
          viewerOf(ctx).id,
          { args, filter: decodeFilter(filter), orderBy },
          query,
        );
      },
    },
    SessionConnection,
  ),
}));
