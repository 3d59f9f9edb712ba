import { createHash, randomBytes } from 'node:crypto';
import type { Db } from '../db/client.js';
import { uuid7 } from '../db/ids.js';
import { personalWorkspaceOf } from '../workspaces/access.js';

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
  // The personal workspace is made with the user, in the same write.
  const id = uuid7();
  const user = await db.user.create({
    data: { id, name, personalWorkspace: personalWorkspaceOf(id) },
  });
  const { key, apiKey } = await createApiKey(db, user.id, keyName);
  return { user, key, apiKey };
}

export interface Viewer {
  id: string;
  name: string;
}

const LAST_USED_RESOLUTION_MS = 60_000;

export type KeyViewer = Viewer & { keyId: string };

/** The user a key belongs to, or null for an unknown or revoked key (always asks the database). */
export async function authenticateApiKey(db: Db, key: string): Promise<KeyViewer | null> {
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

/**
 * API keys verified against the database, and remembered for `cacheMs` (a bounded map of the
 * keys' hashes): a busy client costs one lookup per period, not one per request. A revocation
 * holds over HTTP within that period, and at once where the revocation is seen (`stillValid`,
 * which the WebSocket server calls for its open sockets).
 */
export class ApiKeyVerifier {
  private readonly cache = new Map<string, { viewer: KeyViewer; until: number }>();

  constructor(
    private readonly db: Db,
    private readonly options: { cacheMs: number; maxEntries?: number; now?: () => number },
  ) {}

  async verify(key: string): Promise<KeyViewer | null> {
    if (this.options.cacheMs <= 0) return authenticateApiKey(this.db, key);
    if (!key.startsWith(KEY_PREFIX) || key.length > 200) return null;
    const hash = hashApiKey(key);
    const now = this.now();
    const hit = this.cache.get(hash);
    if (hit && hit.until > now) return hit.viewer;
    this.cache.delete(hash);
    // Unknown keys are not remembered: a key created a moment ago must work at once.
    const viewer = await authenticateApiKey(this.db, key);
    if (viewer) {
      const max = this.options.maxEntries ?? 10_000;
      // Map order is insertion order: the oldest entry goes first.
      if (this.cache.size >= max) this.cache.delete(this.cache.keys().next().value as string);
      this.cache.set(hash, { viewer, until: now + this.options.cacheMs });
    }
    return viewer;
  }

  /** Which of these key ids are still usable (not revoked, not deleted); forgets the others. */
  async stillValid(keyIds: Iterable<string>): Promise<Set<string>> {
    const asked = new Set(keyIds);
    const ids = [...asked];
    if (!ids.length) return new Set();
    const rows = await this.db.apiKey.findMany({
      where: { id: { in: ids }, revokedAt: null },
      select: { id: true },
    });
    const valid = new Set(rows.map((r) => r.id));
    for (const [hash, entry] of this.cache) {
      if (asked.has(entry.viewer.keyId) && !valid.has(entry.viewer.keyId)) {
        this.cache.delete(hash);
      }
    }
    return valid;
  }

  private now() {
    return this.options.now?.() ?? Date.now();
  }
}

export function bearerToken(header: string | null | undefined): string | null {
  if (!header) return null;
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
  return match?.[1] ?? '';
}
