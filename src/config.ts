import path from 'node:path';
import { z } from 'zod';
import { DEFAULT_PREPARED_STATEMENTS } from './db/statement-names.js';

const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalString = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

/** `https://app.example, http://localhost:3000` → the list; `*` stays `*`. */
const parseOrigins = (value: string | undefined) =>
  (value ?? '')
    .split(',')
    .map((o) => o.trim())
    .filter(Boolean);

/** What a browser sends as Origin: scheme://host[:port], nothing more. */
const isOrigin = (value: string) => {
  try {
    return new URL(value).origin === value;
  } catch {
    return false;
  }
};

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: intFrom(4000).pipe(z.number().max(65535)),
    /** Unset: 127.0.0.1, or 0.0.0.0 with NODE_ENV=production. */
    HOST: optionalString,
    DATA_DIR: z.string().default('./.data'),
    DATABASE_URL: optionalString.pipe(
      z
        .string()
        .regex(
          /^postgres(ql)?:\/\//,
          'must be a postgres:// URL (leave it unset for the embedded database)',
        )
        .optional(),
    ),
    /** PostgreSQL: distinct statements each connection keeps prepared (0: none, for PgBouncer < 1.21). */
    DATABASE_PREPARED_STATEMENTS: intFrom(DEFAULT_PREPARED_STATEMENTS),
    MODEL: optionalString,
    OPENAI_API_KEY: optionalString,
    OPENAI_BASE_URL: optionalString.pipe(z.url().optional()),
    REDIS_URL: optionalString.pipe(
      z
        .string()
        .regex(/^rediss?:\/\//, 'must be a redis:// URL')
        .optional(),
    ),
    JWT_SECRET: optionalString.pipe(
      z.string().min(32, 'must be at least 32 characters').optional(),
    ),
    JWT_JWKS_URL: optionalString.pipe(z.url().optional()),
    RATE_LIMIT_SEND_PER_MINUTE: intFrom(30),
    RATE_LIMIT_PER_MINUTE: intFrom(600),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
    LOCAL_MODEL_DELAY_MS: intFrom(20),
    /** How often a running turn saves its partial answer (crash recovery). */
    TURN_CHECKPOINT_MS: intFrom(2000, 100),
    /** How long a turn's lease lasts without renewal before another process may end it. */
    TURN_LEASE_MS: intFrom(30000, 1000),
    /** Merge the model's text deltas arriving within this many ms into one event (0: off). */
    STREAM_COALESCE_MS: intFrom(40),
    /** How often sessions are checked for their timeout (SessionExpiring, EXPIRED). */
    EXPIRY_SWEEP_MS: intFrom(30000, 100),
    /** How long a graphql-ws connection may stay open without sending connection_init (4408). */
    WS_CONNECTION_INIT_TIMEOUT_MS: intFrom(10000, 1),
    /** Origins allowed to call the API from a browser: comma-separated, or `*` (no credentials). */
    CORS_ORIGINS: optionalString,
    /** When set, GET /metrics wants `Authorization: Bearer <METRICS_TOKEN>`. */
    METRICS_TOKEN: optionalString,
    /** Distinct operation names labelled in /metrics; further ones are counted as "(other)". */
    METRICS_MAX_OPERATION_NAMES: intFrom(100, 1),
    /** Largest HTTP response or subscription payload, in bytes (measured while executing). */
    RESPONSE_MAX_BYTES: intFrom(10 * 1024 * 1024, 1024),
    /** Static cost limit of an operation; message text and JSON count 100 per item of a page. */
    QUERY_MAX_COST: intFrom(300_000, 100),
    /** Messages (all roles) a user may store, over all sessions; 0: unlimited. */
    STORAGE_QUOTA_MESSAGES: intFrom(100_000),
    /** UTF-8 bytes of message text a user may store, over all sessions; 0: unlimited. */
    STORAGE_QUOTA_BYTES: intFrom(100 * 1024 * 1024),
    /** Model tokens a user's turns may use per day (UTC); 0: unlimited. */
    QUOTA_TOKENS_PER_DAY: intFrom(0),
    /** GraphQL requests without a credential per client IP per minute; 0: off. */
    RATE_LIMIT_ANONYMOUS_PER_MINUTE: intFrom(120),
    /** Failed authentications per client IP per minute before its credentials get 429; 0: off. */
    AUTH_FAILURES_PER_MINUTE: intFrom(30),
    /** How long a verified API key is trusted without asking the database (0: always ask). */
    API_KEY_CACHE_MS: intFrom(5000),
    /** How often open WebSockets' API keys are checked for revocation (closed with 4403). */
    WS_CREDENTIAL_CHECK_MS: intFrom(60_000, 100),
    /** Operations one graphql-ws socket may run at once. */
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: intFrom(100, 1),
    /** Operations one user may run at once over all their sockets (per server process). */
    MAX_SUBSCRIPTIONS_PER_USER: intFrom(200, 1),
    /** Event-loop delay (ms) past which new requests are refused with 503 at once; 0: off. */
    OVERLOAD_LOOP_DELAY_MS: intFrom(1000),
    /** Turns that may run at once in one server process (RATE_LIMITED past it); 0: unlimited. */
    MAX_RUNNING_TURNS: intFrom(2000),
    /** Trusted documents (client/generated/persisted-documents.json): off | allow | only. */
    PERSISTED_DOCUMENTS: z.enum(['off', 'allow', 'only']).default('allow'),
    /** When set, traces (HTTP, GraphQL, turns, model calls, SQL) go to this OTLP/HTTP collector. */
    OTEL_EXPORTER_OTLP_ENDPOINT: optionalString.pipe(z.url().optional()),
  })
  .transform((env) => {
    const model = env.MODEL ?? (env.OPENAI_API_KEY ? 'openai:gpt-4o-mini' : 'local');
    return {
      nodeEnv: env.NODE_ENV,
      isProduction: env.NODE_ENV === 'production',
      port: env.PORT,
      host: env.HOST ?? (env.NODE_ENV === 'production' ? '0.0.0.0' : '127.0.0.1'),
      dataDir: path.resolve(env.DATA_DIR),
      databaseUrl: env.DATABASE_URL,
      databasePreparedStatements: env.DATABASE_PREPARED_STATEMENTS,
      model,
      openaiApiKey: env.OPENAI_API_KEY,
      openaiBaseUrl: env.OPENAI_BASE_URL,
      redisUrl: env.REDIS_URL,
      jwtSecret: env.JWT_SECRET,
      jwtJwksUrl: env.JWT_JWKS_URL,
      rateLimitSendPerMinute: env.RATE_LIMIT_SEND_PER_MINUTE,
      rateLimitPerMinute: env.RATE_LIMIT_PER_MINUTE,
      logLevel: env.LOG_LEVEL,
      localModelDelayMs: env.LOCAL_MODEL_DELAY_MS,
      turnCheckpointMs: env.TURN_CHECKPOINT_MS,
      turnLeaseMs: env.TURN_LEASE_MS,
      expirySweepMs: env.EXPIRY_SWEEP_MS,
      streamCoalesceMs: env.STREAM_COALESCE_MS,
      wsConnectionInitTimeoutMs: env.WS_CONNECTION_INIT_TIMEOUT_MS,
      corsOrigins: parseOrigins(env.CORS_ORIGINS),
      metricsToken: env.METRICS_TOKEN,
      metricsMaxOperationNames: env.METRICS_MAX_OPERATION_NAMES,
      responseMaxBytes: env.RESPONSE_MAX_BYTES,
      queryMaxCost: env.QUERY_MAX_COST,
      storageQuotaMessages: env.STORAGE_QUOTA_MESSAGES,
      storageQuotaBytes: env.STORAGE_QUOTA_BYTES,
      quotaTokensPerDay: env.QUOTA_TOKENS_PER_DAY,
      rateLimitAnonymousPerMinute: env.RATE_LIMIT_ANONYMOUS_PER_MINUTE,
      authFailuresPerMinute: env.AUTH_FAILURES_PER_MINUTE,
      apiKeyCacheMs: env.API_KEY_CACHE_MS,
      wsCredentialCheckMs: env.WS_CREDENTIAL_CHECK_MS,
      wsMaxSubscriptionsPerSocket: env.WS_MAX_SUBSCRIPTIONS_PER_SOCKET,
      maxSubscriptionsPerUser: env.MAX_SUBSCRIPTIONS_PER_USER,
      overloadLoopDelayMs: env.OVERLOAD_LOOP_DELAY_MS,
      maxRunningTurns: env.MAX_RUNNING_TURNS,
      persistedDocuments: env.PERSISTED_DOCUMENTS,
      otelEndpoint: env.OTEL_EXPORTER_OTLP_ENDPOINT,
    };
  })
  .superRefine((c, ctx) => {
    const badOrigin = c.corsOrigins.find((o) => o !== '*' && !isOrigin(o));
    if (badOrigin !== undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['CORS_ORIGINS'],
        message: `"${badOrigin}" is not an origin (scheme://host[:port]) or "*"`,
      });
    }
    if (!/^(local|openai:.+)$/.test(c.model)) {
      ctx.addIssue({
        code: 'custom',
        path: ['MODEL'],
        message: `unknown model "${c.model}": use "local" or "openai:<model id>"`,
      });
    } else if (c.model.startsWith('openai:') && !c.openaiApiKey && !c.openaiBaseUrl) {
      ctx.addIssue({
        code: 'custom',
        path: ['MODEL'],
        message: `"${c.model}" needs OPENAI_API_KEY (or OPENAI_BASE_URL for an OpenAI-compatible server)`,
      });
    }
  });

export type Config = z.output<typeof envSchema>;

export class ConfigError extends Error {}

/** Reads and validates the environment once; a bad value becomes one line naming the variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  // An empty variable (PORT= in a .env file) means "use the default".
  const given = Object.fromEntries(
    Object.entries(env).filter(([, v]) => v !== undefined && v.trim() !== ''),
  );
  const parsed = envSchema.safeParse(given);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new ConfigError(
      `invalid configuration: ${issue?.path.join('.') || 'environment'} ${issue?.message}`,
    );
  }
  return parsed.data;
}
