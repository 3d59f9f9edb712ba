// Sending the generated documents: one operation over HTTP (fetch) and a subscription over
// graphql-ws, typed by the document. Runs in the browser and in Node (no graphql-js needed).
import type { Client, ExecutionResult, Sink } from 'graphql-ws';
import type { TypedDocumentString } from './generated/graphql.js';

/** A GraphQL error with its `extensions.code` (UNAUTHENTICATED, CONFLICT, …). */
export class ApiError extends Error {
  constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
}

/**
 * The document's text with its hash (codegen's persisted-documents manifest): a server with
 * PERSISTED_DOCUMENTS=allow|only runs the manifest's text for a known hash; `off` runs the text.
 */
function payloadOf(document: { toString(): string; __meta__?: Record<string, unknown> }) {
  const hash = document.__meta__?.hash;
  return {
    query: document.toString(),
    ...(typeof hash === 'string'
      ? { extensions: { persistedQuery: { version: 1, sha256Hash: hash.replace(/^sha256:/, '') } } }
      : {}),
  };
}

/** The data of one operation (POST JSON); the first GraphQL error, or an HTTP failure, throws. */
export async function request<TResult, TVariables>(
  url: string | URL,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  headers: Record<string, string> = {},
): Promise<TResult> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify({ ...payloadOf(document), variables }),
  });
  const body = (await response.json().catch(() => ({}))) as {
    data?: TResult | null;
    errors?: { message: string; extensions?: { code?: string } }[];
  };
  const error = body.errors?.[0];
  if (error) throw new ApiError(error.message, error.extensions?.code ?? 'ERROR');
  if (!response.ok || !body.data) throw new ApiError(`HTTP ${response.status}`, 'HTTP');
  return body.data;
}

/**
 * Subscribes with graphql-ws. `variables` is sent by reference: graphql-ws re-sends the same
 * payload on every reconnect, so a caller that updates it (afterSeq) resumes where it was.
 */
export function subscribe<TResult, TVariables>(
  client: Client,
  document: TypedDocumentString<TResult, TVariables>,
  variables: TVariables,
  sink: Sink<ExecutionResult<TResult>>,
): () => void {
  // graphql-ws checks that payload.query is a primitive string, not a String object.
  return client.subscribe<TResult>(
    { ...payloadOf(document), variables: variables as Record<string, unknown> },
    sink,
  );
}
