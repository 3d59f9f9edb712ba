import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import { EnvelopArmorPlugin } from '@escape.tech/graphql-armor';
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { usePrometheus } from '@graphql-yoga/plugin-prometheus';
import { renderGraphiQL } from '@graphql-yoga/render-graphiql';
import { type DocumentNode, GraphQLError, getOperationAST } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import { createYoga, type Plugin, useErrorHandler, type YogaServerInstance } from 'graphql-yoga';
import { Redis } from 'ioredis';
import type { Logger } from 'pino';
import { Counter, collectDefaultMetrics, Gauge, Registry } from 'prom-client';
import { WebSocketServer } from 'ws';
import { authenticate, authorizationFromParams } from './auth/authenticate.js';
import { createJwtVerifier } from './auth/jwt.js';
import { type EventLog, MemoryEventLog } from './chat/events.js';
import { withCoalescing } from './chat/models/coalesce.js';
import { resolveModel } from './chat/models/index.js';
import { RedisEventLog } from './chat/redis-events.js';
import { ChatService } from './chat/service.js';
import type { Config } from './config.js';
import { type Context, rateLimited, type Services } from './context.js';
import type { Database } from './db/client.js';
import { isMissingRecord } from './db/errors.js';
import { AppError, ErrorCode } from './errors.js';
import { graphiqlDefaultQuery } from './graphiql.js';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './limits/rate-limit.js';
import { createLogger } from './logger.js';
import { createAppPubSub } from './pubsub.js';
import { schema } from './schema/index.js';
import { checkHealth } from './schema/viewer.js';
import { SessionService } from './sessions/service.js';
import { useWebPage } from './web/serve.js';

export interface AppOptions {
  config: Config;
  database: Database;
  /** The language model; by default the one MODEL names. Tests pass the AI SDK's mock model. */
  model?: LanguageModelV3;
  modelName?: string;
  logger?: Logger;
  /** Shared limiter (Redis with several processes); in memory by default. */
  rateLimiter?: RateLimiter;
  /** Pre-fills GraphiQL's Authorization header (development only). */
  graphiqlApiKey?: string;
}

export interface App {
  server: Server;
  yoga: YogaServerInstance<Record<string, never>, Context>;
  services: Services;
  /** Listens (port 0: any free port) and resolves with the GraphQL URL. */
  listen(port?: number, host?: string): Promise<string>;
  close(): Promise<void>;
}

/** Largest HTTP request body accepted (a 100,000-character message fits comfortably). */
const MAX_REQUEST_BYTES = 1024 * 1024;

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
    if (done) {
      const whole = new Uint8Array(size);
      let offset = 0;
      for (const chunk of chunks) {
        whole.set(chunk, offset);
        offset += chunk.byteLength;
      }
      return whole;
    }
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => {});
      return null;
    }
    chunks.push(value);
  }
}

const API_CODES = new Set<string>(Object.values(ErrorCode));

/**
 * Every error a client sees carries an API code. Unexpected errors become a masked
 * INTERNAL_SERVER_ERROR (the cause is logged, never sent); errors of the request itself (syntax,
 * validation, variable values: a GraphQLError not raised by a resolver) are BAD_USER_INPUT.
 */
function maskError(error: unknown): Error {
  const original = error instanceof GraphQLError ? error.originalError : error;
  if (error instanceof GraphQLError) {
    if (original instanceof AppError) return error;
    const code = error.extensions?.code ?? (original as GraphQLError | undefined)?.extensions?.code;
    if (typeof code === 'string' && API_CODES.has(code)) return error;
    if (original == null || original instanceof GraphQLError)
      return withCode(error, ErrorCode.BAD_USER_INPUT);
  }
  const where = {
    nodes: error instanceof GraphQLError ? error.nodes : undefined,
    path: error instanceof GraphQLError ? error.path : undefined,
  };
  // A row deleted between a service's ownership check and its write (a concurrent delete): the
  // caller gets what a missing id gets. The cause is still logged.
  if (isMissingRecord(original)) {
    return new GraphQLError('Not found', { ...where, extensions: { code: ErrorCode.NOT_FOUND } });
  }
  return new GraphQLError('Internal server error', {
    ...where,
    extensions: { code: ErrorCode.INTERNAL_SERVER_ERROR },
  });
}

/** The same error (where it points, its extensions) with another message or extensions. */
function rebuilt(
  error: GraphQLError,
  change: { message?: string; extensions?: GraphQLError['extensions'] },
): GraphQLError {
  return new GraphQLError(change.message ?? error.message, {
    nodes: error.nodes,
    source: error.source,
    positions: error.positions,
    path: error.path,
    extensions: change.extensions ?? error.extensions,
  });
}

function withCode(error: GraphQLError, code: ErrorCode): GraphQLError {
  return rebuilt(error, { extensions: { ...error.extensions, code } });
}

/** "Did you mean …?" hints, which GraphQL Armor removes only from validation errors. */
const SUGGESTION = /\s*Did you mean [^?]*\?/g;

/**
 * The error without field or enum-value suggestions (production: they describe the schema to
 * whoever probes it). Covers what Armor's blockFieldSuggestion leaves: suggestions for enum values
 * and for input fields in variables, raised after validation.
 */
function withoutSuggestions(error: GraphQLError): GraphQLError {
  if (!error.message.includes('Did you mean')) return error;
  return rebuilt(error, { message: error.message.replace(SUGGESTION, '') });
}

export function createApp(options: AppOptions): App {
  const { config, database } = options;
  const logger = options.logger ?? createLogger(config);
  const db = database.prisma;
  const chosen = options.model
    ? { model: options.model, name: options.modelName ?? options.model.modelId }
    : resolveModel(config);
  const resolved = { ...chosen, model: withCoalescing(chosen.model, config.streamCoalesceMs) };
  const jwt = createJwtVerifier(db, { secret: config.jwtSecret, jwksUrl: config.jwtJwksUrl });
  // With REDIS_URL: pub/sub, event log and rate limits shared by every process.
  const redis = config.redisUrl
    ? {
        commands: new Redis(config.redisUrl, { lazyConnect: false, maxRetriesPerRequest: 3 }),
        pubsubSubscriber: new Redis(config.redisUrl),
        eventsSubscriber: new Redis(config.redisUrl),
      }
    : undefined;
  for (const client of Object.values(redis ?? {})) {
    client.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  }
  const pubsub = createAppPubSub(
    redis ? { publishClient: redis.commands, subscribeClient: redis.pubsubSubscriber } : undefined,
  );
  const rateLimiter =
    options.rateLimiter ?? (redis ? new RedisRateLimiter(redis.commands) : new MemoryRateLimiter());
  const events: EventLog = redis
    ? new RedisEventLog({ db, redis: redis.commands, subscriber: redis.eventsSubscriber })
    : new MemoryEventLog({ db });
  const sessions = new SessionService({ db, events, pubsub });
  const chat = new ChatService({
    db,
    events,
    pubsub,
    sessions,
    model: resolved.model,
    modelName: resolved.name,
    logger,
    rateLimiter,
    sendPerMinute: config.rateLimitSendPerMinute,
    checkpointMs: config.turnCheckpointMs,
    leaseMs: config.turnLeaseMs,
  });
  const services: Services = {
    config,
    db,
    logger,
    pubsub,
    events,
    sessions,
    chat,
    modelName: resolved.name,
    databaseKind: database.kind,
    rateLimiter,
    pingPubSub: async () => {
      if (redis) await redis.commands.ping();
    },
  };

  /** The per-credential limit on every operation (HTTP and WebSocket alike). */
  const limitOperations = async (ctx: Context): Promise<AppError | null> => {
    if (!ctx.credentialId) return null;
    const r = await rateLimiter.hit(`op:${ctx.credentialId}`, config.rateLimitPerMinute);
    return r.allowed ? null : rateLimited(r.retryAfterSeconds);
  };

  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'chat_active_subscriptions',
    help: 'sessionEvents subscriptions open on this process',
    registers: [registry],
    collect() {
      this.set(events.subscriberCount());
    },
  });
  new Gauge({
    name: 'chat_running_turns',
    help: 'Agent turns running on this process',
    registers: [registry],
    collect() {
      this.set(chat.runningCount());
    },
  });
  const deltas = new Counter({
    name: 'chat_streamed_deltas_total',
    help: 'Text and reasoning deltas streamed by turns on this process',
    registers: [registry],
  });
  chat.onDelta = () => deltas.inc();

  const yoga = createYoga<Record<string, never>, Context>({
    schema,
    graphqlEndpoint: '/graphql',
    healthCheckEndpoint: '/healthz',
    landingPage: false,
    logging: {
      debug: (...args) => logger.debug(args.map(String).join(' ')),
      info: (...args) => logger.info(args.map(String).join(' ')),
      warn: (...args) => logger.warn(args.map(String).join(' ')),
      error: (...args) => logger.error(args.map(String).join(' ')),
    },
    maskedErrors: { maskError },
    renderGraphiQL,
    graphiql: config.isProduction
      ? false
      : {
          title: 'Chat sessions GraphQL',
          subscriptionsProtocol: 'WS',
          defaultQuery: graphiqlDefaultQuery,
          headers: options.graphiqlApiKey
            ? JSON.stringify({ Authorization: `Bearer ${options.graphiqlApiKey}` })
            : undefined,
          // GraphiQL's headers go with HTTP requests only; its graphql-ws client sends these
          // connectionParams (url-loader's option, not in Yoga's GraphiQLOptions type).
          ...(options.graphiqlApiKey
            ? { connectionParams: { authorization: `Bearer ${options.graphiqlApiKey}` } }
            : {}),
        },
    context: async (initial) => {
      const fromSocket = initial as Partial<Context>;
      if (fromSocket.services) return fromSocket as Context; // graphql-ws built it in onSubscribe
      const request = (initial as { request: Request }).request;
      const auth = await authenticate(db, request.headers.get('authorization'), jwt);
      return {
        requestId: request.headers.get('x-request-id') ?? randomUUID(),
        ...auth,
        db,
        services,
      };
    },
    plugins: [
      useWebPage({ devApiKey: config.isProduction ? undefined : options.graphiqlApiKey }),
      usePrometheus({
        registry,
        endpoint: '/metrics',
        metrics: {
          graphql_envelop_request: true,
          graphql_envelop_request_duration: true,
          graphql_envelop_error_result: true,
          graphql_envelop_phase_execute: true,
          graphql_envelop_phase_subscribe: true,
          graphql_yoga_http_duration: true,
        },
      }),
      {
        // GET /health: database, pub/sub and model, without authentication; 503 when degraded.
        async onRequest({ request, url, endResponse, fetchAPI }) {
          if (url.pathname !== '/health' || request.method !== 'GET') return;
          const health = await checkHealth({ services });
          endResponse(
            fetchAPI.Response.json(health, { status: health.status === 'OK' ? 200 : 503 }),
          );
        },
      } satisfies Plugin,
      useCSRFPrevention({ requestHeaders: ['x-graphql-yoga-csrf', 'content-type'] }),
      EnvelopArmorPlugin({
        maxDepth: { n: 12 },
        maxAliases: { n: 20 },
        maxDirectives: { n: 20 },
        maxTokens: { n: 3000 },
        costLimit: { maxCost: 20000 },
        blockFieldSuggestion: { enabled: config.isProduction },
      }),
      {
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
          // Yoga parses `variables` / `extensions` of GETs and form posts with a bare JSON.parse:
          // malformed JSON there is the client's mistake (400), not a masked internal error.
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
        async onExecute({ args, setResultAndStopExecution }) {
          const error = await limitOperations(args.contextValue as unknown as Context);
          if (error) setResultAndStopExecution({ errors: [error] });
        },
        async onSubscribe({ args, setResultAndStopExecution }) {
          const error = await limitOperations(args.contextValue as unknown as Context);
          if (error) setResultAndStopExecution({ errors: [error] } as never);
        },
      } satisfies Plugin,
      {
        onResultProcess({ result }) {
          for (const r of Array.isArray(result) ? result : [result]) {
            const errors = (r as { errors?: GraphQLError[] } | undefined)?.errors;
            if (!Array.isArray(errors)) continue;
            errors.forEach((e, i) => {
              const code = (e as GraphQLError).extensions?.code;
              if (typeof code !== 'string' || !API_CODES.has(code)) {
                errors[i] = e instanceof GraphQLError ? withCode(e, ErrorCode.BAD_USER_INPUT) : e;
              }
              if (config.isProduction && errors[i] instanceof GraphQLError) {
                errors[i] = withoutSuggestions(errors[i]);
              }
            });
          }
        },
      } satisfies Plugin,
      useErrorHandler(({ errors, context }) => {
        for (const error of errors) {
          const original = error instanceof GraphQLError ? error.originalError : error;
          if (original && !(original instanceof GraphQLError)) {
            logger.error(
              { err: original, requestId: (context as Partial<Context>)?.requestId },
              'unexpected error',
            );
          }
        }
      }),
    ],
  });

  const server = createServer(yoga);
  const wss = new WebSocketServer({ server, path: yoga.graphqlEndpoint, maxPayload: 1024 * 1024 });
  const wsServer = useServer<
    Record<string, unknown>,
    { auth?: Awaited<ReturnType<typeof authenticate>> }
  >(
    {
      connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
      execute: (args) =>
        (args.rootValue as { execute: typeof import('graphql').execute }).execute(args),
      subscribe: (args) =>
        (args.rootValue as { subscribe: typeof import('graphql').subscribe }).subscribe(args),
      onConnect: async (ctx) => {
        const auth = await authenticate(db, authorizationFromParams(ctx.connectionParams), jwt);
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
        const requestId = randomUUID();
        const context: Context = {
          requestId,
          viewer: ctx.extra.auth?.viewer ?? null,
          authError: ctx.extra.auth?.authError,
          credentialId: ctx.extra.auth?.credentialId,
          db,
          services,
        };
        const enveloped = yoga.getEnveloped({
          ...context,
          req: ctx.extra.request,
          socket: ctx.extra.socket,
          params: payload,
        });
        // A syntax error or an Armor limit (thrown by parse or validate) is an `error` message
        // for this subscription, as over HTTP; thrown, graphql-ws would close the socket (4500).
        let document: DocumentNode;
        let errors: readonly GraphQLError[];
        try {
          document = enveloped.parse(payload.query);
          errors = enveloped.validate(enveloped.schema, document);
        } catch (error) {
          if (error instanceof GraphQLError) return [withCode(error, ErrorCode.BAD_USER_INPUT)];
          throw error;
        }
        if (errors.length)
          return errors.map((e: GraphQLError) => withCode(e, ErrorCode.BAD_USER_INPUT));
        const args = {
          schema: enveloped.schema,
          operationName: payload.operationName,
          document,
          variableValues: payload.variables,
          contextValue: await enveloped.contextFactory(),
          rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
        };
        if (!getOperationAST(document, payload.operationName)) {
          return [
            AppError.badInput(
              'operationName',
              payload.operationName
                ? `Unknown operation named "${payload.operationName}".`
                : 'Must provide operation name if query contains multiple operations.',
            ),
          ];
        }
        return args;
      },
    },
    wss,
  );

  const timers: NodeJS.Timeout[] = [];
  return {
    server,
    yoga,
    services,
    async listen(port = config.port, host = config.host) {
      await new Promise<void>((resolve, reject) => {
        server.once('error', reject);
        server.listen(port, host, () => resolve());
      });
      const recover = () =>
        chat.recoverInterrupted().catch((err) => logger.error({ err }, 'lease recovery failed'));
      await recover();
      timers.push(setInterval(recover, Math.max(1000, config.turnLeaseMs / 2)));
      timers.push(setInterval(() => void events.sweep(10 * 60_000).catch(() => {}), 60_000));
      timers.push(
        setInterval(
          () =>
            void sessions
              .sweepExpiry()
              .catch((err) => logger.error({ err }, 'expiry sweep failed')),
          config.expirySweepMs,
        ),
      );
      for (const t of timers) t.unref();
      const { port: actual } = server.address() as AddressInfo;
      const shownHost = host === '0.0.0.0' || host === '::' ? 'localhost' : host;
      return `http://${shownHost}:${actual}/graphql`;
    },
    async close() {
      for (const t of timers) clearInterval(t);
      await chat.close();
      await events.flush().catch(() => {});
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await wsServer.dispose();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await events.close();
      for (const client of Object.values(redis ?? {})) client.disconnect();
    },
  };
}
