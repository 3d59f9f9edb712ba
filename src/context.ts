import { randomUUID } from 'node:crypto';
import type { Viewer } from './auth/api-keys.js';
import type { AuthResult } from './auth/authenticate.js';
import { ResponseBudget } from './limits/response-budget.js';
import type { Services } from './services.js';

/** The GraphQL context of one operation, over HTTP or WebSocket alike. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** Why the presented credential was refused (no credential: undefined). */
  authError?: string;
  /** The API key or JWT subject the request used (rate limits). */
  credentialId?: string;
  /** What the response (or each subscription payload) may weigh (RESPONSE_MAX_BYTES). */
  responseBudget: ResponseBudget;
  services: Services;
}

/** A context whose viewer is authenticated (what the `viewer` auth scope guarantees). */
export type ViewerContext = Context & { viewer: Viewer };

const laneOf =
  (services: Services, userId: string) =>
  <T>(load: () => Promise<T>) =>
    services.userLoads.run(userId, load);

/** The one place a request context is built. */
export function createContext(
  services: Services,
  auth: AuthResult,
  requestId: string | null = null,
): Context {
  return {
    requestId: requestId ?? randomUUID(),
    viewer: auth.viewer,
    authError: auth.authError,
    credentialId: auth.credentialId,
    responseBudget: new ResponseBudget(
      services.config.responseMaxBytes,
      auth.viewer ? laneOf(services, auth.viewer.id) : undefined,
    ),
    services,
  };
}
