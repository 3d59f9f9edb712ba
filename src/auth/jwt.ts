import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Db } from '../db/client.js';
import { uuid7 } from '../db/ids.js';
import { hasUnstorable } from '../validation.js';
import { personalWorkspaceOf } from '../workspaces/access.js';
import type { Viewer } from './api-keys.js';

export interface JwtVerifier {
  /**
   * The user the token's `sub` names (created on first sight) and when the token expires (ms
   * since the epoch, when it says), or null for a bad token.
   */
  verify(token: string): Promise<{ viewer: Viewer; expiresAt?: number } | null>;
}

const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

export { looksLikeJwt };

/**
 * A subject names exactly one user: a non-empty string of at most 255 characters that the
 * database stores as it is (no NUL, no lone surrogate, which would be replaced and so make two
 * subjects one user). Anything else (a number, an array, …) is a bad token.
 */
export const validSubject = (sub: unknown): sub is string =>
  typeof sub === 'string' && sub.length >= 1 && sub.length <= 255 && !hasUnstorable(sub);

/** HS256 with a shared secret, or RS256/ES256/… keys from a JWKS URL. */
export function createJwtVerifier(
  db: Db,
  options: { secret?: string; jwksUrl?: string },
): JwtVerifier | null {
  let key: Uint8Array | JWTVerifyGetKey;
  let algorithms: string[] | undefined;
  if (options.secret) {
    key = new TextEncoder().encode(options.secret);
    algorithms = ['HS256'];
  } else if (options.jwksUrl) {
    key = createRemoteJWKSet(new URL(options.jwksUrl));
  } else {
    return null;
  }
  return {
    async verify(token) {
      let sub: unknown;
      let exp: unknown;
      try {
        const { payload } = await jwtVerify(token, key as Uint8Array, { algorithms });
        sub = payload.sub;
        exp = payload.exp;
      } catch {
        return null;
      }
      if (!validSubject(sub)) return null;
      const id = uuid7();
      const viewer = await db.user.upsert({
        where: { externalId: sub },
        update: {},
        create: {
          id,
          externalId: sub,
          name: `jwt:${sub}`,
          personalWorkspace: personalWorkspaceOf(id),
        },
        select: { id: true, name: true },
      });
      return { viewer, expiresAt: typeof exp === 'number' ? exp * 1000 : undefined };
    },
  };
}
