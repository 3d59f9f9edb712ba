import { randomUUID } from 'node:crypto';
import type { Viewer } from './auth/api-keys.js';
import type { AuthResult } from './auth/authenticate.js';
import type { Services } from './services.js';

/** The GraphQL context of one operation, over HTTP or WebSocket alike. */
export interface Context {
  requestId: string;
  viewer: Viewer | null;
  /** Why the presented credential was refused (no credential: undefined). */
  authError?: string;
  /** The API key or JWT subject the request used (rate limits). */
  credentialId?: string;
  services: Services;
}

/** A context whose viewer is authenticated (what the `viewer` auth scope guarantees). */
export type ViewerContext = Context & { viewer: Viewer };

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
    services,
  };
}
