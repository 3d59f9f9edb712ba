import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { type AppError, ErrorCode, rateLimited } from '../errors.js';
import type { Services } from '../services.js';

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

/** Depth, aliases, directives, tokens and cost (GraphQL Armor), and CSRF prevention. */
export function useDocumentLimits(options: { production: boolean }): Plugin[] {
  return [
    useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'content-type'] }),
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
