import SchemaBuilder from '@pothos/core';
import DataloaderPlugin from '@pothos/plugin-dataloader';
import PrismaPlugin from '@pothos/plugin-prisma';
import RelayPlugin, { decodeGlobalID } from '@pothos/plugin-relay';
import ScopeAuthPlugin from '@pothos/plugin-scope-auth';
import { GraphQLObjectType } from 'graphql';
import { DateTimeResolver, JSONResolver } from 'graphql-scalars';
import type { Context, ViewerContext } from '../context.js';
import { AppError } from '../errors.js';
import type PrismaTypes from '../generated/pothos-types.js';
import { getDatamodel } from '../generated/pothos-types.js';
import { isUuid } from '../validation.js';

/** The Pothos builder: plugins and scalars only; types live in one file per domain. */
export const builder = new SchemaBuilder<{
  Context: Context;
  PrismaTypes: PrismaTypes;
  AuthScopes: { viewer: boolean };
  AuthContexts: { viewer: ViewerContext };
  DefaultFieldNullability: false;
  DefaultInputFieldRequiredness: false;
  Scalars: {
    DateTime: { Input: Date; Output: Date | string };
    JSON: { Input: unknown; Output: unknown };
    ID: { Input: string; Output: string };
  };
}>({
  defaultFieldNullability: false,
  // Relay first, so that scopes see decoded global ids.
  plugins: [RelayPlugin, ScopeAuthPlugin, PrismaPlugin, DataloaderPlugin],
  scopeAuth: {
    authorizeOnSubscribe: true,
    authScopes: (ctx) => ({ viewer: ctx.viewer != null }),
    // No viewer: the presented credential was refused, or none was sent.
    unauthorizedError: (_parent, ctx) => AppError.unauthenticated(ctx.authError),
  },
  prisma: {
    // The client is per app (tests run several apps in one process), so it comes from the context.
    client: (ctx) => ctx.services.db,
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
      // A missing node (or another user's) is NOT_FOUND, exactly as session(id:) answers.
      resolve: async (_root, args, _ctx, info, resolveNode) => {
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

// Every operation needs an authenticated viewer, but for the fields that skip the type's scopes
// (health); a refused or missing credential is UNAUTHENTICATED.
builder.queryType({ authScopes: { viewer: true } });
builder.mutationType({ authScopes: { viewer: true } });
builder.subscriptionType({ authScopes: { viewer: true } });

/** The authenticated viewer of a context that passed the `viewer` scope. */
export const viewerOf = (ctx: Context) => {
  if (!ctx.viewer) throw AppError.unauthenticated(ctx.authError);
  return ctx.viewer;
};
