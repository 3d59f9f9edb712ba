import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { type DocumentNode, GraphQLError, Kind, visit } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { presentsCredential } from '../auth/authenticate.js';
import type { Context } from '../context.js';
import { AppError, ErrorCode, rateLimited } from '../errors.js';
import type { Refusal } from '../limits/client-limits.js';
import { operationCost, TEXT_COST } from '../limits/query-cost.js';
import type { Services } from '../services.js';
import { clientIp } from './client.js';

/** Largest HTTP request body accepted (a 100,000-character message fits comfortably). */
export const MAX_REQUEST_BYTES = 1024 * 1024;

/**
 * 413 with a JSON error, as for any other refused request. The rest of the body is not read, so
 * the connection is closed rather than handed back to the client's pool.
 */
const tooLarge = (fetchAPI: { Response: typeof Response }) =>
  fetchAPI.Response.json(
    { errors: [{ message: 'Request body too large', extensions: { code: 'BAD_USER_INPUT' } }] },
    { status: 413, headers: { connection: 'close' } },
  );

/** The whole body, or null as soon as it passes `max` bytes (the rest is not read). */
async function readAtMost(body: ReadableStream<Uint8Array>, max: number) {
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return Buffer.concat(chunks, size);
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

/**
 * Request bodies up to MAX_REQUEST_BYTES (413 beyond, with or without Content-Length), and
 * malformed JSON in GET or form parameters as the client's mistake (400), not an internal error.
 */
export function useBodyLimits(): Plugin {
  return {
    onRequest({ request, fetchAPI, endResponse }) {
      const length = Number(request.headers.get('content-length') ?? 0);
      if (length > MAX_REQUEST_BYTES) endResponse(tooLarge(fetchAPI));
    },
    async onRequestParse({ request, requestParser, setRequestParser, endResponse, fetchAPI }) {
      if (!requestParser) return;
      let parse = requestParser;
      // A body without Content-Length (chunked) is counted as it arrives, never buffered whole.
      if (request.body && !request.headers.has('content-length')) {
        const body = await readAtMost(request.body, MAX_REQUEST_BYTES);
        if (!body) return endResponse(tooLarge(fetchAPI));
        const { url, method, headers } = request;
        parse = () => requestParser(new fetchAPI.Request(url, { method, headers, body }));
      }
      // Yoga parses `variables` / `extensions` of GETs and form posts with a bare JSON.parse.
      setRequestParser(async (req) => {
        try {
          return await parse(req);
        } catch (error) {
          if (!(error instanceof SyntaxError)) throw error;
          throw new GraphQLError('Request parameters are not valid JSON', {
            extensions: { code: ErrorCode.BAD_USER_INPUT, http: { status: 400 } },
          });
        }
      });
    },
  };
}

/** The per-credential limit on every operation, over HTTP and WebSocket alike. */
export function useOperationLimit(services: Services): Plugin {
  const limit = async (ctx: Context): Promise<AppError | null> => {
    if (!ctx.credentialId) return null;
    const perMinute = services.config.rateLimitPerMinute;
    const r = await services.rateLimiter.hit(`op:${ctx.credentialId}`, perMinute);
    return r.allowed ? null : rateLimited(r.retryAfterSeconds);
  };
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const error = await limit(args.contextValue as unknown as Context);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    async onSubscribe({ args, setResultAndStopExecution }) {
      const error = await limit(args.contextValue as unknown as Context);
      if (error) setResultAndStopExecution({ errors: [error] } as never);
    },
  };
}

/** Content types a browser sends from another origin without asking (no CORS preflight). */
const SIMPLE_CONTENT_TYPES = [
  'application/x-www-form-urlencoded',
  'multipart/form-data',
  'text/plain',
];

/**
 * CSRF prevention (what @graphql-yoga/plugin-csrf-prevention does, with an API code and a message
 * that says what to send): a request a page of another origin could make without a CORS
 * preflight (a GET without headers, a form post) needs `X-GraphQL-Yoga-CSRF` or a JSON body.
 */
function useCsrfPrevention(): Plugin {
  return {
    onRequestParse({ request }) {
      const type = request.headers.get('content-type')?.toLowerCase();
      const preflighted = type && !SIMPLE_CONTENT_TYPES.some((t) => type.startsWith(t));
      if (preflighted || request.headers.has('x-graphql-yoga-csrf')) return;
      throw new AppError(
        ErrorCode.FORBIDDEN,
        'Refused as a possible cross-site request (CSRF): send Content-Type: application/json, or the header X-GraphQL-Yoga-CSRF: 1 (on a GET)',
        { http: { status: 403 } },
      );
    },
  };
}

/** Depth, aliases, directives, tokens and cost (GraphQL Armor), and CSRF prevention. */
export function useDocumentLimits(options: { production: boolean }): Plugin[] {
  return [
    useCsrfPrevention(),
    EnvelopArmorPlugin({
      maxDepth: { n: 12 },
      maxAliases: { n: 20 },
      maxDirectives: { n: 20 },
      maxTokens: { n: 3000 },
      costLimit: { maxCost: 20000 },
      blockFieldSuggestion: { enabled: options.production },
    }),
  ];
}

/** A refusal with Retry-After and a GraphQL body whose one error is RATE_LIMITED. */
function refused(fetchAPI: { Response: typeof Response }, error: AppError, status: number) {
  const { extensions } = error;
  return fetchAPI.Response.json(
    { errors: [{ message: error.message, extensions }] },
    { status, headers: { 'retry-after': String(extensions.retryAfterSeconds) } },
  );
}

/** HTTP 429 with Retry-After and a GraphQL body whose one error is RATE_LIMITED. */
export function throttled(fetchAPI: { Response: typeof Response }, refusal: Refusal) {
  return refused(fetchAPI, rateLimited(refusal.retryAfterSeconds, refusal.what), 429);
}

/**
 * Load shedding (limits/overload.ts): while the process is overloaded, GraphQL requests get 503
 * with Retry-After before anything else runs. /health, /metrics and the static files are served.
 */
export function useLoadShedding(services: Services, graphqlEndpoint: string): Plugin {
  return {
    onRequest({ url, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint) return;
      const error = services.shedder.refusal('http');
      if (error) endResponse(refused(fetchAPI, error, 503));
    },
  };
}

/**
 * Per-IP limits of GraphQL requests over HTTP: those without a credential
 * (RATE_LIMIT_ANONYMOUS_PER_MINUTE), and any credential from an IP that failed to authenticate
 * too often this minute (AUTH_FAILURES_PER_MINUTE; the failures are counted where the context
 * is built). Both answer 429 with Retry-After before anything else runs.
 */
export function useClientLimits(services: Services, graphqlEndpoint: string): Plugin {
  return {
    async onRequest({ request, url, serverContext, endResponse, fetchAPI }) {
      if (url.pathname !== graphqlEndpoint) return;
      if (request.method !== 'GET' && request.method !== 'POST') return;
      const ip = clientIp(serverContext);
      const limits = services.clientLimits;
      const refusal = presentsCredential(request.headers.get('authorization'))
        ? await limits.credentialsRefused(ip)
        : await limits.anonymous(ip);
      if (refusal) endResponse(throttled(fetchAPI, refusal));
    },
  };
}

/**
 * The static cost of an operation with its variables (see operationCost: message text counts by
 * page size), refused over QUERY_MAX_COST before anything runs, over HTTP and WebSocket alike.
 */
export function useQueryCost(services: Services): Plugin {
  const max = services.config.queryMaxCost;
  const refusal = (args: {
    schema: Parameters<typeof operationCost>[0];
    document: DocumentNode;
    operationName?: string | null;
    variableValues?: Record<string, unknown> | null;
  }) => {
    const cost = operationCost(args.schema, args.document, args.operationName, args.variableValues);
    if (cost <= max) return null;
    return AppError.badInput(
      'query',
      `The query's cost ${cost} is over the limit of ${max} (QUERY_MAX_COST): message text and JSON values count ${TEXT_COST} per item of a page; ask for smaller pages or fewer aliases`,
    );
  };
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refusal(args);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}

/**
 * RESPONSE_MAX_BYTES: the schema's fields count what they resolve into the context's budget
 * (src/limits/response-budget.ts); once spent, the result is that one error and no data. Each
 * event of a subscription is a payload of its own.
 */
export function useResponseBudget(): Plugin {
  const overBudget = (context: unknown) =>
    (context as Partial<Context> | undefined)?.responseBudget?.exceeded ?? null;
  return {
    onExecute() {
      return {
        onExecuteDone({ args, result, setResult }) {
          const error = overBudget(args.contextValue);
          if (error && !(Symbol.asyncIterator in Object(result))) setResult({ errors: [error] });
        },
      };
    },
    onSubscribe() {
      return {
        onSubscribeResult({ args, result, setResult }) {
          const error = overBudget(args.contextValue);
          if (error && !(Symbol.asyncIterator in Object(result))) {
            setResult({ errors: [error] });
            return;
          }
          return {
            onNext({ args, setResult }) {
              const budget = (args.contextValue as Partial<Context>).responseBudget;
              if (budget?.exceeded) setResult({ errors: [budget.exceeded] });
              budget?.reset();
            },
          };
        },
      };
    },
  };
}

const INTROSPECTION_FIELDS = new Set(['__schema', '__type']);

function asksIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    [Kind.FIELD](node) {
      if (INTROSPECTION_FIELDS.has(node.name.value)) {
        found = true;
        return false;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * Production: introspection (`__schema`, `__type`) only for callers with a valid credential;
 * anyone else gets UNAUTHENTICATED and no data, whatever else the operation asks.
 */
export function useIntrospectionAuth(options: { production: boolean }): Plugin {
  if (!options.production) return {};
  const refuse = (context: Partial<Context>, document: DocumentNode) =>
    context.viewer == null && asksIntrospection(document)
      ? AppError.unauthenticated(
          context.authError ??
            'Introspection needs a credential: send Authorization: Bearer <API key>',
        )
      : null;
  return {
    onExecute({ args, setResultAndStopExecution }) {
      const error = refuse(args.contextValue as Partial<Context>, args.document);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
    onSubscribe({ args, setResultAndStopExecution }) {
      const error = refuse(args.contextValue as Partial<Context>, args.document);
      if (error) setResultAndStopExecution({ errors: [error] });
    },
  };
}
