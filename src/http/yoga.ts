import { createYoga, type YogaServerInstance } from 'graphql-yoga';
import { authenticate } from '../auth/authenticate.js';
import { type Context, createContext } from '../context.js';
import { schema } from '../schema/index.js';
import type { Services } from '../services.js';
import { maskError, useApiErrors } from './errors.js';
import { graphiqlDefaultQuery } from './graphiql.js';
import { useBodyLimits, useDocumentLimits, useOperationLimit } from './limits.js';
import { useObservability, yogaLogger } from './observability.js';
import { useWebPage } from './web-page.js';

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

/** GraphiQL's options: subscriptions over WebSocket, the development key pre-filled. */
function graphiql(devApiKey: string | undefined) {
  const authorization = devApiKey ? `Bearer ${devApiKey}` : undefined;
  return {
    title: 'Chat sessions GraphQL',
    subscriptionsProtocol: 'WS' as const,
    defaultQuery: graphiqlDefaultQuery,
    headers: authorization ? JSON.stringify({ Authorization: authorization }) : undefined,
    // GraphiQL's headers go with HTTP requests only; its graphql-ws client sends these
    // connectionParams (url-loader's option, not in Yoga's GraphiQLOptions type).
    ...(authorization ? { connectionParams: { authorization } } : {}),
  };
}

/** The HTTP side of the API: GraphQL (Yoga), GraphiQL, the web page, /health and /metrics. */
export function createHttpApp(services: Services, options: { devApiKey?: string }): Yoga {
  const { config, logger } = services;
  const production = config.isProduction;
  const devApiKey = production ? undefined : options.devApiKey;
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: yogaLogger(logger),
    maskedErrors: { maskError },
    // Loaded on the first GraphiQL request: the page is large, and most starts never show it.
    renderGraphiQL: async (opts) =>
      (await import('@graphql-yoga/render-graphiql')).renderGraphiQL(opts),
    graphiql: production ? false : graphiql(devApiKey),
    context: async (initial) => {
      const fromSocket = initial as Partial<Context>;
      if (fromSocket.services) return fromSocket as Context; // graphql-ws built it in onSubscribe
      const { request } = initial as { request: Request };
      const auth = await authenticate(
        services.db,
        request.headers.get('authorization'),
        services.jwt,
      );
      return createContext(services, auth, request.headers.get('x-request-id'));
    },
    plugins: [
      useWebPage({ devApiKey }),
      ...useObservability(services),
      ...useDocumentLimits({ production }),
      useBodyLimits(),
      useOperationLimit(services),
      ...useApiErrors({ production, logger }),
    ],
  });
}
