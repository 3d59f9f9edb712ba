import { createRequire } from 'node:module';
import type { LanguageModelV3 } from '@ai-sdk/provider';
import type { Logger } from 'pino';
import { ApiKeyVerifier } from './auth/api-keys.js';
import { createJwtVerifier, type JwtVerifier } from './auth/jwt.js';
import { Checkpoints } from './chat/checkpoints.js';
import { withCoalescing } from './chat/models/coalesce.js';
import { resolveModel } from './chat/models/index.js';
import { TurnRunner } from './chat/runner.js';
import { ChatService } from './chat/service.js';
import { TurnStore } from './chat/turns.js';
import { UsageService } from './chat/usage.js';
import type { Config } from './config.js';
import type { Database, Db } from './db/client.js';
import { EventLog } from './events/log.js';
import { type AppPubSub, createAppPubSub } from './events/pubsub.js';
import { MemoryTransport } from './events/transport/memory.js';
import { RedisTransport } from './events/transport/redis.js';
import { HealthService } from './health.js';
import { ClientLimits } from './limits/client-limits.js';
import { LoadShedder } from './limits/overload.js';
import { StorageQuota } from './limits/quota.js';
import { MemoryRateLimiter, type RateLimiter, RedisRateLimiter } from './limits/rate-limit.js';
import { Lanes } from './limits/response-budget.js';
import { createMetrics, type Metrics } from './metrics.js';
import { AgentService } from './sessions/agents.js';
import { BranchService } from './sessions/branches.js';
import { ExpirySweep } from './sessions/expiry-sweep.js';
import { SearchService } from './sessions/search.js';
import { SessionService } from './sessions/service.js';
import { TransferService } from './sessions/transfer.js';
import { MemoryService } from './users/memories.js';
import { UserService } from './users/service.js';
import { access } from './workspaces/access.js';
import { ProjectService } from './workspaces/projects.js';
import { WorkspaceService } from './workspaces/service.js';

export interface ServicesOptions {
  config: Config;
  database: Database;
  logger: Logger;
  /** The language model; by default the one MODEL names. Tests pass the AI SDK's mock model. */
  model?: LanguageModelV3;
  modelName?: string;
  /** Shared limiter (Redis with several processes); in memory by default. */
  rateLimiter?: RateLimiter;
  /** Tracing is on: turns and model calls make spans (src/http/tracing.ts). */
  telemetry?: boolean;
}

/** Everything the app is built from, created once per app. */
export interface Services {
  config: Config;
  db: Db;
  databaseKind: Database['kind'];
  logger: Logger;
  pubsub: AppPubSub;
  events: EventLog;
  rateLimiter: RateLimiter;
  jwt: JwtVerifier | null;
  /** API keys, verified and briefly remembered (API_KEY_CACHE_MS). */
  apiKeys: ApiKeyVerifier;
  /** Per-IP limits: requests without a credential, failed authentications. */
  clientLimits: ClientLimits;
  /** Per-user storage quota (STORAGE_QUOTA_MESSAGES, STORAGE_QUOTA_BYTES). */
  quota: StorageQuota;
  /** Token usage, and the daily token quota (QUOTA_TOKENS_PER_DAY). */
  usage: UsageService;
  /** Each user's loads of paged fields, one at a time (see ResponseBudget). */
  userLoads: Lanes;
  agents: AgentService;
  users: UserService;
  /** What the agent remembers about each user, and the user's memory setting. */
  memories: MemoryService;
  sessions: SessionService;
  /** Workspaces and their members. */
  workspaces: WorkspaceService;
  projects: ProjectService;
  /** Who sees what (workspaces/access.ts), for the Pothos node lookups. */
  access: typeof access;
  /** The message tree of sessions: siblings, switching and forking branches. */
  branches: BranchService;
  /** Sessions as AI SDK UIMessage[]: export and import. */
  transfer: TransferService;
  /** Full-text search over a user's messages. */
  search: SearchService;
  expiry: ExpirySweep;
  chat: ChatService;
  runner: TurnRunner;
  /** Load shedding: refuses new requests while the event loop runs late. */
  shedder: LoadShedder;
  health: HealthService;
  metrics: Metrics;
  /** Name of the model in use, for health and logs ("local", "openai:gpt-4o-mini"). */
  modelName: string;
  /** Starts the periodic work: lease recovery, idle event logs, session timeouts. */
  start(): Promise<void>;
  /** Stops the periodic work, ends running turns (INTERRUPTED) and saves what must survive. */
  stop(): Promise<void>;
  /** Releases the event transport and Redis (after the servers closed their subscriptions). */
  close(): Promise<void>;
}

function connectRedis(url: string, logger: Logger) {
  // Loaded only with REDIS_URL: a single-process server starts without it.
  const { Redis } = createRequire(import.meta.url)('ioredis') as typeof import('ioredis');
  const clients = {
    commands: new Redis(url, { lazyConnect: false, maxRetriesPerRequest: 3 }),
    pubsubSubscriber: new Redis(url),
    eventsSubscriber: new Redis(url),
  };
  for (const client of Object.values(clients)) {
    client.on('error', (err) => logger.warn({ err: err.message }, 'redis error'));
  }
  return clients;
}

/** Sessions and the workspaces and projects that scope them. */
function createSessionServices(deps: {
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  agents: AgentService;
}) {
  const workspaces = new WorkspaceService({ db: deps.db, pubsub: deps.pubsub });
  const sessions = new SessionService({ ...deps, workspaces });
  return { workspaces, sessions, projects: new ProjectService({ db: deps.db, sessions }), access };
}

/** The turn path: the store, the runner and admission. */
function createTurns(deps: {
  config: Config;
  db: Db;
  events: EventLog;
  pubsub: AppPubSub;
  agents: AgentService;
  sessions: SessionService;
  /** Workspaces and their members. */
  rateLimiter: RateLimiter;
  quota: StorageQuota;
  usage: UsageService;
  model: LanguageModelV3;
  modelName: string;
  logger: Logger;
  metrics: Metrics;
  telemetry: boolean;
}) {
  const { config, db, events, logger } = deps;
  const processId = `${process.pid}-${crypto.randomUUID().slice(0, 8)}`;
  const store = new TurnStore({ db, events, processId, leaseMs: config.turnLeaseMs });
  const checkpoints = new Checkpoints({
    db,
    events,
    logger,
    intervalMs: config.turnCheckpointMs,
    leaseMs: config.turnLeaseMs,
  });
  const runner = new TurnRunner({
    ...deps,
    store,
    checkpoints,
    onDelta: deps.metrics.onDelta,
  });
  const chat = new ChatService({
    ...deps,
    store,
    runner,
    sendPerMinute: config.rateLimitSendPerMinute,
    maxRunningTurns: config.maxRunningTurns,
  });
  return { runner, chat };
}

/** The periodic work: lease recovery, idle event logs, session timeouts. */
function periodicWork(
  config: Config,
  logger: Logger,
  work: { runner: TurnRunner; events: EventLog; expiry: ExpirySweep },
) {
  const timers: NodeJS.Timeout[] = [];
  const every = (ms: number, run: () => Promise<unknown>, what: string) => {
    const timer = setInterval(
      () => void run().catch((err) => logger.error({ err }, `${what} failed`)),
      ms,
    );
    timer.unref();
    timers.push(timer);
  };
  return {
    async start() {
      const recover = () => work.runner.recoverInterrupted();
      await recover().catch((err) => logger.error({ err }, 'lease recovery failed'));
      every(Math.max(1000, config.turnLeaseMs / 2), recover, 'lease recovery');
      every(60_000, () => work.events.sweep(10 * 60_000), 'event log sweep');
      every(config.expirySweepMs, () => work.expiry.run(), 'expiry sweep');
    },
    stop() {
      for (const t of timers) clearInterval(t);
    },
  };
}

/** The model of the turns: one passed in (tests), coalesced like the local one, or MODEL's. */
function chooseModel(options: ServicesOptions) {
  const { config } = options;
  return options.model
    ? {
        model: withCoalescing(options.model, config.streamCoalesceMs),
        name: options.modelName ?? options.model.modelId,
      }
    : resolveModel(config);
}

/** What several processes share through Redis (REDIS_URL), or this process's own. */
function sharedState(options: ServicesOptions) {
  const { config, logger } = options;
  const redis = config.redisUrl ? connectRedis(config.redisUrl, logger) : undefined;
  const pubsub = createAppPubSub(
    redis
      ? {
          publishClient: redis.commands,
          subscribeClient: redis.pubsubSubscriber,
          onError: (err) => logger.warn({ err: err.message }, 'redis pub/sub call failed'),
        }
      : undefined,
  );
  const rateLimiter =
    options.rateLimiter ?? (redis ? new RedisRateLimiter(redis.commands) : new MemoryRateLimiter());
  const transport = redis
    ? new RedisTransport({ redis: redis.commands, subscriber: redis.eventsSubscriber })
    : new MemoryTransport();
  return { redis, pubsub, rateLimiter, transport };
}

/** Builds every service from the configuration (with REDIS_URL: shared by every process). */
export function createServices(options: ServicesOptions): Services {
  const { config, database, logger } = options;
  const db = database.prisma;
  const chosen = chooseModel(options);
  const { redis, pubsub, rateLimiter, transport } = sharedState(options);
  const events = new EventLog({ db, transport });
  const metrics = createMetrics();
  const agents = new AgentService(db);
  const scoped = createSessionServices({ db, events, pubsub, agents });
  const { sessions } = scoped;
  const branches = new BranchService({ db, events, sessions });
  const quota = new StorageQuota(db, {
    maxMessages: config.storageQuotaMessages,
    maxBytes: config.storageQuotaBytes,
  });
  const usage = new UsageService({ db, tokensPerDay: config.quotaTokensPerDay });
  const limits = { rateLimiter, quota, usage };
  const turns = { config, db, events, pubsub, agents, sessions, ...limits, logger, metrics };
  const model = { model: chosen.model, modelName: chosen.name, telemetry: !!options.telemetry };
  const { runner, chat } = createTurns({ ...turns, ...model });
  const shedder = new LoadShedder({ maxLoopDelayMs: config.overloadLoopDelayMs, logger });
  metrics.track({
    subscriptions: () => events.subscriberCount(),
    runningTurns: () => runner.runningCount(),
    statements: () => database.statements(),
  });
  const expiry = new ExpirySweep({ db, events, sessions });
  const health = new HealthService({
    db,
    databaseKind: database.kind,
    pubsubKind: redis ? 'redis' : 'memory',
    pingPubSub: async () => {
      if (redis) await redis.commands.ping();
    },
    modelName: chosen.name,
  });
  const periodic = periodicWork(config, logger, { runner, events, expiry });
  return {
    config,
    db,
    databaseKind: database.kind,
    logger,
    pubsub,
    events,
    rateLimiter,
    jwt: createJwtVerifier(db, { secret: config.jwtSecret, jwksUrl: config.jwtJwksUrl }),
    apiKeys: new ApiKeyVerifier(db, { cacheMs: config.apiKeyCacheMs }),
    clientLimits: new ClientLimits(rateLimiter, {
      anonymousPerMinute: config.rateLimitAnonymousPerMinute,
      authFailuresPerMinute: config.authFailuresPerMinute,
    }),
    quota,
    usage,
    userLoads: new Lanes(),
    agents,
    users: new UserService(db),
    memories: new MemoryService(db),
    ...scoped,
    branches,
    transfer: new TransferService({ db, sessions, quota }),
    search: new SearchService(db),
    expiry,
    chat,
    runner,
    shedder,
    health,
    metrics,
    modelName: chosen.name,
    async start() {
      // Measured from here: the stalls of starting up are not overload.
      shedder.start();
      await periodic.start();
    },
    async stop() {
      periodic.stop();
      await runner.close();
      await events.flush().catch((err) => logger.warn({ err }, 'event seqs not saved'));
    },
    async close() {
      shedder.close();
      await events.close();
      for (const client of Object.values(redis ?? {})) client.disconnect();
    },
  };
}
