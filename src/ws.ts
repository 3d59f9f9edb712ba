import type { Server } from 'node:http';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getOperationAST,
  type execute as graphqlExecute,
  type subscribe as graphqlSubscribe,
} from 'graphql';
import type { SubscribePayload } from 'graphql-ws';
import { useServer } from 'graphql-ws/use/ws';
import { WebSocketServer } from 'ws';
import { type AuthResult, authenticate, authorizationFromParams } from './auth/authenticate.js';
import { createContext } from './context.js';
import { AppError, ErrorCode } from './errors.js';
import { withCode, withoutSuggestions } from './http/errors.js';
import type { Yoga } from './http/yoga.js';
import type { Services } from './services.js';

/** Largest WebSocket message accepted (larger: close 1009). */
const MAX_MESSAGE_BYTES = 1024 * 1024;

interface Enveloped {
  execute: typeof graphqlExecute;
  subscribe: typeof graphqlSubscribe;
}

/**
 * Parses and validates a subscription through Yoga's envelop. A syntax error or an Armor limit
 * (thrown by parse or validate) is an `error` message for this subscription, as over HTTP;
 * thrown, graphql-ws would close the socket (4500).
 */
function prepare(
  enveloped: ReturnType<Yoga['getEnveloped']>,
  payload: SubscribePayload,
): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = enveloped.parse(payload.query);
    const errors = enveloped.validate(enveloped.schema, document);
    if (errors.length)
      return errors.map((e: GraphQLError) => withCode(e, ErrorCode.BAD_USER_INPUT));
  } catch (error) {
    if (error instanceof GraphQLError) return [withCode(error, ErrorCode.BAD_USER_INPUT)];
    throw error;
  }
  if (!getOperationAST(document, payload.operationName)) {
    const message = payload.operationName
      ? `Unknown operation named "${payload.operationName}".`
      : 'Must provide operation name if query contains multiple operations.';
    return [AppError.badInput('operationName', message)];
  }
  return document;
}

/**
 * GraphQL over WebSocket (graphql-ws) on the HTTP server's /graphql, through Yoga's envelop:
 * masking, limits, metrics and auth behave as over HTTP. The token is checked once, on connect
 * (a bad one closes the socket with 4403).
 */
export function createWsServer(server: Server, yoga: Yoga, services: Services) {
  const { config } = services;
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_MESSAGE_BYTES,
  });
  const graphqlWs = useServer<Record<string, unknown>, { auth?: AuthResult }>(
    {
      connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
      execute: (args) => (args.rootValue as Enveloped).execute(args),
      subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
      onConnect: async (ctx) => {
        const authorization = authorizationFromParams(ctx.connectionParams);
        const auth = await authenticate(services.db, authorization, services.jwt);
        if (!auth.viewer) return false; // closes with 4403 Forbidden
        ctx.extra.auth = auth;
        return true;
      },
      // Production: no suggestions over WebSocket either (results and `error` messages).
      onNext: config.isProduction
        ? (_ctx, _id, _payload, _args, result) =>
            result.errors ? { ...result, errors: result.errors.map(withoutSuggestions) } : result
        : undefined,
      onError: config.isProduction
        ? (_ctx, _id, _payload, errors) => errors.map(withoutSuggestions)
        : undefined,
      onSubscribe: async (ctx, _id, payload) => {
        const context = createContext(services, ctx.extra.auth ?? { viewer: null });
        const enveloped = yoga.getEnveloped({
          ...context,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        const document = prepare(enveloped, payload);
        if (Array.isArray(document)) return document;
        const args: ExecutionArgs = {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document: document as DocumentNode,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        return args;
      },
    },
    wss,
  );
  return {
    wss,
    /** Closes every socket (1001) and the server. */
    async close() {
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await graphqlWs.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
    },
  };
}
