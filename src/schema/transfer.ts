import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Session as SessionRow } from '../generated/prisma/client.js';
import { builder, viewerOf } from './builder.js';
import { MessageRoleEnum } from './enums.js';
import { decodeId } from './ids.js';
import { Message } from './message.js';
import { Session } from './session.js';

builder.queryField('exportSession', (t) =>
  t.field({
    type: 'JSON',
    description:
      "One of your sessions' active branch as AI SDK UIMessage[] (what useChat holds): text, reasoning, tool and step parts.",
    args: { id: t.arg.id({ required: true }) },
    resolve: (_root, args, ctx) =>
      ctx.services.transfer.export(viewerOf(ctx).id, decodeId('Session', args.id, 'id'), (m) =>
        encodeGlobalID('Message', m.id),
      ),
  }),
);

builder.relayMutationField(
  'importSession',
  {
    inputFields: (t) => ({
      messages: t.field({
        type: 'JSON',
        required: true,
        description: 'AI SDK UIMessage[] (user and assistant messages, at most 1000).',
      }),
      title: t.string({ description: '1..255 characters' }),
      key: t.string({ description: 'Your own unique key: ^[\\w:.@-]+$, at most 128 characters' }),
      metadata: t.field({ type: 'JSON', description: 'A JSON object, at most 16 KB' }),
      projectId: t.id({ description: "The session's project (and so its workspace)" }),
    }),
  },
  {
    description:
      'A new session holding the given UIMessage[] as its conversation (validated with the AI SDK; a bad document is BAD_USER_INPUT naming its path). No turn runs.',
    resolve: async (_root, { input }, ctx) => ({
      session: await ctx.services.transfer.import(viewerOf(ctx).id, {
        messages: input.messages,
        title: input.title,
        key: input.key,
        metadata: input.metadata,
        projectId: input.projectId ? decodeId('Project', input.projectId, 'projectId') : null,
      }),
    }),
  },
  { outputFields: (t) => ({ session: t.field({ type: Session, resolve: (r) => r.session }) }) },
);

const MessageSearchFilter = builder.inputType('MessageSearchFilter', {
  fields: (t) => ({
    sessionId: t.id(),
    projectId: t.id(),
    role: t.field({ type: MessageRoleEnum }),
  }),
});

builder.queryFields((t) => ({
  searchMessages: t.connection(
    {
      type: Message,
      description:
        'Full-text search over the messages of your sessions (PostgreSQL text search, English), best match first; page size 1..50 (default 20), forward only.',
      args: {
        query: t.arg.string({ required: true, description: 'Words, "a phrase", -excluded, or' }),
        filter: t.arg({ type: MessageSearchFilter }),
      },
      resolve: async (_root, args, ctx) => {
        if (args.last != null || args.before != null) {
          ctx.services.search.refuseBackward();
        }
        const { hits, hasNextPage } = await ctx.services.search.search(viewerOf(ctx).id, {
          query: args.query,
          first: args.first,
          after: args.after,
          filter: {
            sessionId: args.filter?.sessionId
              ? decodeId('Session', args.filter.sessionId, 'filter.sessionId')
              : null,
            projectId: args.filter?.projectId
              ? decodeId('Project', args.filter.projectId, 'filter.projectId')
              : null,
            role: args.filter?.role,
          },
        });
        const edges = hits.map((h) => ({ ...h, node: h.message }));
        return {
          edges,
          pageInfo: {
            hasNextPage,
            hasPreviousPage: args.after != null,
            startCursor: edges[0]?.cursor ?? null,
            endCursor: edges.at(-1)?.cursor ?? null,
          },
        };
      },
    },
    { name: 'MessageSearchConnection' },
    {
      name: 'MessageSearchEdge',
      fields: (t) => ({
        session: t.field({ type: Session, resolve: (e) => (e as unknown as SearchEdge).session }),
        snippet: t.string({
          description: 'The text around the match, matched words between ** and **.',
          resolve: (e) => (e as unknown as SearchEdge).snippet,
        }),
        rank: t.float({ resolve: (e) => (e as unknown as SearchEdge).rank }),
      }),
    },
  ),
}));

type SearchEdge = { session: SessionRow; snippet: string; rank: number };
