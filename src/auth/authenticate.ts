import type { Db } from '../db/client.js';
import { authenticateApiKey, bearerToken, type Viewer } from './api-keys.js';

export interface AuthResult {
  viewer: Viewer | null;
  /** Set when a credential was presented and refused. */
  authError?: string;
}

/** Resolves an Authorization header value (HTTP header or graphql-ws connectionParams). */
export async function authenticate(db: Db, authorization: unknown): Promise<AuthResult> {
  if (authorization == null || authorization === '') return { viewer: null };
  if (typeof authorization !== 'string')
    return { viewer: null, authError: 'Authorization must be a string' };
  const token = bearerToken(authorization);
  if (!token) return { viewer: null, authError: 'Authorization must be "Bearer <token>"' };
  const viewer = await authenticateApiKey(db, token);
  return viewer ? { viewer } : { viewer: null, authError: 'Invalid or revoked API key' };
}

/** connectionParams.authorization, accepting the header's usual spellings. */
export function authorizationFromParams(
  params: Record<string, unknown> | undefined | null,
): unknown {
  if (!params) return undefined;
  return (
    params.authorization ??
    params.Authorization ??
    (params.headers as Record<string, unknown> | undefined)?.Authorization ??
    (params.headers as Record<string, unknown> | undefined)?.authorization
  );
}
