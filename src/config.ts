import path from 'node:path';
import { z } from 'zod';

const intFrom = (fallback: number, min = 0) => z.coerce.number().int().min(min).default(fallback);
const optionalString = z
  .string()
  .trim()
  .transform((v) => v || undefined)
  .optional();

const envSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    PORT: intFrom(4000).pipe(z.number().max(65535)),
    HOST: z.string().default('0.0.0.0'),
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
  })
  .transform((env) => {
    const model = env.MODEL ?? (env.OPENAI_API_KEY ? 'openai:gpt-4o-mini' : 'local');
    return {
      nodeEnv: env.NODE_ENV,
      isProduction: env.NODE_ENV === 'production',
      port: env.PORT,
      host: env.HOST,
      dataDir: path.resolve(env.DATA_DIR),
      databaseUrl: env.DATABASE_URL,
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
    };
  })
  .superRefine((c, ctx) => {
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
