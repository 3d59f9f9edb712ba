import { createRemoteJWKSet, type JWTVerifyGetKey, jwtVerify } from 'jose';
import type { Db } from '../db/client.js';
import type { Viewer } from './api-keys.js';

export interface JwtVerifier {
  /** The user the token's `sub` names (created on first sight), or null for a bad token. */
  verify(token: string): Promise<Viewer | null>;
}

const looksLikeJwt = (token: string) => /^[\w-]+\.[\w-]+\.[\w-]*$/.test(token);

export { looksLikeJwt };

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
      let sub: string | undefined;
      try {
        const { payload } = await jwtVerify(token, key as Uint8Array, { algorithms });
        sub = payload.sub;
      } catch {
        return null;
      }
      if (!sub || sub.length > 255 || sub.includes('\0')) return null;
      const user = await db.user.upsert({
        where: { externalId: sub },
        update: {},
        create: { externalId: sub, name: `jwt:${sub}` },
        select: { id: true, name: true },
      });
      return user;
    },
  };
}
