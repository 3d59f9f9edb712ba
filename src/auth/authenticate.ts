import { type ApiKeyVerifier, bearerToken, type Viewer } from './api-keys.js';
import { type JwtVerifier, looksLikeJwt } from './jwt.js';

export interface AuthResult {
  viewer: Viewer | null;
  /** The credential used (API key id or JWT subject): the key of the per-credential rate limit. */
  credentialId?: string;
  /** Set when a credential was presented and refused. */
  authError?: string;
  /** The API key used (its revocation closes the sockets it opened). */
  keyId?: string;
  /** When the JWT used expires, in ms since the epoch (its sockets close then). */
  expiresAt?: number;
}

/** What checks credentials: API keys always, JWTs when configured. */
export interface Authenticator {
  apiKeys: ApiKeyVerifier;
  jwt?: JwtVerifier | null;
}

/**
 * Resolves an Authorization header value (HTTP header or graphql-ws connectionParams): an API key,
 * or a JWT when a verifier is configured.
 */
export async function authenticate(
  auth: Authenticator,
  authorization: unknown,
): Promise<AuthResult> {
  if (authorization == null || authorization === '') return { viewer: null };
  if (typeof authorization !== 'string')
    return { viewer: null, authError: 'Authorization must be a string' };
  const token = bearerToken(authorization);
  if (!token) return { viewer: null, authError: 'Authorization must be "Bearer <token>"' };
  if (auth.jwt && looksLikeJwt(token)) {
    const verified = await auth.jwt.verify(token);
    return verified
      ? {
          viewer: verified.viewer,
          credentialId: `jwt:${verified.viewer.id}`,
          expiresAt: verified.expiresAt,
        }
      : { viewer: null, authError: 'Invalid or expired token' };
  }
  const viewer = await auth.apiKeys.verify(token);
  return viewer
    ? {
        viewer: { id: viewer.id, name: viewer.name },
        credentialId: `key:${viewer.keyId}`,
        keyId: viewer.keyId,
      }
    : { viewer: null, authError: 'Invalid or revoked API key' };
}

/** Whether a request presents a credential at all (an Authorization value, even a bad one). */
export const presentsCredential = (authorization: unknown) =>
  authorization != null && authorization !== '';

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
