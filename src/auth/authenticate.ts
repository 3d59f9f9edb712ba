import type { Db } from '../db/client.js';
import { authenticateApiKey, bearerToken, type Viewer } from './api-keys.js';
import { type JwtVerifier, looksLikeJwt } from './jwt.js';

export interface AuthResult {
  viewer: Viewer | null;
  /** The credential used (API key id or JWT subject): the key of the per-credential rate limit. */
  credentialId?: string;
  /** Set when a credential was presented and refused. */
  authError?: string;
}

/**
 * Resolves an Authorization header value (HTTP header or graphql-ws connectionParams): an API key,
 * or a JWT when a verifier is configured.
 */
export async function authenticate(
  db: Db,
  authorization: unknown,
  jwt?: JwtVerifier | null,
): Promise<AuthResult> {
  if (authorization == null || authorization === '') return { viewer: null };
  if (typeof authorization !== 'string')
    return { viewer: null, authError: 'Authorization must be a string' };
  const token = bearerToken(authorization);
  if (!token) return { viewer: null, authError: 'Authorization must be "Bearer <token>"' };
  if (jwt && looksLikeJwt(token)) {
    const viewer = await jwt.verify(token);
    return viewer
      ? { viewer, credentialId: `jwt:${viewer.id}` }
      : { viewer: null, authError: 'Invalid or expired token' };
  }
  const viewer = await authenticateApiKey(db, token);
  return viewer
    ? { viewer: { id: viewer.id, name: viewer.name }, credentialId: `key:${viewer.keyId}` }
    : { viewer: null, authError: 'Invalid or revoked API key' };
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
