// The page's transport: operations over HTTP (fetch) and subscriptions over graphql-ws, both on
// /graphql of the page's own origin, authenticated with the API key. The documents and their
// types are generated (client/operations → client/generated, npm run codegen).
import { createClient, type ExecutionResult, type Sink } from 'graphql-ws';
import type { TypedDocumentString } from '../client/generated/graphql.js';
import { request, subscribe } from '../client/request.js';

export { ApiError } from '../client/request.js';

export const GRAPHQL_PATH = '/graphql';

/** The server closes a socket whose key it refuses with this code (graphql-ws Forbidden). */
export const CLOSE_FORBIDDEN = 4403;

export type ConnectionState = 'connecting' | 'live' | 'reconnecting' | 'refused';

export interface Api {
  request<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
  ): Promise<TResult>;
  /**
   * graphql-ws, reconnecting forever with backoff; subscriptions are re-sent on every reconnect
   * with the same `variables` object.
   */
  subscribe<TResult, TVariables>(
    document: TypedDocumentString<TResult, TVariables>,
    variables: TVariables,
    sink: Sink<ExecutionResult<TResult>>,
  ): () => void;
  dispose(): Promise<void>;
}

export function createApi(options: {
  apiKey: string;
  onConnection: (state: ConnectionState, reconnected: boolean) => void;
}): Api {
  const authorization = `Bearer ${options.apiKey}`;
  let everConnected = false;
  const wsUrl = new URL(GRAPHQL_PATH, location.href);
  wsUrl.protocol = wsUrl.protocol === 'https:' ? 'wss:' : 'ws:';

  const ws = createClient({
    url: wsUrl.toString(),
    connectionParams: { authorization },
    lazy: false,
    keepAlive: 15_000,
    retryAttempts: Number.POSITIVE_INFINITY,
    // A refused key stays refused: stop and ask for another one.
    shouldRetry: (event) => !(isCloseEvent(event) && event.code === CLOSE_FORBIDDEN),
    // First retry quickly (a dropped socket usually reconnects at once), then back off to 15 s,
    // with jitter so that many pages do not all return in the same instant after a restart.
    retryWait: (retries) =>
      new Promise((resolve) =>
        setTimeout(resolve, Math.min(15_000, 300 * 2 ** retries) * (1 + Math.random())),
      ),
    onNonLazyError: () => {},
    on: {
      connecting: () => options.onConnection(everConnected ? 'reconnecting' : 'connecting', false),
      connected: () => {
        options.onConnection('live', everConnected);
        everConnected = true;
      },
      closed: (event) => {
        const refused = isCloseEvent(event) && event.code === CLOSE_FORBIDDEN;
        options.onConnection(refused ? 'refused' : 'reconnecting', false);
      },
    },
  });

  return {
    request: (document, variables) => request(GRAPHQL_PATH, document, variables, { authorization }),
    subscribe: (document, variables, sink) => subscribe(ws, document, variables, sink),
    dispose: async () => {
      await ws.dispose();
    },
  };
}

function isCloseEvent(value: unknown): value is CloseEvent {
  return typeof value === 'object' && value !== null && 'code' in value && 'reason' in value;
}
