import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';

const KEY_PREFIX = 'csk_';

export const hashApiKey = (key: string) => createHash('sha256').update(key).digest('hex');

/** A new random key; only its SHA-256 is stored, so it is shown to its owner exactly once. */
export function generateApiKey(): { key: string; prefix: string; hash: string } {
  const key = `${KEY_PREFIX}${randomBytes(24).toString('base64url')}`;
  return { key, prefix: key.slice(0, KEY_PREFIX.length + 6), hash: hashApiKey(key) };
}

export async function createApiKey(db: Db, userId: string, name = 'default') {
  const { key, prefix, hash } = generateApiKey();
  const row = await db.apiKey.create({ data: { userId, name, prefix, hash } });
  return { key, apiKey: row };
}

export async function createUserWithKey(db: Db, name: string, keyName = 'default') {
  const user = await db.user.create({ data: { name } });
  const { key, apiKey } = await createApiKey(db, user.id, keyName);
  return { user, key, apiKey };
}

export interface Viewer {
  id: string;
  name: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

/** The user a key belongs to, or null for an unknown or revoked key. */
export async function authenticateApiKey(
  db: Db,
  key: string,
): Promise<(Viewer & { keyId: string }) | null> {
  if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
  const row = await db.apiKey.findUnique({
    where: { hash: hashApiKey(key) },
    include: { user: { select: { id: true, name: true } } },
  });
  if (!row || row.revokedAt) return null;
  // lastUsedAt is kept to the minute, so a busy key does not cost a write per request.
  const now = Date.now();
  if (!row.lastUsedAt || now - row.lastUsedAt.getTime() > LAST_USED_RESOLUTION_MS) {
    await db.apiKey.update({ where: { id: row.id }, data: { lastUsedAt: new Date(now) } });
  }
  return { ...row.user, keyId: row.id };
}

export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}
