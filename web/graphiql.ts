// Starts Yoga's GraphiQL (loaded next, as its own cached script) with a fetcher that sends the
// Headers pane everywhere: with HTTP requests, and as the connection params of the graphql-ws
// socket a subscription runs on (one socket per set of headers), so a subscription runs as the
// user the Authorization header names. Built by src/http/graphiql.ts.
import { type Client, createClient } from 'graphql-ws';

interface PageOptions {
  /** Where Monaco's workers are (cacheable files instead of inline blobs). */
  workerUrls: Record<string, string>;
  [option: string]: unknown;
}

interface FetcherParams {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown> | null;
}

interface FetcherOpts {
  headers?: Record<string, string>;
  documentAST?: {
    definitions: readonly { kind: string; operation?: string; name?: { value: string } }[];
  };
}

declare const YogaGraphiQL: {
  renderYogaGraphiQL(root: Element, options: Record<string, unknown>): void;
};

const options = JSON.parse(
  document.getElementById('graphiql-options')?.textContent ?? '{}',
) as PageOptions;

(self as unknown as { MonacoEnvironment: unknown }).MonacoEnvironment = {
  globalAPI: false,
  getWorkerUrl: (_moduleId: string, label: string) => options.workerUrls[label],
};

const endpoint = new URL(location.pathname, location.href);
const sockets = new Map<string, Client>();

/** The socket for these headers (names lower-cased: `authorization` is what the server reads). */
function socketFor(headers: Record<string, string>): Client {
  const params = Object.fromEntries(
    Object.entries(headers).map(([name, value]) => [name.toLowerCase(), value]),
  );
  const id = JSON.stringify(params);
  let client = sockets.get(id);
  if (!client) {
    const url = new URL(endpoint);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    client = createClient({ url: url.href, connectionParams: params });
    sockets.set(id, client);
  }
  return client;
}

function isSubscription(params: FetcherParams, opts: FetcherOpts | undefined): boolean {
  const operations = (opts?.documentAST?.definitions ?? []).filter(
    (d) => d.kind === 'OperationDefinition',
  );
  if (operations.length) {
    const chosen = params.operationName
      ? operations.find((d) => d.name?.value === params.operationName)
      : operations[0];
    return chosen?.operation === 'subscription';
  }
  return /^\s*subscription\b/m.test(params.query);
}

function fetcher(params: FetcherParams, opts?: FetcherOpts) {
  const headers = opts?.headers ?? {};
  if (isSubscription(params, opts)) {
    return socketFor(headers).iterate({
      query: params.query,
      operationName: params.operationName ?? undefined,
      variables: params.variables ?? undefined,
    });
  }
  return fetch(endpoint, {
    method: 'POST',
    credentials: 'same-origin',
    headers: {
      'content-type': 'application/json',
      accept: 'application/graphql-response+json, application/json',
      ...headers,
    },
    body: JSON.stringify(params),
  }).then((response) => response.json());
}

document.addEventListener('DOMContentLoaded', () => {
  const root = document.getElementById('root');
  if (root) YogaGraphiQL.renderYogaGraphiQL(root, { ...options, fetcher });
});
