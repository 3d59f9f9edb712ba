import type { Logger } from 'pino';
import type { Viewer } from './auth/api-keys.js';
import type { EventLog } from './chat/events.js';
import type { ChatService } from './chat/service.js';
import type { Config } from './config.js';
import type { Db } from './db/client.js';
import { AppError } from './errors.js';
import type { RateLimiter } from './limits/rate-limit.js';
import type { AppPubSub } from './pubsub.js';
import type { SessionService } from './sessions/service.js';

/** Everything the app is built from; created once in createApp. */
export interface Services {
  config: Config;
  db: Db;
  logger: Logger;
  pubsub: AppPubSub;
  events: EventLog;
  sessions: SessionService;
  chat: ChatService;
  rateLimiter: RateLimiter;
  /** Throws when the pub/sub transport (Redis) is unreachable. */
  pingPubSub: () => Promise<void>;
  /** Name of the model in use, for health and logs ("local", "openai:gpt-4o-mini"). */
  modelName: string;
  databaseKind: 'pglite' | 'postgres';
}

export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** Why the presented credential was refused (no credential: undefined). */
  authError?: string;
  /** The API key or JWT subject the request used (rate limits). */
  credentialId?: string;
  db: Db;
  services: Services;
}

export function requireViewer(ctx: Context): Viewer {
  if (ctx.viewer) return ctx.viewer;
  throw AppError.unauthenticated(ctx.authError);
}

/** RATE_LIMITED with the seconds to wait. */
export function rateLimited(retryAfterSeconds: number, what = 'requests'): AppError {
  return new AppError('RATE_LIMITED', `Too many ${what}; retry in ${retryAfterSeconds} s`, {
    retryAfterSeconds,
  });
}
