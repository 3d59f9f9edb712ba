import { createYoga, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { authenticate, presentsCredential } from '../auth/authenticate.js';
import { type Context, createContext } from '../context.js';
import { schema } from '../schema/index.js';
import type { Services } from '../services.js';
import { clientIp, isLoopbackBind, isLoopbackHostHeader } from './client.js';
import { useCors } from './cors.js';
import { maskError, useApiErrors } from './errors.js';
import { graphiqlDefaultQuery, graphiqlPages } from './graphiql.js';
import {
  useBodyLimits,
  useClientLimits,
  useDocumentLimits,
  useIntrospectionAuth,
  useLoadShedding,
  useOperationLimit,
  useQueryCost,
  useResponseBudget,
} from './limits.js';
import { useObservability, yogaLogger } from './observability.js';
import { type PersistedDocuments, usePersistedDocuments } from './persisted-documents.js';
import { requestIdOf, useRequestId } from './request-id.js';
import { useWebPage } from './web-page.js';

export type Yoga = YogaServerInstance<Record<string, never>, Context>;

const GRAPHQL_ENDPOINT = '/graphql';

/**
 * GraphiQL's options: the development key pre-filled if given (web/graphiql.ts sends the Headers
 * pane with HTTP requests and as a subscription socket's connection params).
 */
function graphiql(devApiKey: string | undefined) {
  const authorization = devApiKey ? `Bearer ${devApiKey}` : undefined;
  return {
    title: 'Chat sessions GraphQL',
    defaultQuery: graphiqlDefaultQuery,
    headers: authorization ? JSON.stringify({ Authorization: authorization }) : undefined,
    // The walkthrough starts in the Variables pane (GraphiQL's own option).
    defaultEditorToolsVisibility: 'variables' as const,
  };
}

/**
 * Whether a request may be handed the development key (in the web page and GraphiQL): only on a
 * loopback bind, and only when its Host header names a loopback host, so that a page of another
 * origin cannot read it (a DNS-rebound name reaches the server with its own Host).
 */
function devKeyGate(services: Services) {
  const loopbackBind = isLoopbackBind(services.config.host);
  return (request: Request) => loopbackBind && isLoopbackHostHeader(request.headers.get('host'));
}

/** The HTTP side of the API: GraphQL (Yoga), GraphiQL, the web page, /health and /metrics. */
export function createHttpApp(
  services: Services,
  options: { devApiKey?: string; persisted?: PersistedDocuments | null; plugins?: Plugin[] },
): Yoga {
  const { config, logger } = services;
  const production = config.isProduction;
  const devApiKey = production ? undefined : options.devApiKey;
  const mayShowKey = devKeyGate(services);
  const graphiqlPage = graphiqlPages();
  return createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: yogaLogger(logger),
    maskedErrors: { maskError },
    cors: false, // useCors: an allow-list, never reflecting
    // useBodyLimits checks the size (Content-Length, or a chunked body counted as it arrives);
    // Yoga's own check would pipe every body through one more stream and copy the request.
    maxRequestBodySize: false,
    extraParamNames: ['documentId'], // trusted documents by id (persisted-documents.ts)
    // Built on the first GraphiQL request: GraphiQL is large, and most starts never show it.
    renderGraphiQL: (opts) => graphiqlPage.render(opts as Record<string, unknown>),
    graphiql: production
      ? false
      : (request) => graphiql(devApiKey && mayShowKey(request) ? devApiKey : undefined),
    context: async (initial) => {
      const fromSocket = initial as Partial<Context>;
      if (fromSocket.services) return fromSocket as Context; // graphql-ws built it in onSubscribe
      const { request } = initial as { request: Request };
      const authorization = request.headers.get('authorization');
      const auth = await authenticate(services, authorization);
      if (!auth.viewer && presentsCredential(authorization)) {
        await services.clientLimits.authFailed(clientIp(initial));
      }
      return createContext(services, auth, requestIdOf(request));
    },
    plugins: [
      ...(options.plugins ?? []), // tracing: first, so its spans cover the rest
      useRequestId(),
      useCors(config.corsOrigins),
      useLoadShedding(services, GRAPHQL_ENDPOINT),
      useClientLimits(services, GRAPHQL_ENDPOINT),
      useWebPage({ devApiKey, mayShowKey }),
      ...(production ? [] : [graphiqlPage.plugin]),
      ...useObservability(services),
      ...useDocumentLimits({ production }),
      useBodyLimits(),
      usePersistedDocuments(options.persisted ?? null),
      useIntrospectionAuth({ production }),
      useOperationLimit(services),
      useQueryCost(services),
      useResponseBudget(),
      ...useApiErrors({ production, logger }),
    ],
  });
}
