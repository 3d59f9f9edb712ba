import SchemaBuilder from '@pothos/core';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import { GraphQLObjectType } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import { type Context, requireViewer } from '../context.js';
import type { Db } from '../db/client.js';
import { AppError } from '../errors.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { isUuid } from './ids.js';

/** The Pothos builder: plugins and scalars only; types live in one file per domain. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  defaultFieldNullability: false,
  plugins: [PrismaPlugin, RelayPlugin],
  prisma: {
    // The client is per app (tests run several apps in one process), so it comes from the context.
    client: (ctx) => ctx.db as Db,
    dmmf: getDatamodel(),
    filterConnectionTotalCount: true,
    onUnusedQuery: null,
  },
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    nodesQueryOptions: false,
    // A malformed global id is the caller's mistake (BAD_USER_INPUT), never an internal error;
    // every Node of this API has a uuid id.
    decodeGlobalID: (globalID) => {
      let decoded: { typename: string; id: string } | undefined;
      try {
        decoded = decodeGlobalID(globalID);
      } catch {
        decoded = undefined;
      }
      if (!decoded || !isUuid(decoded.id)) throw AppError.badInput('id', 'id: not a valid id');
      return { typename: decoded.typename, id: decoded.id.toLowerCase() };
    },
    nodeQueryOptions: {
      // Authenticated like every other field, and a missing node (or another user's) is
      // NOT_FOUND, exactly as session(id:) answers (API.md, "Identity and auth").
      resolve: async (_root, args, ctx, info, resolveNode) => {
        requireViewer(ctx);
        const type = info.schema.getType(args.id.typename);
        if (
          !(type instanceof GraphQLObjectType) ||
          !type.getInterfaces().some((i) => i.name === 'Node')
        ) {
          throw AppError.badInput('id', 'id: not a valid id');
        }
        const node = await resolveNode(args.id);
        if (node == null) throw AppError.notFound(args.id.typename);
        return node;
      },
    },
  },
});

builder.addScalarType('DateTime', DateTimeResolver);
builder.addScalarType('JSON', JSONResolver);

builder.queryType({});
builder.mutationType({});
builder.subscriptionType({});
