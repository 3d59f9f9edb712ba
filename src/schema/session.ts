import { queryFromInfo } from '@pothos/plugin-prisma';
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type Context, requireViewer } from '../context.js';
import { AppError } from '../errors.js';
import type { Session as SessionRow } from '../generated/prisma/client.js';
import { MessageRole } from '../generated/prisma/enums.js';
import { keySchema, parseField } from '../sessions/validation.js';
import { builder } from './builder.js';
import { MessageRoleEnum, OrderDirectionEnum, SessionStateEnum } from './enums.js';
import { decodeId } from './ids.js';
import { Message, MessageConnection, messagesPage } from './message.js';
import { keysetConnection } from './pagination.js';

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
  findUnique: (id, ctx: Context) => ({ id, userId: requireViewer(ctx).id }),
  fields: (t) => ({
    key: t.exposeString('key', { nullable: true }),
    title: t.exposeString('title', { nullable: true }),
    agent: t.relation('agent'),
    metadata: t.expose('metadata', { type: 'JSON' }),
    archived: t.exposeBoolean('archived'),
    state: t.expose('state', { type: SessionStateEnum }),
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
      resolve: (session, args, ctx) => messagesPage(ctx, session.id, args),
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

const SessionFilter = builder.inputType('SessionFilter', {
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
  }),
});

const SessionOrderField = builder.enumType('SessionOrderField', {
  values: { UPDATED_AT: { value: 'updatedAt' }, CREATED_AT: { value: 'createdAt' } } as const,
});

const SessionOrder = builder.inputType('SessionOrder', {
  fields: (t) => ({
    field: t.field({ type: SessionOrderField, required: true }),
    direction: t.field({ type: OrderDirectionEnum, defaultValue: 'DESC' }),
  }),
});

export const SESSION_PAGE_MAX = 100;

builder.queryFields((t) => ({
  session: t.prismaField({
    type: Session,
    nullable: true,
    description: 'One of your sessions by id or by key (exactly one of them); NOT_FOUND otherwise.',
    args: { id: t.arg.id(), key: t.arg.string() },
    resolve: async (query, _root, args, ctx) => {
      const viewer = requireViewer(ctx);
      if ((args.id == null) === (args.key == null)) {
        throw AppError.badInput('id', 'pass exactly one of id and key');
      }
      const where =
        args.id != null
          ? { id: decodeId('Session', args.id, 'id'), userId: viewer.id }
          : { userId: viewer.id, key: parseField(keySchema, args.key, 'key') };
      const session = await ctx.db.session.findFirst({ ...query, where });
      if (!session) throw AppError.notFound('Session');
      return session;
    },
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
      resolve: async (_root, args, ctx, info) => {
        const viewer = requireViewer(ctx);
        const filter = args.filter
          ? {
              ...args.filter,
              agentId: args.filter.agentId
                ? decodeId('Agent', args.filter.agentId, 'filter.agentId')
                : null,
            }
          : undefined;
        const where = ctx.services.sessions.listWhere(viewer.id, filter);
        const column = args.orderBy?.field ?? 'updatedAt';
        const direction = args.orderBy?.direction === 'ASC' ? 'asc' : 'desc';
        const query = queryFromInfo({
          context: ctx,
          info,
          path: ['edges', 'node'],
          typeName: 'Session',
        });
        const page = await keysetConnection<SessionRow>({
          args,
          column,
          direction,
          order: `sessions:${column}:${direction}`,
          defaultSize: 20,
          maxSize: SESSION_PAGE_MAX,
          value: (s) => s[column],
          fetch: (q) =>
            ctx.db.session.findMany({
              ...query,
              where: { AND: [where, q.where] },
              orderBy: q.orderBy,
              take: q.take,
            }),
        });
        return { ...page, totalCount: () => ctx.db.session.count({ where }) };
      },
    },
    {
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
  ),
}));

const IfKeyExists = builder.enumType('IfKeyExists', {
  description:
    'What createSession does when the key is taken: ERROR (CONFLICT) or RETURN the existing session.',
  values: ['ERROR', 'RETURN'] as const,
});

const sessionId = (ctx: Context, id: string, field = 'id') => {
  requireViewer(ctx);
  return decodeId('Session', id, field);
};

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
    }),
  },
  {
    resolve: (_root, { input }, ctx) => {
      const viewer = requireViewer(ctx);
      return ctx.services.sessions.create(viewer.id, {
        ...input,
        agentId: input.agentId ? decodeId('Agent', input.agentId, 'agentId') : null,
      });
    },
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
        requireViewer(ctx).id,
        sessionId(ctx, input.id),
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
    }),
  },
  {
    resolve: async (_root, { input }, ctx) => {
      const { id, agentId, ...rest } = input;
      return {
        session: await ctx.services.sessions.update(requireViewer(ctx).id, sessionId(ctx, id), {
          ...rest,
          agentId: agentId ? decodeId('Agent', agentId, 'agentId') : undefined,
        }),
      };
    },
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
      session: await ctx.services.sessions.renew(requireViewer(ctx).id, sessionId(ctx, input.id)),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

builder.relayMutationField(
  'deleteSession',
  { inputFields: (t) => ({ id: t.id({ required: true }) }) },
  {
    description: 'Deletes a session with its messages and turns (a running turn is stopped).',
    resolve: async (_root, { input }, ctx) => {
      const [id] = await ctx.services.sessions.delete(requireViewer(ctx).id, [
        sessionId(ctx, input.id),
      ]);
      return { id: id as string };
    },
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
      const viewer = requireViewer(ctx);
      if (input.ids.length < 1 || input.ids.length > 100) {
        throw AppError.badInput('ids', 'ids: pass 1 to 100 session ids');
      }
      const ids = input.ids.map((id, i) => decodeId('Session', id, `ids.${i}`));
      return { ids: await ctx.services.sessions.delete(viewer.id, ids) };
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
    description: 'Stores a message in a session without running the agent.',
    resolve: (_root, { input }, ctx) =>
      ctx.services.sessions.appendMessage(
        requireViewer(ctx).id,
        sessionId(ctx, input.sessionId, 'sessionId'),
        {
          role: input.role ?? MessageRole.USER,
          text: input.text,
        },
      ),
  },
  {
    outputFields: (t) => ({
      message: t.field({ type: Message, resolve: (r) => r.message }),
      session: t.field({ type: Session, resolve: (r) => r.session }),
    }),
  },
);
