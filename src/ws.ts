import type { IncomingMessage, Server } from 'node:http';
import {
  type DocumentNode,
  type ExecutionArgs,
  GraphQLError,
  getOperationAST,
  type execute as graphqlExecute,
  type subscribe as graphqlSubscribe,
} from 'graphql';
import {
  CloseCode,
  handleProtocols,
  makeServer,
  type SubscribePayload,
  type Context as WsContext,
} from 'graphql-ws';
import type { Logger } from 'pino';
import { type WebSocket, WebSocketServer } from 'ws';
import type { Viewer } from './auth/api-keys.js';
import {
  type AuthResult,
  authenticate,
  authorizationFromParams,
  presentsCredential,
} from './auth/authenticate.js';
import { createContext } from './context.js';
import { AppError, ErrorCode } from './errors.js';
import { clientIp } from './http/client.js';
import { withCode, withoutSuggestions } from './http/errors.js';
import type { PersistedDocuments } from './http/persisted-documents.js';
import type { Yoga } from './http/yoga.js';
import { ThrottledLog } from './limits/log-throttle.js';
import type { Services } from './services.js';

/** Largest WebSocket message accepted (larger: close 1009). */
const MAX_MESSAGE_BYTES = 1024 * 1024;
/** How often a socket is pinged; one that does not answer within as long is dropped. */
const KEEP_ALIVE_MS = 12_000;
/** setTimeout's longest delay; a token valid for longer is re-armed when this passes. */
const MAX_TIMER_MS = 2 ** 31 - 1;

interface Enveloped {
  execute: typeof graphqlExecute;
  subscribe: typeof graphqlSubscribe;
}

/** What this server keeps per graphql-ws connection. */
interface Extra {
  socket: WebSocket;
  request: IncomingMessage;
  ip: string;
  auth?: AuthResult;
  expiry?: NodeJS.Timeout;
}

type Connection = WsContext<Record<string, unknown>, Extra>;

/**
 * Parses and validates a subscription through Yoga's envelop. A syntax error or an Armor limit
 * (thrown by parse or validate) is an `error` message for this subscription, as over HTTP;
 * thrown, graphql-ws would close the socket (4500).
 */
function prepare(
  enveloped: ReturnType<Yoga['getEnveloped']>,
  payload: SubscribePayload,
  persisted: PersistedDocuments | null,
): DocumentNode | readonly GraphQLError[] {
  let document: DocumentNode;
  try {
    document = enveloped.parse(persisted?.queryFor(payload) ?? payload.query);
    const errors = enveloped.validate(enveloped.schema, document);
    if (errors.length)
      return errors.map((e: GraphQLError) => withCode(e, ErrorCode.BAD_USER_INPUT));
  } catch (error) {
    if (error instanceof AppError) return [error]; // an unknown or untrusted document
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

const operationsOf = (c: Connection) => Object.keys(c.subscriptions).length;

const tooManySubscriptions = (max: number, where: string, variable: string) =>
  new AppError(
    ErrorCode.RATE_LIMITED,
    `Too many subscriptions: at most ${max} at once ${where} (${variable}); complete one first`,
    { retryAfterSeconds: 1, limit: max },
  );

/**
 * The acknowledged connections and what they are allowed: a JWT's socket closes (4403) when the
 * token expires, an API key's when the key is revoked (`checkCredentials`, every
 * WS_CREDENTIAL_CHECK_MS, so a revocation made anywhere holds); subscriptions are capped per
 * socket and per user (graphql-ws's own `ctx.subscriptions` are what is counted).
 */
class Connections {
  private readonly open = new Set<Connection>();
  private readonly byUser = new Map<string, Set<Connection>>();

  constructor(private readonly services: Services) {}

  add(c: Connection, auth: AuthResult & { viewer: Viewer }) {
    c.extra.auth = auth;
    this.open.add(c);
    const mine = this.byUser.get(auth.viewer.id) ?? new Set();
    mine.add(c);
    this.byUser.set(auth.viewer.id, mine);
    this.armExpiry(c);
  }

  forget(c: Connection) {
    clearTimeout(c.extra.expiry);
    if (!this.open.delete(c)) return;
    const userId = c.extra.auth?.viewer?.id;
    const mine = userId ? this.byUser.get(userId) : undefined;
    mine?.delete(c);
    if (userId && mine?.size === 0) this.byUser.delete(userId);
  }

  /** An error when one more operation would pass a cap (it is already in ctx.subscriptions). */
  capExceeded(c: Connection): AppError | null {
    const { config } = this.services;
    if (operationsOf(c) > config.wsMaxSubscriptionsPerSocket) {
      const max = config.wsMaxSubscriptionsPerSocket;
      return tooManySubscriptions(max, 'per socket', 'WS_MAX_SUBSCRIPTIONS_PER_SOCKET');
    }
    const userId = c.extra.auth?.viewer?.id;
    let total = 0;
    for (const other of (userId && this.byUser.get(userId)) || []) total += operationsOf(other);
    if (total > config.maxSubscriptionsPerUser) {
      const max = config.maxSubscriptionsPerUser;
      return tooManySubscriptions(max, 'per user', 'MAX_SUBSCRIPTIONS_PER_USER');
    }
    return null;
  }

  /** Closes the sockets of revoked or deleted API keys, and of expired tokens. */
  async checkCredentials() {
    const now = Date.now();
    for (const c of this.open) {
      const expiresAt = c.extra.auth?.expiresAt;
      if (expiresAt !== undefined && expiresAt <= now) this.shut(c, 'Token expired');
    }
    const keyOf = (c: Connection) => c.extra.auth?.keyId ?? '';
    const keyed = [...this.open].filter((c) => keyOf(c));
    if (!keyed.length) return;
    const valid = await this.services.apiKeys.stillValid(keyed.map(keyOf));
    for (const c of keyed) if (!valid.has(keyOf(c))) this.shut(c, 'API key revoked');
  }

  private shut(c: Connection, reason: string) {
    this.forget(c);
    const { socket } = c.extra;
    if (socket.readyState === socket.OPEN) socket.close(CloseCode.Forbidden, reason);
  }

  /** Closes the socket when its JWT expires (re-armed while the expiry is past a timer's reach). */
  private armExpiry(c: Connection) {
    const expiresAt = c.extra.auth?.expiresAt;
    if (expiresAt === undefined) return;
    const left = expiresAt - Date.now();
    if (left <= 0) return this.shut(c, 'Token expired');
    c.extra.expiry = setTimeout(() => this.armExpiry(c), Math.min(left, MAX_TIMER_MS));
    c.extra.expiry.unref();
  }
}

/**
 * graphql-ws's connection_init: per-IP limits first (4429), then the credential (a bad one is
 * 4403 and counts as a failed authentication of the IP).
 */
async function admit(services: Services, connections: Connections, c: Connection) {
  const { ip, socket } = c.extra;
  const authorization = authorizationFromParams(c.connectionParams);
  const limits = services.clientLimits;
  const credential = presentsCredential(authorization);
  const refusal = credential ? await limits.credentialsRefused(ip) : await limits.anonymous(ip);
  if (refusal) {
    socket.close(CloseCode.TooManyInitialisationRequests, `Too many ${refusal.what}`);
    return false;
  }
  const auth = await authenticate(services, authorization);
  if (!auth.viewer) {
    if (credential) await limits.authFailed(ip);
    // graphql-ws would close with a bare "Forbidden": say what is wrong and what to send.
    socket.close(
      CloseCode.Forbidden,
      credential
        ? 'Forbidden: the credential is invalid, expired or revoked'
        : 'Forbidden: send connectionParams.authorization = "Bearer <API key>"',
    );
    return false;
  }
  connections.add(c, { ...auth, viewer: auth.viewer });
  return true;
}

/** One operation of a socket, executed through Yoga's envelop like an HTTP request. */
async function executionArgs(
  { yoga, services, persisted }: Served,
  c: Connection,
  payload: SubscribePayload,
): Promise<ExecutionArgs | readonly GraphQLError[]> {
  const context = createContext(services, c.extra.auth ?? { viewer: null });
  const enveloped = yoga.getEnveloped({
    ...context,
    req: c.extra.request,
    socket: c.extra.socket,
    params: payload,
  });
  const document = prepare(enveloped, payload, persisted);
  if (Array.isArray(document)) return document;
  return {
    schema: enveloped.schema,
    operationName: payload.operationName,
    document: document as DocumentNode,
    variableValues: payload.variables,
    contextValue: await enveloped.contextFactory(),
    rootValue: { execute: enveloped.execute, subscribe: enveloped.subscribe },
  };
}

/** What every operation of a socket runs through. */
interface Served {
  yoga: Yoga;
  services: Services;
  persisted: PersistedDocuments | null;
}

type GraphqlWs = ReturnType<typeof makeServer<Record<string, unknown>, Extra>>;

/**
 * What graphql-ws's use/ws does (protocol negotiation, keep-alive pings, message and close
 * handling), with its console.error replaced: errors a client causes with a bad frame (too
 * large, invalid UTF-8, unmasked; ws has already closed the socket with 1009, 1007 or 1002) go
 * to pino at a bounded rate, never to stderr.
 */
function serveSockets(wss: WebSocketServer, graphqlWs: GraphqlWs, logger: Logger) {
  const clientErrors = new ThrottledLog(logger, { perMinute: 5, level: 'info' });
  const serverErrors = new ThrottledLog(logger, { perMinute: 10, level: 'error' });
  wss.on('error', (err) => {
    // ws passes on the HTTP server's listen error (EADDRINUSE); listen() reports it, in one line.
    if ((err as NodeJS.ErrnoException).syscall === 'listen') return;
    serverErrors.write({ err }, 'WebSocket server error');
  });
  wss.on('connection', (socket, request) => {
    const ip = clientIp({ req: request });
    socket.on('error', (err) => {
      const code = (err as { code?: string }).code;
      clientErrors.write({ err: err.message, code, ip }, 'WebSocket client error');
      if (socket.readyState === socket.OPEN) socket.close(CloseCode.BadRequest, 'Bad request');
    });
    let pongWait: NodeJS.Timeout | undefined;
    const ping = setInterval(() => {
      if (socket.readyState !== socket.OPEN) return;
      pongWait = setTimeout(() => socket.terminate(), KEEP_ALIVE_MS);
      socket.once('pong', () => clearTimeout(pongWait));
      socket.ping();
    }, KEEP_ALIVE_MS);
    const closeIfOpen = (code: number, reason: string) => {
      if (socket.readyState === socket.OPEN) socket.close(code, reason);
    };
    const closed = graphqlWs.opened(
      {
        protocol: socket.protocol,
        send: (data) =>
          new Promise<void>((resolve, reject) => {
            if (socket.readyState !== socket.OPEN) return resolve();
            socket.send(data, (err) => (err ? reject(err) : resolve()));
          }),
        close: closeIfOpen,
        onMessage: (handle) =>
          socket.on('message', async (data) => {
            try {
              await handle(String(data));
            } catch (err) {
              // A message type only a server sends (next, error, connection_ack) is the client's
              // mistake; graphql-ws throws for it after validating the message.
              const message = err instanceof Error ? err.message : '';
              if (/^Unexpected message of type \w+ received$/.test(message)) {
                clientErrors.write({ err: message, ip }, 'WebSocket client error');
                return closeIfOpen(CloseCode.BadRequest, message);
              }
              serverErrors.write({ err }, 'WebSocket message failed');
              closeIfOpen(CloseCode.InternalServerError, 'Internal server error');
            }
          }),
      },
      { socket, request, ip },
    );
    socket.once('close', (code, reason) => {
      clearTimeout(pongWait);
      clearInterval(ping);
      closed(code, String(reason)).catch((err) =>
        serverErrors.write({ err }, 'WebSocket close failed'),
      );
    });
  });
  return { flush: () => clientErrors.flush() };
}

/**
 * GraphQL over WebSocket (graphql-ws's makeServer on a `ws` server, on the HTTP server's
 * /graphql), through Yoga's envelop: masking, limits, metrics and auth behave as over HTTP. The
 * credential is checked on connect and then kept checked (see Connections).
 */
export function createWsServer(
  server: Server,
  yoga: Yoga,
  services: Services,
  persisted: PersistedDocuments | null = null,
) {
  const { config, logger } = services;
  const wss = new WebSocketServer({
    server,
    path: yoga.graphqlEndpoint,
    maxPayload: MAX_MESSAGE_BYTES,
    handleProtocols: (protocols) => handleProtocols(protocols),
    // Load shedding (limits/overload.ts): an overloaded process refuses the handshake with 503.
    verifyClient: (_info, done) => {
      const refusal = services.shedder.refusal('ws');
      if (!refusal) return done(true);
      const seconds = String(refusal.extensions.retryAfterSeconds);
      done(false, 503, refusal.message, { 'Retry-After': seconds });
    },
  });
  const connections = new Connections(services);
  const credentialCheck = setInterval(() => {
    connections
      .checkCredentials()
      .catch((err) => logger.error({ err }, 'WebSocket credential check failed'));
  }, config.wsCredentialCheckMs);
  credentialCheck.unref();

  const graphqlWs = makeServer<Record<string, unknown>, Extra>({
    connectionInitWaitTimeout: config.wsConnectionInitTimeoutMs,
    execute: (args) => (args.rootValue as Enveloped).execute(args),
    subscribe: (args) => (args.rootValue as Enveloped).subscribe(args),
    onConnect: (ctx) => admit(services, connections, ctx as Connection),
    onClose: (ctx) => connections.forget(ctx as Connection),
    // Production: no suggestions over WebSocket either (results and `error` messages).
    onNext: config.isProduction
      ? (_ctx, _id, _payload, _args, result) =>
          result.errors ? { ...result, errors: result.errors.map(withoutSuggestions) } : result
      : undefined,
    onError: config.isProduction
      ? (_ctx, _id, _payload, errors) => errors.map(withoutSuggestions)
      : undefined,
    onSubscribe: (ctx, _id, payload) => {
      // Counted before anything is awaited: the operation is already in ctx.subscriptions.
      const capped = connections.capExceeded(ctx as Connection);
      if (capped) return [capped];
      return executionArgs({ yoga, services, persisted }, ctx as Connection, payload);
    },
  });
  const sockets = serveSockets(wss, graphqlWs, logger);

  return {
    wss,
    /** Closes every socket (1001) and the server. */
    async close() {
      clearInterval(credentialCheck);
      for (const client of wss.clients) client.close(1001, 'server shutting down');
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      sockets.flush();
    },
  };
}
